package dev.arca.kbs.upstream;

import dev.arca.service.security.CallerTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Calls of the attestation service API (docs/architecture.md "attestation-service"). */
@Component
public class AttestationServiceClient {

    static final String SERVICE = "attestation service";

    /** The name the AS accepts caller tokens for ({@code arca.callers.name} of the AS). */
    static final String AUDIENCE = "attestation-service";

    private final UpstreamHttp http;
    /** Absent when the KBS has no caller key: then it calls without a credential (an upstream AS). */
    private final CallerTokens callerTokens;
    private final URI attestation;
    private final URI policy;
    private final URI jwks;

    @Autowired
    public AttestationServiceClient(UpstreamHttp http, KbsProperties properties,
            ObjectProvider<CallerTokens> callerTokens) {
        this(http, properties, callerTokens.getIfAvailable());
    }

    /** A client that calls without a caller credential (an upstream AS). */
    public AttestationServiceClient(UpstreamHttp http, KbsProperties properties) {
        this(http, properties, (CallerTokens) null);
    }

    private AttestationServiceClient(UpstreamHttp http, KbsProperties properties, CallerTokens callerTokens) {
        this.http = http;
        this.callerTokens = callerTokens;
        this.attestation = UpstreamHttp.endpoint(properties.asUrl(), "/attestation");
        this.policy = UpstreamHttp.endpoint(properties.asUrl(), "/policy");
        this.jwks = UpstreamHttp.endpoint(properties.asUrl(), "/.well-known/jwks.json");
    }

    /**
     * POST /attestation; the AS answers the EAR token as text. A 4xx means the evidence was refused: the caller's
     * attestation failed (401, with the AS's reason). A 5xx or no answer is the service's fault (503).
     */
    public String attest(AttestationRequest request) {
        UpstreamResponse response = http.postJson(attestation, Json.writeBytes(request),
                callerTokens == null ? null : callerTokens.authorization(AUDIENCE), SERVICE);
        if (response.isClientError()) {
            throw new KbsException(KbsErrorType.AttestationError,
                    "Attestation error: RCAR handshake Attest failed: " + response.reason());
        }
        if (!response.isSuccess()) {
            throw new UpstreamUnavailableException(SERVICE + " failed: " + response.reason(), null);
        }
        String token = response.text().strip();
        if (token.isEmpty()) {
            throw new UpstreamUnavailableException(SERVICE + " answered an empty token", null);
        }
        return token;
    }

    /** Forwards an attestation-policy upload with the caller's own admin token. */
    public UpstreamResponse setPolicy(byte[] body, String authorization) {
        return http.postJson(policy, body, authorization, SERVICE);
    }

    /** The AS's JWK Set, the trust anchor of attestation tokens. */
    public String jwks() {
        UpstreamResponse response = http.get(jwks, SERVICE);
        if (!response.isSuccess()) {
            throw new UpstreamUnavailableException(SERVICE + " JWKS answered status " + response.status(), null);
        }
        return response.text();
    }
}
