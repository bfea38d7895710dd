package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Jcs;
import dev.arca.model.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Runtime data, its JCS form and digests, and the sample evidence that binds them, against independent vectors. */
class RuntimeDataBindingTest {

    private static ObjectNode jwk;

    @BeforeAll
    static void key() throws Exception {
        jwk = TestKeys.p256ScalarOne().publicJwk();
    }

    @Test
    void primaryRuntimeDataCanonicalisesToTheVectorText() {
        ObjectNode primary = RuntimeDataBinding.primaryRuntimeData(Vectors.NONCE, jwk, "");

        assertThat(new String(Jcs.canonicalize(primary), StandardCharsets.UTF_8)).isEqualTo(Vectors.PRIMARY_JCS);
    }

    @Test
    void primaryReportDataIsTheSha384OfTheCanonicalText() {
        byte[] reportData = RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "", HashAlgorithm.SHA384);

        assertThat(Hex.of(reportData)).isEqualTo(Vectors.PRIMARY_SHA384);
    }

    @Test
    void deviceReportDataCoversOnlyNonceAndKey() {
        byte[] reportData = RuntimeDataBinding.deviceReportData(Vectors.NONCE, jwk, HashAlgorithm.SHA384);

        assertThat(Hex.of(reportData)).isEqualTo(Vectors.DEVICE_SHA384);
    }

    @Test
    void sampleEvidenceOverThePrimaryReportDataIsTheVectorText() {
        byte[] reportData = RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "", HashAlgorithm.SHA384);

        assertThat(Json.write(new SampleAttester().evidence(reportData))).isEqualTo(Vectors.SAMPLE_EVIDENCE);
    }

    @Test
    void additionalEvidenceTextChangesThePrimaryReportData() {
        byte[] without = RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "", HashAlgorithm.SHA384);
        byte[] with = RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "{\"sampledevice\":{}}",
                HashAlgorithm.SHA384);

        assertThat(with).hasSize(48).isNotEqualTo(without);
    }

    @Test
    void negotiatedHashSetsTheDigestLength() {
        assertThat(RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "", HashAlgorithm.SHA512)).hasSize(64);
        assertThat(RuntimeDataBinding.primaryReportData(Vectors.NONCE, jwk, "", HashAlgorithm.SHA256)).hasSize(32);
    }
}
