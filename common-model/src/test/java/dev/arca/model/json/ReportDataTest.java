package dev.arca.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Vectors computed independently of this code (with Python, from the runtime-data rules of guest-components'
 * kbs_protocol and Trustee's attestation service).
 */
class ReportDataTest {

    static final String KEY = "{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\","
            + "\"x\":\"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY\","
            + "\"y\":\"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU\"}";
    static final String NONCE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void primaryRuntimeDataCanonicalFormAndDigest() {
        // members deliberately out of order: JCS must sort them
        JsonNode runtimeData = Json.tree("{\"tee-pubkey\":" + KEY.replace("{\"alg\":\"ECDH-ES+A256KW\",", "{")
                .replace("}", ",\"alg\":\"ECDH-ES+A256KW\"}")
                + ",\"nonce\":\"" + NONCE + "\",\"additional-evidence\":\"\"}");

        assertThat(new String(Jcs.canonicalize(runtimeData), StandardCharsets.UTF_8)).isEqualTo(
                "{\"additional-evidence\":\"\",\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":" + KEY + "}");
        byte[] digest = ReportData.digest(runtimeData, HashAlgorithm.SHA384);
        assertThat(Hex.of(digest)).isEqualTo("bc18735746472713c97d2b881e0a178e1b09bb652fd2a3d5e7945e756c7f1449"
                + "6d7cc1a29bf74a6b3bfe248691e5f3b4");
        assertThat(Base64s.std(digest)).isEqualTo("vBhzV0ZHJxPJfSuIHgoXjhsJu2Uv0qPV55RedWx/FEltfMGim/dKazv+JIaR5fO0");
    }

    @Test
    void deviceRuntimeDataDigest() {
        JsonNode runtimeData = Json.tree("{\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":" + KEY + "}");
        assertThat(Hex.of(ReportData.digest(runtimeData, HashAlgorithm.SHA384))).isEqualTo(
                "78056498d1764ed54a9cfce8c913885dc6adde6df9f275dd1583fb4dc7d5c01fb12a3f58faea37f2e0b22184149486c8");
    }

    @Test
    void upstreamCanonicalisationVectorWithNestedObjectAndNumber() {
        JsonNode value = Json.tree("{\"b\":1,\"a\":\"test\",\"c\":{\"d\":\"e\"}}");
        assertThat(Hex.of(ReportData.digest(value, HashAlgorithm.SHA384))).isEqualTo(
                "e71ce8e70d814ba6639c3612ebee0ff1f76f650f8dbb5e47157e0f3f525cd22c4597480a186427c813ca941da78870c3");
    }

    @Test
    void digestLengthsFollowTheAlgorithm() {
        JsonNode value = Json.tree("{\"nonce\":\"n\"}");
        assertThat(ReportData.digest(value, HashAlgorithm.SHA256)).hasSize(32);
        assertThat(ReportData.digest(value, HashAlgorithm.SHA512)).hasSize(64);
        assertThat(ReportData.digest(value, HashAlgorithm.SM3)).hasSize(32);
        // SHA-256 of the canonical text {"nonce":"n"}
        assertThat(Hex.of(ReportData.digest(value, HashAlgorithm.SHA256))).isEqualTo(
                Hex.of(HashAlgorithm.SHA256.digest("{\"nonce\":\"n\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void regularizePadsAndTruncates() {
        assertThat(ReportData.regularize(new byte[] {1, 2}, 4)).containsExactly(1, 2, 0, 0);
        assertThat(ReportData.regularize(new byte[] {1, 2, 3, 4, 5}, 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void hashAlgorithmNamesAreCaseInsensitiveWithSha384Default() {
        assertThat(HashAlgorithm.fromWire("SHA512")).contains(HashAlgorithm.SHA512);
        assertThat(HashAlgorithm.fromWire(null)).contains(HashAlgorithm.SHA384);
        assertThat(HashAlgorithm.fromWire("")).contains(HashAlgorithm.SHA384);
        assertThat(HashAlgorithm.fromWire("md5")).isEmpty();
    }

    @Test
    void strictBase64UrlRejectsPaddingAndStandardAlphabet() {
        assertThat(Base64s.fromUrl("AQID")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Base64s.fromUrl("AQ==")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base64s.fromUrl("a+b/")).isInstanceOf(IllegalArgumentException.class);
    }
}
