package dev.arca.rvps.web;

import dev.arca.rvps.RvpsProperties;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** HTTP-level settings: the body size limit and how Tomcat treats {@code %2F} in paths. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            RvpsProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(
                Math.toIntExact(properties.maxRequestSize().toBytes()), exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Reference-value names contain {@code /}; a client that encodes the name as one path segment sends
     * {@code %2F}, which Tomcat rejects by default. Passing it through undecoded keeps Tomcat's own path handling
     * safe while Spring decodes the captured name.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInNames() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
