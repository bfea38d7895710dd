package dev.arca.service;

import com.nimbusds.jose.JOSEException;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.admin.VerificationKey;
import dev.arca.model.caller.CallerKeyFile;
import dev.arca.service.declarative.RefusalReporter;
import dev.arca.service.kubernetes.KubernetesEventProperties;
import dev.arca.service.kubernetes.KubernetesEvents;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemWriter;
import dev.arca.service.security.AdminProperties;
import dev.arca.service.security.CallerProperties;
import dev.arca.service.security.CallerTokens;
import dev.arca.service.security.JwtDecoders;
import dev.arca.service.security.ProblemSecurityHandlers;
import dev.arca.service.security.ServiceSecurity;
import dev.arca.service.web.ContainerConfiguration;
import dev.arca.service.web.NoMultipartBodies;
import dev.arca.service.web.CorrelationId;
import dev.arca.service.web.Healthz;
import dev.arca.service.web.ProblemErrorController;
import dev.arca.service.web.RequestBodyLimit;
import dev.arca.service.web.RequestSizeLimit;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The plumbing every Arca service shares (docs/architecture.md). A service supplies its
 * {@link ProblemCatalogue} and its {@code SecurityFilterChain}, built with {@link ServiceSecurity}; everything else
 * comes from here.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration"})
@EnableConfigurationProperties({AdminProperties.class, CallerProperties.class, KubernetesEventProperties.class})
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Spring Security's observations are off ({@code management.observations.enable.spring.security=false}); saying
     * so here as well drops the decorator that still wrapped each filter of the chain in a no-op observation on every
     * request (docs/performance.md, "Third round"). The chains themselves are unchanged.
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * No endpoint of an Arca service takes a multipart body, so none is parsed as one: a malformed multipart body
     * failed in the dispatcher before any handler (a 500). The body now reaches the handler as is, which refuses its
     * media type like any other it does not take.
     */
    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver() {
        return new NoMultipartBodies();
    }

    /** Where refused declarative files are reported besides the log: Kubernetes Events when turned on. */
    @Bean
    @ConditionalOnMissingBean
    RefusalReporter declaredFileRefusals(KubernetesEventProperties events, Clock clock,
            @Value("${spring.application.name:arca}") String component) {
        return events.enabled() ? KubernetesEvents.inCluster(events, component, System.getenv(), clock)
                : RefusalReporter.NONE;
    }

    @Bean
    ProblemWriter problemWriter(ProblemCatalogue catalogue) {
        return new ProblemWriter(catalogue);
    }

    @Bean
    ProblemErrorController problemErrorController(ProblemCatalogue catalogue) {
        return new ProblemErrorController(catalogue);
    }

    @Bean
    Healthz healthz(org.springframework.boot.availability.ApplicationAvailability availability) {
        return new Healthz(availability);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemWriter problems) {
        return new ProblemSecurityHandlers(problems);
    }

    @Bean
    FilterRegistrationBean<CorrelationId> correlationIdFilter() {
        FilterRegistrationBean<CorrelationId> registration = new FilterRegistrationBean<>(new CorrelationId());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /** The service's {@link RequestBodyLimit}, or 1 MiB when it declares none. */
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ObjectProvider<RequestBodyLimit> limit,
            ProblemWriter problems) {
        long bytes = limit.getIfAvailable(() -> new RequestBodyLimit(1024 * 1024)).bytes();
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(bytes, problems));
        // right after the correlation id, before security: an oversized body is refused before anything reads it
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** A service whose paths carry encoded slashes (the RVPS) replaces it by name. */
    @Bean
    @ConditionalOnMissingBean(name = "encodedSeparators")
    TomcatConnectorCustomizer encodedSeparators() {
        return ContainerConfiguration.encodedSeparatorsPassThrough();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ProblemCatalogue catalogue) {
        return ContainerConfiguration.problemErrorReports(catalogue);
    }

    /**
     * Spring Security's strict firewall with its defaults (no {@code ;}, no encoded {@code /}, {@code \}, {@code %}
     * or {@code .}, no dot or empty segments, printable headers), its refusals answered as problem+json.
     */
    @Bean
    @ConditionalOnMissingBean(name = "strictFirewall")
    WebSecurityCustomizer strictFirewall(ProblemSecurityHandlers handlers) {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        return web -> web.httpFirewall(firewall).requestRejectedHandler(handlers);
    }

    /** The admin keys: PEM files and/or an http(s) JWK set. A service with other key locations defines its own. */
    @Bean
    @ConditionalOnMissingBean
    AdminKeySource adminKeySource(AdminProperties admin, Clock clock) {
        return AdminKeySource.fromConfiguration(admin.publicKeyFiles(), admin.jwksUrl(), clock);
    }

    @Bean
    ServiceSecurity serviceSecurity(AdminProperties admin, CallerProperties callers, AdminKeySource adminKeys,
            ProblemSecurityHandlers handlers, Clock clock) {
        JwtDecoder adminDecoder = adminKeys.isEmpty() ? null : JwtDecoders.admin(adminKeys, admin, clock);
        Map<String, List<VerificationKey>> trusted = trustedCallers(callers);
        if (!trusted.isEmpty() && (callers.name() == null || callers.name().isBlank())) {
            // without its own name no caller token could name this service as its audience: refuse to start
            throw new IllegalStateException("arca.callers.trusted is set but arca.callers.name is not: set the name "
                    + "the callers address their tokens to (kbs, attestation-service or rvps)");
        }
        JwtDecoder callerDecoder = trusted.isEmpty() || callers.name() == null ? null
                : JwtDecoders.callers(trusted, callers.name(), admin.clockSkew(), clock);
        return new ServiceSecurity(admin, callers,
                ServiceSecurity.bearer(adminDecoder, callerDecoder, trusted.keySet()), handlers);
    }

    /** This service's own credential for its calls to other Arca services, when it has a key file. */
    @Bean
    @ConditionalOnProperty("arca.callers.key-file")
    CallerTokens callerTokens(CallerProperties callers, Clock clock) throws IOException, JOSEException {
        if (callers.name() == null || callers.name().isBlank()) {
            throw new IllegalStateException("arca.callers.name must be set when arca.callers.key-file is");
        }
        return new CallerTokens(callers.name(), CallerKeyFile.loadOrCreate(callers.keyFile()),
                callers.tokenLifetime(), clock);
    }

    private static Map<String, List<VerificationKey>> trustedCallers(CallerProperties callers) {
        Map<String, List<VerificationKey>> trusted = new LinkedHashMap<>();
        callers.trusted().forEach((name, files) -> {
            List<VerificationKey> keys = new ArrayList<>();
            for (Path file : files) {
                try {
                    for (PublicKey key : PemKeys.readPublicKeys(file)) {
                        keys.add(VerificationKey.of(key));
                    }
                } catch (IOException | IllegalArgumentException | JOSEException e) {
                    throw new IllegalStateException("cannot read the key file " + file + " of caller " + name + " ("
                            + "arca.callers.trusted." + name + "): " + e.getMessage(), e);
                }
            }
            trusted.put(name, List.copyOf(keys));
        });
        return trusted;
    }
}
