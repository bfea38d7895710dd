package dev.arca.kbs.protocol;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.session.SessionCookie;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.AttestResponse;
import dev.arca.model.kbs.Attestation;
import dev.arca.model.kbs.KbsRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The RCAR endpoints of KBS protocol 0.4.0 (specs/kbs.md §2.1, §2.3). */
@RestController
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
    public ResponseEntity<byte[]> auth(HttpServletRequest request) {
        KbsRequest body = RequestBodies.json(RequestBodies.read(request, maxBody), KbsRequest.class, "Request");
        HandshakeService.Opened opened = handshake.open(body);
        return JsonResponses.ok(opened.challenge(), cookie(opened.session()));
    }

    @PostMapping("/kbs/v0/attest")
    public ResponseEntity<byte[]> attest(HttpServletRequest request) {
        String sessionId = SessionCookie.read(request).orElseThrow(() -> new KbsException(
                KbsErrorType.AttestationError, "Attestation error: RCAR handshake Attest failed: "
                + "no " + SessionCookie.NAME + " cookie; start with /kbs/v0/auth"));
        Attestation body = RequestBodies.json(RequestBodies.read(request, maxBody), Attestation.class, "Attestation");
        AttestService.Attested attested = attest.attest(sessionId, body);
        // the same cookie again: same id, same expiry, never extended (specs/kbs.md §1.4)
        return JsonResponses.ok(new AttestResponse(attested.token()), cookie(attested.session()));
    }

    private static HttpHeaders cookie(dev.arca.kbs.session.Session session) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.SET_COOKIE, SessionCookie.setCookieHeader(session));
        return headers;
    }
}
