package dev.arca.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.kbs.ResourceAuth;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file (guest-components attestation-agent README) and its resolution with options and environment.
 */
class AgentSettingsTest {

    @TempDir
    Path dir;

    @Test
    void upstreamKeysAndArcaExtensionsAreReadFromToml() throws Exception {
        Path file = dir.resolve("aa.toml");
        Files.writeString(file, """
                [token_configs.kbs]
                url = "https://kbs.example:8080"
                tee_key_algorithm = "ECDH-ES+A256KW-P521"

                [token_configs.coco_as]
                url = "http://as.example:8081"

                [eventlog_config]
                init_pcr = 16
                enable_eventlog = true

                [arca]
                tee = "tdx"
                kbs_protocol = "0.3.0"
                resource_auth = "bearer"
                token_refresh_margin_seconds = 45
                sysfs_root = "/host/sys"
                eventlog_path = "/var/aael"

                [arca.api]
                bind = "127.0.0.1:9006"
                features = "resource"
                """);

        AgentSettings settings = AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfigReader.read(file),
                Map.of());

        assertThat(settings.kbsUrl()).isEqualTo(URI.create("https://kbs.example:8080"));
        assertThat(settings.keyAlgorithm()).isEqualTo(TeeKeyAlgorithm.P521);
        assertThat(settings.cocoAsUrl()).isEqualTo(URI.create("http://as.example:8081"));
        assertThat(settings.initPcr()).isEqualTo(16);
        assertThat(settings.eventLogEnabled()).isTrue();
        assertThat(settings.tee()).isEqualTo(Tee.TDX);
        assertThat(settings.protocol()).isEqualTo(ProtocolVersion.V0_3_0);
        assertThat(settings.resourceAuth()).isEqualTo(ResourceAuth.BEARER);
        assertThat(settings.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.hostPaths().sys()).isEqualTo(Path.of("/host/sys"));
        assertThat(settings.eventLogPath()).isEqualTo(Path.of("/var/aael"));
        assertThat(settings.api().bind().getPort()).isEqualTo(9006);
        assertThat(settings.api().features()).isEqualTo(ApiSettings.Features.RESOURCE);
    }

    @Test
    void optionsWinOverTheFileWhichWinsOverTheEnvironment() throws Exception {
        Path file = dir.resolve("aa.json");
        Files.writeString(file, "{\"token_configs\":{\"kbs\":{\"url\":\"http://from-file:1\"}}}");
        Map<String, String> env = Map.of("AA_KBC_PARAMS", "cc_kbc::http://from-env:2", "AAEL_PATH", "/env/log");

        assertThat(AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfig.EMPTY, env).kbsUrl())
                .isEqualTo(URI.create("http://from-env:2"));
        assertThat(AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfigReader.read(file), env).kbsUrl())
                .isEqualTo(URI.create("http://from-file:1"));
        AgentSettings.Overrides cli = new AgentSettings.Overrides("http://from-cli:3", null, "rsa", "0.2.0", null, null,
                null, "sample", null, null, null, null, null);
        AgentSettings settings = AgentSettings.resolve(cli, AgentConfigReader.read(file), env);
        assertThat(settings.kbsUrl()).isEqualTo(URI.create("http://from-cli:3"));
        assertThat(settings.keyAlgorithm()).isEqualTo(TeeKeyAlgorithm.RSA);
        assertThat(settings.eventLogPath()).isEqualTo(Path.of("/env/log"));
        assertThat(AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfig.EMPTY,
                Map.of("AA_KBC_PARAMS", "offline_fs_kbc::null")).kbsUrl()).isEqualTo(AgentSettings.DEFAULT_KBS_URL);
    }

    @Test
    void defaultsFollowUpstreamAndProtocol011DefaultsToRsa15() throws Exception {
        AgentSettings defaults = AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfig.EMPTY, Map.of());
        assertThat(defaults.protocol()).isEqualTo(ProtocolVersion.V0_4_0);
        assertThat(defaults.keyAlgorithm()).isEqualTo(TeeKeyAlgorithm.P256);
        assertThat(defaults.resourceAuth()).isEqualTo(ResourceAuth.COOKIE);
        assertThat(defaults.eventLogEnabled()).isFalse();
        assertThat(defaults.initPcr()).isEqualTo(17);
        assertThat(defaults.tee()).isNull();
        assertThat(defaults.api().bind().getAddress().isLoopbackAddress()).isTrue();
        assertThat(defaults.api().bind().getPort()).isEqualTo(8006);

        AgentSettings.Overrides legacy = new AgentSettings.Overrides(null, null, null, "0.1.1", null, null, null, null,
                null, null, null, null, null);
        assertThat(AgentSettings.resolve(legacy, AgentConfig.EMPTY, Map.of()).keyAlgorithm())
                .isEqualTo(TeeKeyAlgorithm.RSA1_5);
    }

    @Test
    void wrongValuesNameTheKey() throws Exception {
        Path wrongType = dir.resolve("bad.toml");
        Files.writeString(wrongType, "[eventlog_config]\nenable_eventlog = \"yes\"\n");
        assertThatThrownBy(() -> AgentConfigReader.read(wrongType))
                .hasMessageContaining("eventlog_config.enable_eventlog");
        Path broken = dir.resolve("broken.toml");
        Files.writeString(broken, "[arca\n");
        assertThatThrownBy(() -> AgentConfigReader.read(broken)).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> AgentConfigReader.read(dir.resolve("none.toml"))).hasMessageContaining("does not"
                + " exist");
        Path tee = dir.resolve("tee.toml");
        Files.writeString(tee, "[arca]\ntee = \"cca\"\n");
        assertThatThrownBy(() -> AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfigReader.read(tee),
                Map.of())).hasMessageContaining("cannot attest as 'cca'");
        assertThatThrownBy(() -> AgentSettings.resolve(AgentSettings.Overrides.NONE, AgentConfig.EMPTY,
                Map.of("AA_KBC_PARAMS", "cc_kbc"))).hasMessageContaining("<kbc>::<url>");
        assertThatThrownBy(() -> ApiSettings.parseBind("8006")).hasMessageContaining("host:port");
        assertThat(ApiSettings.parseBind("[::1]:8006").getAddress().isLoopbackAddress()).isTrue();
    }
}
