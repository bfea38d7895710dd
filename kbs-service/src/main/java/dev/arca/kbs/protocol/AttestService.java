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
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.TeePublicKey;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Step 2 of RCAR, POST /kbs/v0/attest (Trustee kbs_attestation_protocol.md, its processing order followed step by
 * step), in the message shape of the protocol generation the session was opened with.
 *
 * <p>A nonce is single use: the first /attest that passes the checks moves the session from Authed to Attesting with
 * an atomic compare-and-set in the session store (across replicas with the JDBC store), and only that call reaches the
 * AS. A concurrent or later /attest therefore gets no token of its own — only the idempotent replay of an Attested
 * session returns the token again.
 */
@Service
public class AttestService {

    private static final Logger log = LoggerFactory.getLogger(AttestService.class);
    private static final String FAILED = "Attestation error: RCAR handshake Attest failed: ";

    private final SessionStore sessions;
    private final AttestationServiceClient attestationService;
    private final TokenVerifier tokenVerifier;
    private final JweEncrypter jwe;
    private final AttestationMetrics metrics;
    private final Clock clock;

    public AttestService(SessionStore sessions, AttestationServiceClient attestationService,
            TokenVerifier tokenVerifier, JweEncrypter jwe, AttestationMetrics metrics, Clock clock) {
        this.sessions = sessions;
        this.attestationService = attestationService;
        this.tokenVerifier = tokenVerifier;
        this.jwe = jwe;
        this.metrics = metrics;
        this.clock = clock;
    }

    public record Attested(Session session, String token) {
    }

    public Attested attest(String sessionId, byte[] body) {
        Session session = Optional.of(sessionId)
                .filter(SessionCookie::isWellFormed)
                .flatMap(id -> sessions.find(id, clock.instant()))
                .orElseThrow(() -> refused("session unknown or expired; start again with /kbs/v0/auth"));
        GuestAttestation attestation = AttestationMessages.parse(session.protocol(), body);
        // step 4: an attested session answers its token again without looking at the new evidence
        if (session.state() instanceof SessionState.Attested done) {
            return new Attested(session, done.token());
        }
        if (!(session.state() instanceof SessionState.Authed authed)) {
            throw refused("the nonce of this session was already used; start again with /kbs/v0/auth");
        }
        // step 5: the evidence must answer this session's challenge (only 0.4.0 states the nonce it answers; older
        // generations prove it through the runtime-data hash the AS checks)
        if (session.protocol().runtimeDataMember() && !authed.nonce().equals(attestation.nonce())) {
            throw refused("nonce mismatch");
        }
        TeePublicKey teeKey = teeKey(session.protocol(), attestation);
        AttestationRequest request =
                EvidenceRequests.build(authed.tee(), authed.nonce(), authed.hashAlgorithm(), attestation);

        // The nonce is spent from here on, whatever the AS says (see SessionState).
        Session attesting = session.with(new SessionState.Attesting());
        if (!sessions.replace(session, attesting)) {
            throw refused("the nonce of this session was already used; start again with /kbs/v0/auth");
        }
        String token;
        VerifiedToken verified;
        try {
            token = metrics.timeAttestation(authed.tee(), () -> attestationService.attest(request));
            verified = tokenVerifier.verify(token);
        } catch (KbsException e) {
            metrics.attestation(authed.tee(), e.problem().errorName().equals("AttestationError") ? "refused" : "error");
            throw e;
        }
        if (!verified.teeKey().publicKey().equals(teeKey.publicKey())) {
            metrics.attestation(authed.tee(), "error");
            log.warn("the attestation service issued a token for another tee-pubkey than the one attested");
            throw new KbsException(KbsErrorType.TokenVerifierError,
                    "Token Verifier error: the token does not carry the attested tee-pubkey");
        }
        Session done = attesting.with(new SessionState.Attested(token));
        if (!sessions.replace(attesting, done)) {
            metrics.attestation(authed.tee(), "error");
            throw refused("the session expired during attestation; start again with /kbs/v0/auth");
        }
        metrics.attested(authed.tee(), verified);
        return new Attested(done, token);
    }

    /**
     * The guest key must be usable for a JWE later, so an unusable one is refused now rather than at release. 0.1.x
     * guests can only decrypt the legacy JWE, which is RSA1_5 key transport (the Trustee KBS protocol before 0.2.0).
     */
    private TeePublicKey teeKey(ProtocolVersion protocol, GuestAttestation attestation) {
        TeePublicKey key;
        try {
            key = TeePublicKey.parse(attestation.teePubkey());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid tee-pubkey: " + e.getMessage());
        }
        if (protocol.legacyJwe()
                && !(key instanceof TeePublicKey.Rsa rsa && JweEncrypter.RSA1_5.equals(rsa.alg()))) {
            throw new KbsException(KbsErrorType.JweError, "JWE failed: protocol " + protocol
                    + " guests receive the legacy JWE, which needs an RSA tee-pubkey with alg RSA1_5");
        }
        jwe.requireSupported(key);
        return key;
    }

    private static KbsException refused(String reason) {
        return new KbsException(KbsErrorType.AttestationError, FAILED + reason);
    }
}
