package dev.arca.kbs.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets an encoded slash ({@code %2F}) through to the application undecoded, where {@link KbsPath} refuses it with a
 * problem+json 400, instead of Tomcat answering with its own HTML error page. The encoded slash is never turned into
 * a separator (specs/kbs.md §1.1).
 */
@Configuration(proxyBeanMethods = false)
public class TomcatPathConfiguration {

    @Bean
    public TomcatConnectorCustomizer encodedSlashPassthrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
