package dev.arca.attestation.support;

import static dev.arca.attestation.support.Requests.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.attestation.AttestationServiceApplication;
import dev.arca.attestation.support.TestHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Intel verifiers' API tests share: the AS on a random port, requests with quote evidence, "verify as of",
 * the token's cpu0 submod and problem assertions. The subclasses say where evidence and collateral come from (real
 * evidence: {@link IntelVerifierTestBase}; a test PKI: {@link SyntheticIntelTestBase}).
 */
@SpringBootTest(classes = AttestationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntelApiTestBase {

    @LocalServerPort
    protected int port;

    protected TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port, KbsCaller.authorization(java.time.Clock.systemUTC()));
    }

    /** A verification request whose evidence is {@code evidenceJson}, base64url as Trustee restful-as.md wants it. */
    protected static ObjectNode request(String tee, ObjectNode evidenceJson) {
        return Requests.verificationRequest(tee, Requests.b64url(evidenceJson.toString()));
    }

    protected static ObjectNode quoteEvidence(byte[] quote) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("quote", Base64.getEncoder().encodeToString(quote));
        return evidence;
    }

    /** POST /attestation with one request, verified as of {@code verifyAt} (null: now). */
    protected Response attest(ObjectNode request, Instant verifyAt) {
        ObjectNode body = (ObjectNode) Requests.JSON.readTree(body(request));
        if (verifyAt != null) {
            body.put("verify_at", verifyAt.toString());
        }
        return http.postJson("/attestation", body.toString());
    }

    /** The verified token's cpu0 submod. */
    protected JsonNode cpu0(Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body()).submod("cpu0");
    }

    protected static void assertProblem(Response response, int status, String type, String... detailParts) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/" + type);
        assertThat(response.json().path("detail").asString()).contains(detailParts);
        assertThat(response.body()).as("no stack trace").doesNotContain("\tat ", "at dev.arca.");
    }

    protected static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    protected static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
