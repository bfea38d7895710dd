package dev.arca.attestation.attest;

import dev.arca.model.as.AttestationRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /attestation} (specs/as-rvps.md §2.2): the EAR JWT as the plain-text body. */
@RestController
public class AttestationController {

    private final AttestationService service;

    public AttestationController(AttestationService service) {
        this.service = service;
    }

    /** The content type is set, not negotiated: upstream clients send any Accept and read the body as the token. */
    @PostMapping(value = "/attestation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> attest(@RequestBody AttestationRequest request) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(service.attest(request));
    }
}
