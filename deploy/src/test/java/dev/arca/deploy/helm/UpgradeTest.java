package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upgrades keep the generated keys: a new KEK would make every stored secret unreadable, a new signing key would
 * invalidate the tokens in flight.
 */
class UpgradeTest {

    @Test
    void anUpgradeKeepsTheKekAndTheSigningKeyOfTheInstalledRelease() {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        String kekFile = Base64.getEncoder().encodeToString(kek);
        String installedKek = b64(kekFile);
        String installedKey = b64(ArcaChartKeys.p256Pkcs8Pem());

        Manifests upgrade = ArcaChart.get().render(ChartValues.defaults()
                .existingSecret("demo-arca-kek", Map.of("kek", installedKek))
                .existingSecret("demo-arca-token-signing-key", Map.of("signing-key.pem", installedKey)));

        assertThat(upgrade.one("Secret", "demo-arca-kek").map("data")).isEqualTo(Map.of("kek", installedKek));
        assertThat(upgrade.one("Secret", "demo-arca-token-signing-key").map("data"))
                .isEqualTo(Map.of("signing-key.pem", installedKey));
        assertThat(ArcaChart.get().lastRequests()).contains(
                "GET /api/v1/namespaces/arca/secrets/demo-arca-kek",
                "GET /api/v1/namespaces/arca/secrets/demo-arca-token-signing-key");
    }

    @Test
    void existingSecretsAreMountedAndNothingIsGenerated() {
        Manifests manifests = ArcaChart.get().render(ChartValues.defaults()
                .set("kbs.kek.existingSecret", "vault-kek")
                .set("kbs.kek.existingSecretKey", "key")
                .set("attestationService.tokenSigningKey.existingSecret", "as-token-key")
                .set("attestationService.tokenSigningKey.existingSecretKey", "tls.key")
                .set("attestationService.tokenSigningKey.certificateChainKey", "tls.crt")
                .set("callerKeys.existingSecret", "arca-callers"));

        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(manifests.volume("kbs", "caller-key").get("secret")).asString().contains("arca-callers");
        assertThat(ArcaChart.get().lastRequests()).as("no lookup without a generated secret").isEmpty();
        assertThat(manifests.volume("kbs", "kek").get("secret")).isEqualTo(Map.of("secretName", "vault-kek",
                "defaultMode", 288, "items", List.of(Map.of("key", "key", "path", "kek"))));
        assertThat(manifests.volume("attestation-service", "token-signing-key").get("secret")).isEqualTo(Map.of(
                "secretName", "as-token-key", "defaultMode", 288, "items", List.of(
                        Map.of("key", "tls.key", "path", "signing-key.pem"),
                        Map.of("key", "tls.crt", "path", "certificate-chain.pem"))));
        assertThat(manifests.env("attestation-service"))
                .containsEntry("ARCA_AS_TOKEN_SIGNING_KEY_FILE", "/etc/arca/token/signing-key.pem")
                .containsEntry("ARCA_AS_TOKEN_CERTIFICATE_CHAIN_FILE", "/etc/arca/token/certificate-chain.pem");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
