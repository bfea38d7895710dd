package dev.arca.kbs.web;

import dev.arca.kbs.error.Problems;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only GET, POST, PUT and DELETE exist under {@code /kbs/} (specs/kbs.md §1.1). Without this filter Spring would
 * answer OPTIONS itself and run GET handlers for HEAD — a HEAD on a resource would then perform (and audit) a release
 * whose body is thrown away.
 */
@Component
public class KbsMethodFilter extends OncePerRequestFilter {

    private static final Set<String> ALLOWED = Set.of("GET", "POST", "PUT", "DELETE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/kbs/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ALLOWED.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(405);
        response.setHeader("Allow", "GET, POST, PUT, DELETE");
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.getOutputStream().write(Json.writeBytes(Problems.withStatus(KbsErrorType.InvalidRequest, 405,
                "method " + request.getMethod() + " is not supported by the KBS")));
    }
}
