package dev.arca.service.security;

import dev.arca.service.problem.ProblemKind;
import dev.arca.service.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's refusals as problem+json in the service's vocabulary: 401 with {@code WWW-Authenticate: Bearer}
 * for a missing or invalid credential, 403 for a credential that may not make the call, 400 (405 for a method the
 * firewall does not know) for a request the firewall refuses. The details say what was wrong, never which class
 * noticed.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);
    /** Methods {@link org.springframework.security.web.firewall.StrictHttpFirewall} lets through by default. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    private final ProblemWriter problems;

    public ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(response, ProblemKind.UNAUTHENTICATED, unauthenticated(e));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String reason = e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof ServiceSecurity.Refusal refusal
                ? refusal.reason()
                : "the credential presented may not " + request.getMethod() + " this path";
        problems.write(response, ProblemKind.FORBIDDEN, reason);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.info("request refused by the firewall: {}", e.getMessage());
        if (!KNOWN_METHODS.contains(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "GET, POST, PUT, DELETE");
            problems.write(response, ProblemKind.METHOD_NOT_ALLOWED, "this HTTP method is not supported");
            return;
        }
        problems.write(response, ProblemKind.BAD_REQUEST, "the request path or headers are not in canonical form: "
                + "no ';' parameters, encoded '/', '\\', '%' or '.', dot segments, empty segments or control "
                + "characters");
    }

    private static String unauthenticated(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            return "bearer token rejected: " + oauth.getError().getDescription();
        }
        return "this call needs an Authorization: Bearer token";
    }
}
