package dev.arca.kbs.token;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.Session;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.session.SessionState;
import dev.arca.kbs.session.SessionStore;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.ProtocolVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Finds the attestation token of a resource request (Trustee attestation_token_verification.md): the token of a live
 * attested cookie session first (the Authorization header is then ignored), else {@code Authorization: Bearer}
 * (passport mode).
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

    /**
     * A token and how it was presented ("cookie" or "bearer"); for a cookie, the session id and the protocol
     * generation of the session (with the token's key it decides the JWE format: {@code JweEncrypter.legacyFor}).
     */
    public record Presented(String token, String via, String sessionId, ProtocolVersion protocol) {
    }

    public Presented find(HttpServletRequest request) {
        Optional<Session> attested = SessionCookie.read(request)
                .filter(SessionCookie::isWellFormed)
                .flatMap(id -> sessions.find(id, clock.instant()))
                .filter(session -> session.state() instanceof SessionState.Attested);
        if (attested.isPresent()) {
            Session session = attested.get();
            return new Presented(((SessionState.Attested) session.state()).token(), "cookie", session.id(),
                    session.protocol());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return new Presented(token, "bearer", null, null);
            }
        }
        throw new KbsException(KbsErrorType.TokenNotFound, "Attestation Token not found");
    }
}
