package dev.arca.kbs.protocol;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.AttestResponse;
import dev.arca.model.kbs.KbsRequest;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The RCAR endpoints (Trustee kbs_attestation_protocol.md), for every protocol generation, the older ones too. */
@RestController
@Tag(name = "attestation (RCAR)")
public class RcarController {

    private final HandshakeService handshake;
    private final AttestService attest;
    private final long maxBody;

    public RcarController(HandshakeService handshake, AttestService attest, KbsProperties properties) {
        this.handshake = handshake;
        this.attest = attest;
        this.maxBody = properties.maxRequestBody().toBytes();
    }

    @PostMapping("/kbs/v0/auth")
    @Operation(summary = "Request: start an RCAR session", description = "Body {version, tee, extra-params}. version "
            + "picks the protocol generation (0.1.0, 0.1.1, 0.2.0, 0.3.0, 0.4.0). 200: {nonce, extra-params} and "
            + "Set-Cookie kbs-session-id. 400 unknown version or TEE; 429 rate limit per client address.")
    public ResponseEntity<byte[]> auth(HttpServletRequest request) {
        KbsRequest body = RequestBodies.json(RequestBodies.read(request, maxBody), KbsRequest.class, "Request");
        HandshakeService.Opened opened = handshake.open(body);
        return JsonResponses.ok(opened.challenge(), cookie(opened.session()));
    }

    @PostMapping("/kbs/v0/attest")
    @Operation(summary = "Attestation: evidence for the session's nonce", description = "Cookie kbs-session-id. Body "
            + "in the session's protocol shape (0.4.0: {init-data?, runtime-data{nonce, tee-pubkey}, "
            + "tee-evidence{primary_evidence, additional_evidence}}). 200: {token} (EAR JWT) and the same cookie. "
            + "The nonce is single use; an attested session answers its token again.")
    public ResponseEntity<byte[]> attest(HttpServletRequest request) {
        String sessionId = SessionCookie.read(request).orElseThrow(() -> new KbsException(
                KbsErrorType.AttestationError, "Attestation error: RCAR handshake Attest failed: "
                + "no " + SessionCookie.NAME + " cookie; start with /kbs/v0/auth"));
        AttestService.Attested attested = attest.attest(sessionId, RequestBodies.read(request, maxBody));
        // the same cookie again: same id, same expiry, never extended (Trustee kbs_attestation_protocol.md)
        return JsonResponses.ok(new AttestResponse(attested.token()), cookie(attested.session()));
    }

    private static HttpHeaders cookie(dev.arca.kbs.session.Session session) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.SET_COOKIE, SessionCookie.setCookieHeader(session));
        return headers;
    }
}
