package dev.arca.attestation.token;

import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /certificates}: the token signing key's certificate chain as PEM, leaf first
 * ({@code application/pem-certificate-chain}, RFC 8555 §9.1), for relying parties that pin a root rather than a key.
 * 404 when no chain is configured.
 */
@RestController
public class CertificateController {

    static final MediaType PEM_CHAIN = MediaType.parseMediaType("application/pem-certificate-chain");
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final String pem;

    public CertificateController(TokenSigningKey key) throws CertificateEncodingException {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : key.certificateChain()) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(MIME.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        this.pem = out.toString();
    }

    @GetMapping("/certificates")
    @Operation(summary = "The token key's certificate chain",
            description = "PEM certificates, leaf first, from arca.as.token.certificate-chain-file.")
    @ApiResponse(responseCode = "200", description = "the chain",
            content = @Content(mediaType = "application/pem-certificate-chain", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no certificate chain is configured",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<String> certificates() {
        if (pem.isEmpty()) {
            throw new ApiException(Problem.NOT_FOUND, "no token certificate chain is configured "
                    + "(arca.as.token.certificate-chain-file); the key is published at /.well-known/jwks.json");
        }
        return ResponseEntity.ok().contentType(PEM_CHAIN).body(pem);
    }
}
