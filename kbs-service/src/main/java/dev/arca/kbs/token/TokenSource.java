package dev.arca.kbs.token;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.session.SessionState;
import dev.arca.kbs.session.SessionStore;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Finds the attestation token of a resource request (specs/kbs.md §3.5): the token of a live attested cookie
 * session first (the Authorization header is then ignored), else {@code Authorization: Bearer} (passport mode).
 */
@Component
public class TokenSource {

    private static final String BEARER = "Bearer ";

    private final SessionStore sessions;
    private final Clock clock;

    public TokenSource(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A token and how it was presented ("cookie" or "bearer"), for the audit record. */
    public record Presented(String token, String via) {
    }

    public Presented find(HttpServletRequest request) {
        var fromSession = SessionCookie.read(request)
                .filter(SessionCookie::isWellFormed)
                .flatMap(id -> sessions.find(id, clock.instant()))
                .map(session -> session.state() instanceof SessionState.Attested attested ? attested.token() : null);
        if (fromSession.isPresent()) {
            return new Presented(fromSession.get(), "cookie");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return new Presented(token, "bearer");
            }
        }
        throw new KbsException(KbsErrorType.TokenNotFound, "Attestation Token not found");
    }
}
