package dev.arca.rvps.web;

import dev.arca.rvps.RvpsProperties;
import dev.arca.service.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The body size limit ({@code arca.rvps.max-request-size}), enforced by service-support's filter. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    RequestBodyLimit requestBodyLimit(RvpsProperties properties) {
        return new RequestBodyLimit(properties.maxRequestSize().toBytes());
    }
}
