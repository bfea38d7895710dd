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
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One AS (one cached context) for the Intel verifiers' API tests: "verify as of" allowed
 * ({@code arca.as.allow-verify-as-of=true}), Intel collateral from an offline directory holding the corpus's phala
 * bundles for the TDX and SGX quotes (vectors/MANIFEST.md §3 cases I1, I2), and a stub RVPS with the reference
 * values of those two quotes under the names the default policy reads.
 */
@SpringBootTest(classes = AttestationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntelVerifierTestBase {

    protected static final Path DATA_DIR = tempDir();
    protected static final Path COLLATERAL_DIR = IntelVectors.copyInto(DATA_DIR.resolve("intel-collateral"),
            IntelVectors.TDX_COLLATERAL, "phala-tdx-bundle.json", IntelVectors.SGX_COLLATERAL, "phala-sgx-bundle.json");
    protected static final StubRvpsServer RVPS = StubRvpsServer.start();
    protected static final byte[] TDX_QUOTE = IntelVectors.bytes(IntelVectors.TDX_QUOTE);
    protected static final byte[] SGX_QUOTE = IntelVectors.bytes(IntelVectors.SGX_QUOTE);

    static {
        // the default policy's TDX reference values, read from the quote's body (MANIFEST §1 for mr_td)
        RVPS.put("mr_td", "[\"" + IntelVectors.TDX_MR_TD + "\"]");
        RVPS.put("xfam", "[\"" + hex(IntelVectors.tdXfam(TDX_QUOTE)) + "\"]");
        RVPS.put("rtmr_1", "[\"" + hex(IntelVectors.tdRtmr(TDX_QUOTE, 1)) + "\"]");
        RVPS.put("rtmr_2", "[\"" + hex(IntelVectors.tdRtmr(TDX_QUOTE, 2)) + "\"]");
        // and the SGX enclave's (MANIFEST §2)
        RVPS.put("mr_enclave", "[\"" + IntelVectors.SGX_MR_ENCLAVE + "\"]");
    }

    @LocalServerPort
    protected int port;

    protected TestHttp http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.as.allow-verify-as-of", () -> "true");
        registry.add("arca.as.intel.offline-collateral", COLLATERAL_DIR::toString);
    }

    @BeforeEach
    void client() {
        http = new TestHttp(port, KbsCaller.authorization(java.time.Clock.systemUTC()));
    }

    /** A verification request whose evidence is {@code evidenceJson}, base64url as §2.3 wants it. */
    protected static ObjectNode request(String tee, ObjectNode evidenceJson) {
        return Requests.verificationRequest(tee, Requests.b64url(evidenceJson.toString()));
    }

    protected static ObjectNode quoteEvidence(byte[] quote) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("quote", IntelVectors.b64std(quote));
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

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("arca-as-intel-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
