package dev.arca.attestation.token;

import com.nimbusds.jose.jwk.JWKSet;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the token verification key (Trustee restful-as.md; Trustee attestation_token.md): {@code {"keys": [<public
 * JWK>]}}.
 */
@RestController
public class JwksController {

    private final Map<String, Object> jwks;

    public JwksController(TokenSigningKey key) {
        this.jwks = new JWKSet(key.publicJwk()).toJSONObject(true);
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The token verification key", description = "JWK Set with the ES256 key (kid = RFC 7638"
            + " thumbprint, x5c when a certificate chain is configured).")
    public Map<String, Object> jwks() {
        return jwks;
    }
}
