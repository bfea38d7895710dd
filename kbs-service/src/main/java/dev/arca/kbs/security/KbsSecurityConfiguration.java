package dev.arca.kbs.security;

import dev.arca.kbs.admin.AdminAcl;
import dev.arca.kbs.plugin.PluginAccess;
import dev.arca.service.security.AdminProperties;
import dev.arca.service.security.ServiceSecurity;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.UrlPathHelper;

/**
 * Who may call what on the KBS — the one place it is declared (docs/security.md has the same table). Everything not
 * listed is denied.
 *
 * <ul>
 * <li>guests: the RCAR handshake ({@code POST /kbs/v0/auth}, {@code POST /kbs/v0/attest}) is open; the attested calls
 * ({@code GET} of a resource, the certificate plugin, any plugin's attested call) are authenticated by the
 * attestation token of the session cookie or the {@code Authorization: Bearer} header, which the release path
 * verifies and audits (so this chain leaves those bearer tokens alone);</li>
 * <li>admins: every other KBS endpoint — a bearer admin JWT whose role the ACL ({@code arca.admin.acl}) allows for
 * the method and the decoded path;</li>
 * <li>operations: health probes, info, metrics and the OpenAPI document are open (the Helm chart keeps them
 * in-cluster).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class KbsSecurityConfiguration {

    /** Methods the KBS serves under {@code /kbs/}; others are answered 405 by {@link dev.arca.kbs.web.KbsMethodFilter}. */
    private static final Set<String> KBS_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    /** The path as Spring MVC routes it (percent-decoded), so an ACL never sees a spelling the router does not. */
    private static final UrlPathHelper DECODED = new UrlPathHelper();

    @Bean
    SecurityFilterChain kbsSecurity(HttpSecurity http, ServiceSecurity security, AdminProperties admin,
            PluginAccess plugins) throws Exception {
        AdminAcl acl = AdminAcl.parse(admin.acl(), admin.requiredRole());
        var adminCall = security.adminWhere((authentication, request) -> {
            String role = ServiceSecurity.roleOf(authentication);
            if (role == null) {
                return new AuthorizationDecision(false);
            }
            String decoded = DECODED.getPathWithinApplication(request);
            return acl.allows(role, request.getMethod(), decoded) ? new AuthorizationDecision(true)
                    : new ServiceSecurity.Refusal("Admin access denied: Role " + role + " not allowed for "
                            + request.getMethod() + " path " + decoded);
        });
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher underKbs = path.matcher("/kbs/v0/**");
        RequestMatcher builtInAdmin = new OrRequestMatcher(path.matcher("/kbs/v0/admin/**"),
                path.matcher("/kbs/v0/resource-policy"),
                path.matcher("/kbs/v0/attestation-policy"),
                path.matcher("/kbs/v0/reference-value"),
                path.matcher("/kbs/v0/reference-value/**"),
                // upstream's resource listing; a resource's own path is the resource plugin's
                path.matcher(HttpMethod.GET, "/kbs/v0/resource"));
        RequestMatcher pluginAdmin = request -> underKbs.matches(request) && !builtInAdmin.matches(request)
                && plugins.classify(request) == PluginAccess.Kind.ADMIN;
        RequestMatcher guestPaths = request -> underKbs.matches(request) && !builtInAdmin.matches(request)
                && plugins.classify(request) == PluginAccess.Kind.ATTESTED;
        // below /kbs/v0/ a bearer token is an admin JWT only on admin calls; elsewhere it is a guest's attestation
        // token (or junk on a path the dispatcher refuses), which the release path checks, not this chain
        security.apply(http, request -> underKbs.matches(request) && !builtInAdmin.matches(request)
                && !pluginAdmin.matches(request));
        http.authorizeHttpRequests(rules -> rules
                // admins: the built-in admin endpoints (before any plugin rule: they are no plugins)
                .requestMatchers(builtInAdmin).access(adminCall)
                // guests
                .requestMatchers(path.matcher(HttpMethod.POST, "/kbs/v0/auth")).permitAll()
                .requestMatchers(path.matcher(HttpMethod.POST, "/kbs/v0/attest")).permitAll()
                .requestMatchers(guestPaths).permitAll()
                // methods the KBS does not serve: 405 from KbsMethodFilter, never a handler
                .requestMatchers(request -> request.getRequestURI().startsWith("/kbs/")
                        && !KBS_METHODS.contains(request.getMethod())).permitAll()
                // no plugin of that name, or a request its plugin refuses as malformed: the dispatcher answers
                // 404 / 4xx before it does any work
                .requestMatchers(request -> underKbs.matches(request) && Set.of(PluginAccess.Kind.NO_PLUGIN,
                        PluginAccess.Kind.REFUSED).contains(plugins.classify(request))).permitAll()
                // admins: every plugin's admin calls
                .requestMatchers(pluginAdmin).access(adminCall)
                // operations: health, info, metrics, OpenAPI, the error page
                .requestMatchers(ServiceSecurity.operations()).permitAll()
                .anyRequest().denyAll());
        return http.build();
    }
}
