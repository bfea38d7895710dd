package dev.arca.attestation.security;

import dev.arca.service.security.ServiceSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what on the attestation service — the one place it is declared (docs/security.md has the same table).
 * Everything not listed is denied.
 *
 * <ul>
 * <li>the internal API (evidence appraisal, challenges, policy reads): the KBS with its caller token (or an admin);
 * an upstream KBS only with {@code arca.callers.allow-unauthenticated-callers}, which is logged;</li>
 * <li>policy changes: admins;</li>
 * <li>token verification material (JWKS, certificate chain), health, info, metrics, the OpenAPI document: open.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class AsSecurityConfiguration {

    /** The caller name of Arca's KBS ({@code arca.callers.name} there). */
    static final String KBS = "kbs";

    @Bean
    SecurityFilterChain attestationServiceSecurity(HttpSecurity http, ServiceSecurity security) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        security.apply(http);
        http.authorizeHttpRequests(rules -> rules
                // every method of these paths, so a caller's wrong method is MVC's 405, not a bare refusal
                .requestMatchers(path.matcher("/attestation"), path.matcher("/challenge"))
                .access(security.callers(KBS))
                .requestMatchers(path.matcher(HttpMethod.GET, "/policy"),
                        path.matcher(HttpMethod.GET, "/policy/*")).access(security.callers(KBS))
                .requestMatchers(path.matcher("/policy"), path.matcher("/policy/*")).access(security.admin())
                // token verification material
                .requestMatchers(path.matcher(HttpMethod.GET, "/.well-known/jwks.json"),
                        path.matcher(HttpMethod.GET, "/certificates")).permitAll()
                // operations: health, info, metrics, OpenAPI, the error page
                .requestMatchers(ServiceSecurity.operations()).permitAll()
                .anyRequest().denyAll());
        return http.build();
    }
}
