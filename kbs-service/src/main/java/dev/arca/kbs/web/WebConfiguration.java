package dev.arca.kbs.web;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.service.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The largest body of any KBS request (a resource upload may be larger than a protocol message), enforced by
 * service-support's filter; {@link RequestBodies} applies each endpoint's own limit.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    RequestBodyLimit requestBodyLimit(KbsProperties properties) {
        return new RequestBodyLimit(Math.max(properties.maxRequestBody().toBytes(),
                properties.maxResourceSize().toBytes()));
    }
}
