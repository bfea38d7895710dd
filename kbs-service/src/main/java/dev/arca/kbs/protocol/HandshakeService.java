package dev.arca.kbs.protocol;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.Session;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.session.SessionState;
import dev.arca.kbs.session.SessionStore;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.kbs.Challenge;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;

/** Step 1 of RCAR, POST /kbs/v0/auth (specs/kbs.md §2.1): check the request, issue a nonce, open a session. */
@Service
public class HandshakeService {

    private static final int NONCE_BYTES = 32;

    private final SessionStore sessions;
    private final Clock clock;
    private final Duration sessionTimeout;
    private final SecureRandom random = new SecureRandom();

    public HandshakeService(SessionStore sessions, Clock clock, KbsProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.sessionTimeout = properties.sessionTimeout();
    }

    public record Opened(Session session, Challenge challenge) {
    }

    public Opened open(KbsRequest request) {
        // Upstream checks "=0.4.0" exactly; other protocol generations have other message shapes (specs/kbs.md §0).
        if (!ProtocolVersion.CURRENT.equals(request.version())) {
            throw new KbsException(KbsErrorType.ProtocolVersionMismatch,
                    "KBS Client Protocol Version Mismatch: expect =" + ProtocolVersion.CURRENT
                            + " while the request is " + request.version());
        }
        Tee tee = request.teeType().orElseThrow(() -> new KbsException(KbsErrorType.InvalidRequest,
                "unknown TEE '" + request.tee() + "'; expected one of " + Tee.wireNames()));
        HashNegotiation.Outcome hash = HashNegotiation.negotiate(request.extraParams());
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String nonceText = Base64s.std(nonce);
        Session session = new Session(SessionCookie.newId(), clock.instant().plus(sessionTimeout),
                new SessionState.Authed(tee, nonceText, hash.algorithm()));
        sessions.put(session);
        return new Opened(session, new Challenge(nonceText, hash.extraParams()));
    }
}
