package dev.arca.kbs.web;

import dev.arca.service.problem.ProblemKind;
import dev.arca.service.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only GET, POST, PUT and DELETE exist under {@code /kbs/} (Trustee kbs_attestation_protocol.md). Without this filter
 * Spring would answer OPTIONS itself and run GET handlers for HEAD — a HEAD on a resource would then perform (and
 * audit) a release whose body is thrown away.
 */
@Component
public class KbsMethodFilter extends OncePerRequestFilter {

    private static final Set<String> ALLOWED = Set.of("GET", "POST", "PUT", "DELETE");

    private final ProblemWriter problems;

    public KbsMethodFilter(ProblemWriter problems) {
        this.problems = problems;
    }

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
        response.setHeader("Allow", "GET, POST, PUT, DELETE");
        problems.write(response, ProblemKind.METHOD_NOT_ALLOWED, "method " + request.getMethod()
                + " is not supported by the KBS");
    }
}
