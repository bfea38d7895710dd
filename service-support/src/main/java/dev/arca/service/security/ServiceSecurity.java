package dev.arca.service.security;

import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import dev.arca.model.admin.AdminIdentity;
import org.slf4j.Logger;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What every service's {@code SecurityFilterChain} shares (docs/security.md): stateless, no sessions, no CSRF (no
 * cookies authenticate anything here), no form or basic login; bearer JWTs through Spring Security's resource server
 * with {@link BearerAuthentication}; refusals as problem+json. Each service then declares, in one place, who may
 * call each of its endpoints with the rules built here ({@link #admin()}, {@link #callers}) and denies the rest.
 */
public final class ServiceSecurity {

    private static final Logger log = LoggerFactory.getLogger(ServiceSecurity.class);

    private final AdminProperties admin;
    private final CallerProperties callers;
    private final AuthenticationManager bearer;
    private final ProblemSecurityHandlers handlers;

    public ServiceSecurity(AdminProperties admin, CallerProperties callers, AuthenticationManager bearer,
            ProblemSecurityHandlers handlers) {
        this.admin = admin;
        this.callers = callers;
        this.bearer = bearer;
        this.handlers = handlers;
        announce();
    }

    /**
     * The shared settings. {@code foreignBearer} matches requests whose {@code Authorization: Bearer} is not ours to
     * check (the KBS's attestation tokens on the guest paths): the resource server leaves them alone.
     */
    public HttpSecurity apply(HttpSecurity http, RequestMatcher foreignBearer) throws Exception {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        BearerTokenResolver resolver = request -> {
            // two Authorization headers are not one credential (RFC 9110 §11.6.2): which one a proxy, this chain and
            // a handler each see could differ, so refuse rather than pick the first
            java.util.Enumeration<String> values = request.getHeaders(org.springframework.http.HttpHeaders.AUTHORIZATION);
            if (values != null && values.hasMoreElements()) {
                values.nextElement();
                if (values.hasMoreElements()) {
                    throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                            "more than one Authorization header");
                }
            }
            return foreignBearer.matches(request) ? null : standard.resolve(request);
        };
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(resolver)
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers));
    }

    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return apply(http, request -> false);
    }

    /**
     * What every service answers to anyone: the health probes (Spring's and upstream's {@code /healthz}), build info, Prometheus metrics and the OpenAPI
     * document (the Helm chart's NetworkPolicy keeps them in-cluster), and the container's error page.
     */
    public static RequestMatcher[] operations() {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        return new RequestMatcher[] {
            path.matcher(HttpMethod.GET, "/healthz"),
            path.matcher(HttpMethod.GET, "/actuator/health"),
            path.matcher(HttpMethod.GET, "/actuator/health/**"),
            path.matcher(HttpMethod.GET, "/actuator/info"),
            path.matcher(HttpMethod.GET, "/actuator/prometheus"),
            path.matcher(HttpMethod.GET, "/v3/api-docs"),
            path.matcher(HttpMethod.GET, "/v3/api-docs/**"),
            path.matcher("/error")
        };
    }

    /** The bearer-token authentication of a service (either decoder may be null: that kind is then refused). */
    public static AuthenticationManager bearer(org.springframework.security.oauth2.jwt.JwtDecoder admin,
            org.springframework.security.oauth2.jwt.JwtDecoder callers, Set<String> callerNames) {
        return new BearerAuthentication(admin, callers, callerNames);
    }

    /** Admin calls: an admin token with the superuser role (or as {@code arca.admin.mode} says). */
    public AuthorizationManager<RequestAuthorizationContext> admin() {
        return adminWhere((authentication, request) -> {
            String role = roleOf(authentication);
            if (role == null) {
                return new AuthorizationDecision(false);
            }
            return role.equals(admin.requiredRole()) ? new AuthorizationDecision(true)
                    : new Refusal("the token's role '" + role + "' is not the admin role '" + admin.requiredRole()
                            + "'");
        });
    }

    /**
     * Admin calls decided by {@code rule} for authenticated admin tokens; {@code deny-all} and
     * {@code insecure-allow-all} modes override it.
     */
    public AuthorizationManager<RequestAuthorizationContext> adminWhere(AdminRule rule) {
        return switch (admin.mode()) {
            case DENY_ALL -> (authentication, context) -> new Refusal(
                    "admin access denied: deny-all mode is enabled (arca.admin.mode)");
            case INSECURE_ALLOW_ALL -> (authentication, context) -> {
                HttpServletRequest request = context.getRequest();
                log.warn("INSECURE: admin call {} {} allowed without authentication (arca.admin.mode="
                        + "insecure-allow-all)", request.getMethod(), request.getRequestURI());
                return new AuthorizationDecision(true);
            };
            case AUTHENTICATED -> (authentication, context) -> rule.decide(authentication.get(),
                    context.getRequest());
        };
    }

    /**
     * Internal calls: a caller token from one of {@code names}, an admin token, or — only with the warned switch
     * {@code arca.callers.allow-unauthenticated-callers} — anyone.
     */
    public AuthorizationManager<RequestAuthorizationContext> callers(String... names) {
        return callersOrRoles(Set.of(), names);
    }

    /** As {@link #callers}, also for admin tokens with one of {@code roles} (e.g. the RVPS's {@code reader}). */
    public AuthorizationManager<RequestAuthorizationContext> callersOrRoles(Set<String> roles, String... names) {
        return (authentication, context) -> {
            Authentication who = authentication.get();
            if (!allowsCaller(who, roles, names)) {
                return new AuthorizationDecision(false);
            }
            if (!identifiedCaller(who, roles, names)) {
                HttpServletRequest request = context.getRequest();
                log.warn("internal call {} {} allowed without a caller credential (arca.callers.allow-unauthenticated-"
                        + "callers or arca.admin.mode=insecure-allow-all)", request.getMethod(), request.getRequestURI());
            }
            return new AuthorizationDecision(true);
        };
    }

    /**
     * The admin the current request was authorised for. Handlers call it for their logs and audit records; it also
     * refuses (403) when a request reached an admin handler without an admin token, outside insecure-allow-all mode
     * — a second line behind the filter chain.
     */
    public AdminIdentity adminCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String role = roleOf(authentication);
        if (role != null && authentication instanceof JwtAuthenticationToken jwt) {
            String subject = jwt.getToken().getSubject();
            return new AdminIdentity(subject == null ? "(no subject)" : subject, role);
        }
        if (admin.mode() == AdminMode.INSECURE_ALLOW_ALL) {
            return new AdminIdentity("anonymous", "insecure-allow-all");
        }
        throw new AccessDeniedException("an admin token is required");
    }

    /**
     * Authenticates the {@code Authorization} value of a call that does not pass through the filter chain (the RVPS's
     * gRPC listener), with the same decoders as HTTP calls.
     *
     * @return the authentication, or null when no credential was presented
     * @throws org.springframework.security.core.AuthenticationException when the credential is invalid
     */
    public Authentication authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return null;
        }
        // the token must not be blank either: BearerTokenAuthenticationToken refuses one with an
        // IllegalArgumentException, which a caller would see as an internal error
        String token = authorizationHeader.length() > 7 ? authorizationHeader.substring(7).strip() : "";
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7) || token.isEmpty()) {
            throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException(
                    "the Authorization value is not \"Bearer <token>\"");
        }
        return bearer.authenticate(new org.springframework.security.oauth2.server.resource.authentication
                .BearerTokenAuthenticationToken(token));
    }

    /** Whether {@code authentication} (null = none presented) may make an admin call, as {@link #admin()} decides. */
    public boolean allowsAdmin(Authentication authentication) {
        return switch (admin.mode()) {
            case DENY_ALL -> false;
            case INSECURE_ALLOW_ALL -> true;
            case AUTHENTICATED -> hasAuthority(authentication, BearerAuthentication.ROLE_PREFIX + admin.requiredRole());
        };
    }

    /**
     * Whether {@code authentication} may make an internal call (over HTTP through {@link #callersOrRoles}, over gRPC
     * directly): an identified caller, or anyone while an open switch is on.
     */
    public boolean allowsCaller(Authentication authentication, Set<String> roles, String... names) {
        return identifiedCaller(authentication, roles, names) || admin.mode() == AdminMode.INSECURE_ALLOW_ALL
                || callers.allowUnauthenticatedCallers();
    }

    /** A caller token of one of {@code names}, an admin token of the admin role, or one with one of {@code roles}. */
    private boolean identifiedCaller(Authentication authentication, Set<String> roles, String... names) {
        for (String name : names) {
            if (hasAuthority(authentication, BearerAuthentication.CALLER_PREFIX + name)) {
                return true;
            }
        }
        String role = roleOf(authentication);
        boolean admins = admin.mode() == AdminMode.AUTHENTICATED && admin.requiredRole().equals(role);
        return admins || (role != null && roles.contains(role));
    }

    public static boolean hasAuthority(Authentication authentication, String authority) {
        return authentication != null && authentication.isAuthenticated() && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }

    /** The role an admin token carries, or null for any other authentication. */
    public static String roleOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(BearerAuthentication.ROLE_PREFIX))
                .map(a -> a.substring(BearerAuthentication.ROLE_PREFIX.length()))
                .findFirst().orElse(null);
    }

    private void announce() {
        switch (admin.mode()) {
            case DENY_ALL -> log.info("admin API disabled (arca.admin.mode=deny-all)");
            case INSECURE_ALLOW_ALL -> log.warn("""
                    *****************************************************************************************
                    INSECURE: arca.admin.mode=insecure-allow-all — every admin call is allowed WITHOUT any
                    credential: anyone who can reach this port can change this service. Development only.
                    *****************************************************************************************""");
            case AUTHENTICATED -> log.info("admin API: bearer JWTs, superuser role '{}'", admin.requiredRole());
        }
        for (AdminProperties.DefaultRole entry : admin.defaultRoles()) {
            log.info("admin tokens without a role claim signed by the key of {} get role '{}' (arca.admin.default-roles)",
                    entry.publicKeyFile(), entry.role());
        }
        if (callers.allowUnauthenticatedCallers()) {
            log.warn("INSECURE: arca.callers.allow-unauthenticated-callers=true — the internal API of this service "
                    + "accepts calls without a caller credential (for an upstream KBS or AS); keep the port private");
        }
    }

    /**
     * A decision over the caller's authentication and the request: granted, a plain denial (no admin token: 401 for
     * an anonymous caller), or a {@link Refusal} whose reason the 403 shows.
     */
    @FunctionalInterface
    public interface AdminRule {
        AuthorizationResult decide(Authentication authentication, HttpServletRequest request);
    }

    /** A denial with a reason the caller may read. */
    public record Refusal(String reason) implements AuthorizationResult {

        @Override
        public boolean isGranted() {
            return false;
        }
    }
}
