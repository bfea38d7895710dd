package dev.arca.attestation.verifier.cca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.cca.CcaTokenVerifier;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import dev.arca.cca.testkeys.TestCcaToken;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@code cca} verifier: evidence JSON shapes, upstream's claims, refusals translated per region. */
class CcaVerifierTest {

    private final TestCcaToken token = new TestCcaToken();
    private final CcaVerifier verifier = new CcaVerifier(Optional.of(new CcaTokenVerifier(
            TrustAnchorStore.parse(token.trustAnchorStoreJson()),
            ReferenceValueStore.parse(TestCcaToken.referenceValueStoreJson()))));

    /** Upstream's shape: the token as a JSON array of bytes (serde Vec&lt;u8&gt;). */
    static ObjectNode asByteArray(byte[] bytes) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        ArrayNode array = evidence.putArray("token");
        for (byte b : bytes) {
            array.add(b & 0xff);
        }
        return evidence;
    }

    private Failure failure(JsonNode evidence, Optional<byte[]> reportData, Optional<byte[]> initData) {
        return assertThrows(VerificationException.class,
                () -> verifier.verify(evidence, reportData, initData, Instant.EPOCH)).failure();
    }

    @Test
    void validTokenGivesUpstreamsClaims() throws Exception {
        byte[] reportData = token.challenge();
        List<DeviceClaims> devices = verifier.verify(asByteArray(token.build()), Optional.of(reportData),
                Optional.of(new byte[32]), Instant.EPOCH);
        assertThat(devices).hasSize(1);
        assertThat(devices.getFirst().deviceClass()).isEqualTo("cpu");
        ObjectNode claims = devices.getFirst().claims();
        assertThat(claims.get("report_data").stringValue()).isEqualTo(Hex.of(reportData));
        assertThat(claims.get("init_data").stringValue()).isEqualTo(Hex.of(new byte[64]));
        assertThat(claims.at("/realm/cca-realm-initial-measurement").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(TestCcaToken.RIM));
        assertThat(claims.at("/realm/cca-realm-extensible-measurements").size()).isEqualTo(4);
        assertThat(claims.at("/realm/cca-realm-hash-algo-id").stringValue()).isEqualTo("sha-512");
        assertThat(claims.at("/platform/cca-platform-implementation-id").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(TestCcaToken.IMPLEMENTATION_ID));
        assertThat(claims.at("/platform/cca-platform-sw-components/0/measurement-type").stringValue())
                .isEqualTo("BL");
    }

    @Test
    void base64TokenIsAccepted() throws Exception {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("token", Base64.getEncoder().encodeToString(token.build()));
        assertThat(verifier.verify(evidence, Optional.empty(), Optional.empty(), Instant.EPOCH)).hasSize(1);
    }

    @Test
    void refusalsAreTranslatedPerRegion() {
        assertThat(failure(asByteArray(token.build()), Optional.of(new byte[64]), Optional.empty()))
                .isEqualTo(Failure.REPORT_DATA_MISMATCH);
        byte[] initData = new byte[32];
        initData[0] = 1;
        assertThat(failure(asByteArray(token.build()), Optional.empty(), Optional.of(initData)))
                .isEqualTo(Failure.INIT_DATA_MISMATCH);
        assertThat(failure(asByteArray(token.rim(new byte[64]).build()), Optional.empty(), Optional.empty()))
                .isEqualTo(Failure.TCB_REJECTED);
    }

    @Test
    void signatureAndBindingFailuresAreSignatureInvalid() {
        assertThat(failure(asByteArray(new TestCcaToken().build()), Optional.empty(), Optional.empty()))
                .as("same platform ids, signed by another key than the stored CPAK")
                .isEqualTo(Failure.SIGNATURE_INVALID);
        TestCcaToken unbound = new TestCcaToken().unboundRak();
        CcaVerifier own = new CcaVerifier(Optional.of(new CcaTokenVerifier(
                TrustAnchorStore.parse(unbound.trustAnchorStoreJson()),
                ReferenceValueStore.parse(TestCcaToken.referenceValueStoreJson()))));
        assertThat(assertThrows(VerificationException.class, () -> own.verify(asByteArray(unbound.build()),
                Optional.empty(), Optional.empty(), Instant.EPOCH)).failure()).isEqualTo(Failure.SIGNATURE_INVALID);
        assertThat(failure(asByteArray(token.realmSignedByStranger().build()), Optional.empty(), Optional.empty()))
                .isEqualTo(Failure.SIGNATURE_INVALID);
    }

    @Test
    void malformedEvidenceIsRefusedAs400() {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        assertThat(failure(evidence, Optional.empty(), Optional.empty())).isEqualTo(Failure.MALFORMED_EVIDENCE);
        evidence.putArray("token").add(256);
        assertThat(failure(evidence, Optional.empty(), Optional.empty())).isEqualTo(Failure.MALFORMED_EVIDENCE);
        evidence.put("token", "not base64!");
        assertThat(failure(evidence, Optional.empty(), Optional.empty())).isEqualTo(Failure.MALFORMED_EVIDENCE);
        byte[] bytes = token.build();
        byte[] trailing = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThat(failure(asByteArray(trailing), Optional.empty(), Optional.empty()))
                .isEqualTo(Failure.MALFORMED_EVIDENCE);
        assertThat(failure(JsonNodeFactory.instance.stringNode("x"), Optional.empty(), Optional.empty()))
                .isEqualTo(Failure.MALFORMED_EVIDENCE);
    }

    @Test
    void withoutStoresEveryTokenIsRefused() {
        CcaVerifier unconfigured = new CcaVerifier(Optional.empty());
        assertThat(assertThrows(VerificationException.class, () -> unconfigured.verify(asByteArray(token.build()),
                Optional.empty(), Optional.empty(), Instant.EPOCH)).failure()).isEqualTo(Failure.UNTRUSTED_CHAIN);
    }

    /** The spec example token of MANIFEST §8 through the verifier, with upstream's claim values. */
    @Nested
    @RealEvidence
    class OnRealEvidence {

        @Test
        void exampleTokenVerifies() throws Exception {
            CcaVerifier real = new CcaVerifier(Optional.of(new CcaTokenVerifier(
                    TrustAnchorStore.parse(Corpus.text("cca/trustee_tastore.json")),
                    ReferenceValueStore.parse(Corpus.text("cca/trustee_rvstore.json")))));
            byte[] challenge = Hex.parse("57e979ae2618de0c1ab73144c440d741cf9236dc9d52ed190053382a4d190252f9f0370403"
                    + "c35dcb155fb4362d73c66d5b0494bf939315d3dc52b8cdc8b85a96");
            ObjectNode claims = real.verify(asByteArray(Corpus.bytes("cca/trustee_cca-example-token.cbor")),
                    Optional.of(challenge), Optional.empty(), Instant.EPOCH).getFirst().claims();
            assertThat(claims.get("report_data").stringValue()).isEqualTo(Hex.of(challenge));
            assertThat(claims.at("/platform/cca-platform-instance-id").stringValue())
                    .isEqualTo("AQcGBQQDAgEADw4NDAsKCQgXFhUUExIREB8eHRwbGhkY");
            assertThat(claims.at("/platform/cca-platform-implementation-id").stringValue())
                    .isEqualTo("f0VMRgIBAQAAAAAAAAAAAAMAPgABAAAAUFgAAAAAAAA=");
            assertThat(claims.at("/platform/cca-platform-sw-components").size()).isEqualTo(13);
        }
    }
}
