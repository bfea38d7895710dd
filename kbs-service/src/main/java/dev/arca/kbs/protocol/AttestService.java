package dev.arca.kbs.protocol;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.jwe.JweEncrypter;
import dev.arca.kbs.session.Session;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.session.SessionState;
import dev.arca.kbs.session.SessionStore;
import dev.arca.kbs.token.TokenVerifier;
import dev.arca.kbs.token.VerifiedToken;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.TeePublicKey;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Step 2 of RCAR, POST /kbs/v0/attest (specs/kbs.md §2.3, processing order followed step by step). */
@Service
public class AttestService {

    private static final Logger log = LoggerFactory.getLogger(AttestService.class);
    private static final String FAILED = "Attestation error: RCAR handshake Attest failed: ";

    private final SessionStore sessions;
    private final AttestationServiceClient attestationService;
    private final TokenVerifier tokenVerifier;
    private final JweEncrypter jwe;
    private final Clock clock;

    public AttestService(SessionStore sessions, AttestationServiceClient attestationService,
            TokenVerifier tokenVerifier, JweEncrypter jwe, Clock clock) {
        this.sessions = sessions;
        this.attestationService = attestationService;
        this.tokenVerifier = tokenVerifier;
        this.jwe = jwe;
        this.clock = clock;
    }

    public record Attested(Session session, String token) {
    }

    public Attested attest(String sessionId, Attestation attestation) {
        Session session = Optional.of(sessionId)
                .filter(SessionCookie::isWellFormed)
                .flatMap(id -> sessions.find(id, clock.instant()))
                .orElseThrow(() -> refused("session unknown or expired; start again with /kbs/v0/auth"));
        // step 4: an attested session answers its token again without looking at the new evidence
        if (session.state() instanceof SessionState.Attested done) {
            return new Attested(session, done.token());
        }
        if (!(session.state() instanceof SessionState.Authed authed)) {
            throw refused("the nonce of this session was already used; start again with /kbs/v0/auth");
        }
        if (attestation.runtimeData() == null || attestation.teeEvidence() == null) {
            throw new KbsException(KbsErrorType.SerdeError,
                    "deserialize Attestation: runtime-data and tee-evidence are required");
        }
        // step 5: the evidence must answer this session's challenge
        if (!authed.nonce().equals(attestation.runtimeData().nonce())) {
            throw refused("nonce mismatch");
        }
        TeePublicKey teeKey = teeKey(attestation);
        AttestationRequest request =
                EvidenceRequests.build(authed.tee(), authed.nonce(), authed.hashAlgorithm(), attestation);

        // The nonce is spent from here on, whatever the AS says (see SessionState).
        Session attesting = session.with(new SessionState.Attesting());
        if (!sessions.replace(session, attesting)) {
            throw refused("the nonce of this session was already used; start again with /kbs/v0/auth");
        }
        String token = attestationService.attest(request);
        VerifiedToken verified = tokenVerifier.verify(token);
        if (!verified.teeKey().publicKey().equals(teeKey.publicKey())) {
            log.warn("the attestation service issued a token for another tee-pubkey than the one attested");
            throw new KbsException(KbsErrorType.TokenVerifierError,
                    "Token Verifier error: the token does not carry the attested tee-pubkey");
        }
        Session done = attesting.with(new SessionState.Attested(token));
        if (!sessions.replace(attesting, done)) {
            throw refused("the session expired during attestation; start again with /kbs/v0/auth");
        }
        return new Attested(done, token);
    }

    /** The guest key must be usable for a JWE later, so an unusable one is refused now rather than at release. */
    private TeePublicKey teeKey(Attestation attestation) {
        TeePublicKey key;
        try {
            key = TeePublicKey.parse(attestation.runtimeData().teePubkey());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid tee-pubkey: " + e.getMessage());
        }
        jwe.requireSupported(key);
        return key;
    }

    private static KbsException refused(String reason) {
        return new KbsException(KbsErrorType.AttestationError, FAILED + reason);
    }
}
