package dev.arca.rvps.security;

import dev.arca.service.security.ServiceSecurity;
import java.util.Set;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what on the RVPS — the one place it is declared (docs/security.md has the same table; the gRPC
 * listener applies the same rules in {@code GrpcCallers}). Everything not listed is denied.
 *
 * <ul>
 * <li>reads: the AS's caller token, or an admin token with role admin or {@code reader}; anyone only with
 * {@code arca.callers.allow-unauthenticated-callers};</li>
 * <li>registration and deletion: admins;</li>
 * <li>health, info, metrics and the OpenAPI document: open.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RvpsSecurityConfiguration {

    static final String AS = "attestation-service";

    @Bean
    SecurityFilterChain rvpsSecurity(HttpSecurity http, ServiceSecurity security) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        security.apply(http);
        http.authorizeHttpRequests(rules -> rules
                .requestMatchers(path.matcher(HttpMethod.GET, "/reference-values"),
                        path.matcher(HttpMethod.GET, "/reference-values/**"))
                .access(security.callersOrRoles(Set.of("reader"), AS))
                .requestMatchers(path.matcher(HttpMethod.POST, "/reference-values"),
                        path.matcher(HttpMethod.DELETE, "/reference-values/**")).access(security.admin())
                // operations: health, info, metrics, OpenAPI, the error page
                .requestMatchers(ServiceSecurity.operations()).permitAll()
                .anyRequest().denyAll());
        return http.build();
    }

    /**
     * Tomcat decodes {@code %2F} in the servlet path (the default passes it through undecoded, which the firewall
     * would then see as an encoded {@code %}); the router still captures the name from the raw URI.
     */
    @Bean
    TomcatConnectorCustomizer encodedSeparators() {
        return connector -> {
            connector.setEncodedSolidusHandling("decode");
            connector.setEncodedReverseSolidusHandling("reject");
        };
    }

    /**
     * Reference-value names contain {@code /}, also doubled ({@code rvps:///…}), and clients encode a name as one path
     * segment ({@code %2F}); the firewall lets slashes through in those forms (Tomcat passes {@code %2F} undecoded,
     * Spring decodes the captured name, and the security rules and the router match the same decoded path). Every
     * other rule of the strict firewall stays: no {@code ;}, no encoded {@code %}, {@code .} or {@code \}, no dot
     * segments.
     */
    @Bean
    WebSecurityCustomizer strictFirewall(dev.arca.service.security.ProblemSecurityHandlers handlers) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedDoubleSlash(true);
        return web -> web.httpFirewall(firewall).requestRejectedHandler(handlers);
    }
}
