package dev.arca.kbs.plugin;

import dev.arca.kbs.audit.AuditLog;
import dev.arca.kbs.audit.AuditRecord;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.jwe.JweEncrypter;
import dev.arca.kbs.policy.PolicyDecision;
import dev.arca.kbs.policy.PolicyRequest;
import dev.arca.kbs.policy.ResourcePolicyService;
import dev.arca.kbs.token.TokenSource;
import dev.arca.kbs.token.TokenVerifier;
import dev.arca.kbs.token.VerifiedToken;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.JweResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The attested path of every plugin (Trustee KBS PLUGIN_GUIDE.md): find and verify the token (Trustee
 * attestation_token_verification.md), read the body, ask the resource policy bound to the request, let the plugin
 * produce the plaintext, encrypt it to the token's TEE key, and audit the outcome. A release is recorded before it is
 * answered; if the record cannot be stored, nothing is released.
 */
@Service
public class AttestedRelease {

    private static final Logger log = LoggerFactory.getLogger(AttestedRelease.class);

    private final TokenSource tokens;
    private final TokenVerifier verifier;
    private final ResourcePolicyService policy;
    private final JweEncrypter jwe;
    private final AuditLog audit;
    private final ReleaseMetrics metrics;
    private final Clock clock;

    public AttestedRelease(TokenSource tokens, TokenVerifier verifier, ResourcePolicyService policy, JweEncrypter jwe,
            AuditLog audit, ReleaseMetrics metrics, Clock clock) {
        this.tokens = tokens;
        this.verifier = verifier;
        this.policy = policy;
        this.jwe = jwe;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What happened so far, for the audit record of whichever way the request ends. */
    private static final class Trail {
        TokenSource.Presented presented;
        VerifiedToken token;
        PolicyDecision decision;
    }

    /** @param body reads the request body (size-limited) once the token is verified */
    public JweResponse release(KbsPlugin plugin, PluginRequest request, HttpServletRequest http,
            Function<HttpServletRequest, byte[]> body) {
        Trail trail = new Trail();
        try {
            return metrics.time(plugin.name(), () -> releaseChecked(plugin, request, http, body, trail));
        } catch (KbsException e) {
            audit.refused(record(plugin, request, trail, AuditRecord.REFUSED,
                    e.problem().errorName() + ": " + e.problem().detail(), e.status()));
            metrics.denied(plugin.name(), e.problem().errorName());
            throw e;
        }
    }

    private JweResponse releaseChecked(KbsPlugin plugin, PluginRequest request, HttpServletRequest http,
            Function<HttpServletRequest, byte[]> body, Trail trail) {
        trail.presented = tokens.find(http);
        trail.token = verifier.verify(trail.presented.token());
        PluginRequest withBody = request.withBody(body.apply(http));
        PolicyRequest policyRequest = new PolicyRequest(plugin.name(), request.path(), request.query(),
                request.method(), plugin.policyAttributes(withBody));
        trail.decision = policy.decide(trail.token.claims(), policyRequest);
        if (!trail.decision.allowed()) {
            throw new KbsException(KbsErrorType.PolicyDeny, "Access denied by policy");
        }
        // fail before the plugin does any work if nothing could be encrypted to this key
        boolean legacy = jwe.legacyFor(trail.presented.protocol(), trail.token.teeKey());
        jwe.requireSupported(trail.token.teeKey(), legacy);
        byte[] plaintext = plugin.release(withBody, new AttestedCaller(trail.token, trail.presented.sessionId()));
        JweResponse response;
        try {
            response = jwe.encrypt(trail.token.teeKey(), plaintext, legacy);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
        try {
            audit.released(record(plugin, request, trail, AuditRecord.RELEASED, trail.decision.reason(), 200));
        } catch (RuntimeException e) {
            log.error("cannot store the audit record of a release; refusing it: {}", e.getMessage());
            throw new UpstreamUnavailableException("the release could not be audited; nothing was released", e);
        }
        metrics.released(plugin.name());
        return response;
    }

    private AuditRecord record(KbsPlugin plugin, PluginRequest request, Trail trail, String decision, String reason,
            int status) {
        VerifiedToken token = trail.token;
        return new AuditRecord(null, clock.instant(),
                trail.presented == null ? null : AuditLog.sessionDigest(trail.presented.sessionId()),
                token == null ? null : AuditLog.teeOf(token.claims()),
                token == null ? null : AuditLog.claimsDigest(token.claims()),
                plugin.name(), request.subject(), decision,
                trail.decision == null ? null : trail.decision.policyId(),
                trail.decision != null && !trail.decision.allowed() ? trail.decision.reason() : reason,
                trail.presented == null ? null : trail.presented.via(),
                token == null ? null : AuditLog.fingerprint(token.teeKey()),
                status);
    }
}
