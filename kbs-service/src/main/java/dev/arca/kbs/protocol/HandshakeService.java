package dev.arca.kbs.protocol;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.Session;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.session.SessionState;
import dev.arca.kbs.session.SessionStore;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.Challenge;
import dev.arca.model.kbs.KbsRequest;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Step 1 of RCAR, POST /kbs/v0/auth (Trustee kbs_attestation_protocol.md): check the request, issue a nonce, open a
 * session. The announced {@code version} picks the protocol generation of the whole session; versions are matched
 * exactly.
 */
@Service
public class HandshakeService {

    private static final int NONCE_BYTES = 32;

    private final SessionStore sessions;
    private final Clock clock;
    private final Duration sessionTimeout;
    private final Set<ProtocolVersion> accepted;
    private final AttestationMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    public HandshakeService(SessionStore sessions, Clock clock, KbsProperties properties, AttestationMetrics metrics) {
        this.sessions = sessions;
        this.clock = clock;
        this.sessionTimeout = properties.sessionTimeout();
        this.accepted = properties.acceptedProtocols();
        this.metrics = metrics;
    }

    public record Opened(Session session, Challenge challenge) {
    }

    public Opened open(KbsRequest request) {
        try {
            Opened opened = openChecked(request);
            metrics.auth("ok");
            return opened;
        } catch (KbsException e) {
            metrics.auth("refused");
            throw e;
        }
    }

    private Opened openChecked(KbsRequest request) {
        ProtocolVersion protocol = ProtocolVersion.fromVersion(request.version()).filter(accepted::contains)
                .orElseThrow(() -> new KbsException(KbsErrorType.ProtocolVersionMismatch,
                        "KBS Client Protocol Version Mismatch: expect " + expected() + " while the request is "
                                + request.version()));
        Tee tee = request.teeType().orElseThrow(() -> new KbsException(KbsErrorType.InvalidRequest,
                "unknown TEE '" + request.tee() + "'; expected one of " + Tee.wireNames()));
        // Older guests never negotiate: they hash with SHA-384 and expect extra-params "" (older Trustee KBS protocol
        // versions).
        HashNegotiation.Outcome hash = protocol.negotiatesHash()
                ? HashNegotiation.negotiate(request.extraParams())
                : new HashNegotiation.Outcome(HashAlgorithm.DEFAULT, Json.MAPPER.getNodeFactory().stringNode(""));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String nonceText = Base64s.std(nonce);
        Session session = new Session(SessionCookie.newId(), clock.instant().plus(sessionTimeout), protocol,
                new SessionState.Authed(tee, nonceText, hash.algorithm()));
        sessions.put(session);
        return new Opened(session, new Challenge(nonceText, hash.extraParams()));
    }

    /** "=0.4.0" as upstream words it, or "one of =0.1.0, =0.4.0" when several are accepted. */
    private String expected() {
        String list = accepted.stream().map(p -> "=" + p.version()).collect(Collectors.joining(", "));
        return accepted.size() == 1 ? list : "one of " + list;
    }
}
