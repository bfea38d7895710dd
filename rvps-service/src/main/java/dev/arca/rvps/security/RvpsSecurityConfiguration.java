package dev.arca.rvps.security;

import dev.arca.rvps.grpc.GrpcProperties;
import dev.arca.service.security.ServiceSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Who may call what on the RVPS — the one place it is declared (docs/security.md has the same table). The HTTP rules
 * are the filter chain below; the gRPC listener's are {@link GrpcCallers}, built here, the same rules with the call's
 * metadata for the header. Everything not listed is denied.
 *
 * <ul>
 * <li>reads: the AS's caller token, or an admin token with role admin or {@code reader}; anyone only with
 * {@code arca.callers.allow-unauthenticated-callers};</li>
 * <li>registration and deletion: admins;</li>
 * <li>gRPC only, for upstream Attestation Services (their client sends no metadata), both off by default: the
 * registration secret ({@code arca.rvps.grpc.registration-secret-file}) registers and queries, and with
 * {@code arca.rvps.grpc.trust-network-callers} a call without metadata does (warned at start);</li>
 * <li>health, info, metrics and the OpenAPI document: open (gRPC: the standard health service).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RvpsSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RvpsSecurityConfiguration.class);

    static final String AS = "attestation-service";
    /** Admin-token roles that may read reference values besides the superuser role. */
    static final Set<String> READER_ROLES = Set.of("reader");

    @Bean
    GrpcCallers grpcCallers(ServiceSecurity security, GrpcProperties grpc) {
        return grpcCallers(security, grpc, log);
    }

    /** The gRPC rules of {@code grpc}, announced on {@code announce} (a WARN while network callers are trusted). */
    static GrpcCallers grpcCallers(ServiceSecurity security, GrpcProperties grpc, Logger announce) {
        RegistrationSecret secret = grpc.registrationSecretFile() == null ? null
                : RegistrationSecret.read(grpc.registrationSecretFile());
        if (secret != null) {
            announce.info("gRPC: calls carrying the registration secret ({}) may register and query reference values",
                    grpc.registrationSecretFile());
        }
        if (grpc.trustNetworkCallers()) {
            announce.warn("INSECURE: arca.rvps.grpc.trust-network-callers=true — gRPC calls WITHOUT any credential may "
                    + "register and query reference values; anyone who can reach {}:{} can change what attestation "
                    + "accepts. Keep the port reachable only by the attestation service (loopback, a NetworkPolicy)",
                    grpc.address(), grpc.port());
        }
        return new GrpcCallers(security, secret, grpc.trustNetworkCallers());
    }

    @Bean
    SecurityFilterChain rvpsSecurity(HttpSecurity http, ServiceSecurity security) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        security.apply(http);
        http.authorizeHttpRequests(rules -> rules
                .requestMatchers(path.matcher(HttpMethod.GET, "/reference-values"),
                        path.matcher(HttpMethod.GET, "/reference-values/**"))
                .access(security.callersOrRoles(READER_ROLES, AS))
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
