package dev.arca.attestation.initdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class InitDataTomlTest {

    private static final String KATA_POLICY = """
            package agent_policy

            default AllowRequestsFailingPolicy := false

            policy_data := {
              "containers": [{"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "nginx"}}}]
            }
            """;

    @Test
    void theDigestIsOverTheExactTextBytes() throws Exception {
        String text = "version = \"0.1.0\"   # spacing and comments count\nalgorithm = \"sha512\"\n[data]\nk = \"v\"\n";

        InitDataToml toml = InitDataToml.parse(text);

        assertThat(toml.algorithm()).isEqualTo(HashAlgorithm.SHA512);
        assertThat(toml.version()).isEqualTo("0.1.0");
        assertThat(toml.digest()).isEqualTo(
                MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(toml.claims().path("k").asString()).isEqualTo("v");
    }

    @Test
    void kataPolicyDataBecomesAgentPolicyClaims() throws Exception {
        String text = "version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\n\"policy.rego\" = '''\n" + KATA_POLICY
                + "'''\n\"cdh.toml\" = \"not = [toml\"\n";

        InitDataToml toml = InitDataToml.parse(text);

        assertThat(toml.claims().has("policy.rego")).isFalse();
        assertThat(toml.claims().at("/agent_policy_claims/containers/0/OCI/Annotations/io.kubernetes.cri.image-name")
                .asString()).isEqualTo("nginx");
        assertThat(toml.claims().path("cdh.toml").asString()).isEqualTo("not = [toml");
    }

    @Test
    void refusesWhatUpstreamRefuses() {
        assertThatThrownBy(() -> InitDataToml.parse("version = \"0.1.0\"\nalgorithm = \"SHA384\"\n"))
                .isInstanceOf(InvalidInitDataException.class).hasMessageContaining("SHA384");
        assertThatThrownBy(() -> InitDataToml.parse("algorithm = \"sha384\"\n"))
                .isInstanceOf(InvalidInitDataException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> InitDataToml.parse("version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\nn = 1\n"))
                .isInstanceOf(InvalidInitDataException.class).hasMessageContaining("data.n");
        assertThatThrownBy(() -> InitDataToml.parse("version = "))
                .isInstanceOf(InvalidInitDataException.class).hasMessageContaining("not valid TOML");
    }
}
