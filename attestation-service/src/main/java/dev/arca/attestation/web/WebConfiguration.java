package dev.arca.attestation.web;

import dev.arca.attestation.config.AsProperties;
import dev.arca.service.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The body size limit ({@code arca.as.max-request-size}), enforced by service-support's filter. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    RequestBodyLimit requestBodyLimit(AsProperties properties) {
        return new RequestBodyLimit(properties.maxRequestSize().toBytes());
    }
}
