package dev.arca.kbs.ops;

import dev.arca.kbs.error.Problems;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits POST /kbs/v0/auth per client address ({@link AuthRateLimitProperties}); an exhausted client gets 429
 * TooManyRequests with {@code Retry-After}. The address is the servlet's remote address: behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} and {@code server.tomcat.remoteip.internal-proxies} so it is the
 * client's, taken from X-Forwarded-For only when a trusted proxy sent it (docs/kbs.md "Rate limit").
 */
@Component
public class AuthRateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthRateLimitFilter.class);

    private final AuthRateLimitProperties properties;
    private final TokenBuckets buckets;
    private final Counter refused;

    public AuthRateLimitFilter(AuthRateLimitProperties properties, Clock clock, MeterRegistry registry) {
        this.properties = properties;
        this.buckets = new TokenBuckets(properties.burst(), properties.perMinute(), properties.maxClients(), clock);
        this.refused = Counter.builder("arca.kbs.auth.rate.limited")
                .description("/auth calls refused by the rate limit")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !"POST".equals(request.getMethod())
                || !"/kbs/v0/auth".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TokenBuckets.Attempt attempt = buckets.take(request.getRemoteAddr());
        if (attempt.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        log.info("rate limit: /auth from {} refused", request.getRemoteAddr());
        long seconds = Math.max(1, (attempt.retryAfter().toMillis() + 999) / 1000);
        ErrorInformation problem = ErrorInformation.kbs(KbsErrorType.TooManyRequests,
                "too many /kbs/v0/auth calls from this address; retry in " + seconds + " s");
        response.setStatus(problem.status());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.getOutputStream().write(Json.writeBytes(problem));
    }
}
