package dev.arca.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.attester.SampleDeviceAttester;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.ResourceAuth;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.model.json.Base64s;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.resource.ResourceUri;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arca's agent against the real kbs-service (and through it the real AS and RVPS) in every protocol version a
 * guest may speak. The KBS here allows RSA1_5 so that 0.1.1 guests, which know no other key wrapping, are served.
 */
class AgentProtocolVersionsIT {

    static final String SECRET = "released-to-every-protocol-version";
    static final ResourceUri RESOURCE = ResourceUri.parse("kbs:///versions/key/one");

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.start(Map.of(ServiceKind.KBS, List.of("--arca.kbs.jwe.allow-rsa1-5=true")));
        String payload = Base64s.std(("{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],\"major_version\":1,"
                + "\"minimum_minor_version\":0,\"device_svn\":[\"2\"]}").getBytes(StandardCharsets.UTF_8));
        assertThat(suite.adminPost("/kbs/v0/reference-value", "application/json",
                ("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + payload + "\"}")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        assertThat(suite.adminPost("/kbs/v0/resource/versions/key/one", "application/octet-stream",
                SECRET.getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
        String policy = "input.submods.cpu0[\"ear.status\"] == \"affirming\" && request.path[0] == \"versions\"";
        assertThat(suite.adminPost("/kbs/v0/resource-policy", "application/json",
                ("{\"policy\":\"" + Base64s.url(policy.getBytes(StandardCharsets.UTF_8)) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)).statusCode()).isBetween(200, 299);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    private static KbsClient.Builder agent(ProtocolVersion protocol, TeeKeyAlgorithm key) {
        return KbsClient.builder(URI.create(suite.kbs()), new SampleAttester()).protocol(protocol).keyAlgorithm(key);
    }

    private static String fetch(KbsClient client) throws Exception {
        return new String(client.getResource(RESOURCE), StandardCharsets.UTF_8);
    }

    @Test
    void protocol011WithItsLegacyRsa15Jwe() throws Exception {
        assertThat(fetch(agent(ProtocolVersion.V0_1_1, TeeKeyAlgorithm.RSA1_5).build())).isEqualTo(SECRET);
    }

    @Test
    void protocol020WithRfcJwe() throws Exception {
        assertThat(fetch(agent(ProtocolVersion.V0_2_0, TeeKeyAlgorithm.P256).build())).isEqualTo(SECRET);
    }

    @Test
    void protocol030WithCompositeEvidence() throws Exception {
        KbsClient client = agent(ProtocolVersion.V0_3_0, TeeKeyAlgorithm.P256)
                .additionalAttesters(List.of(new SampleDeviceAttester())).build();
        assertThat(fetch(client)).isEqualTo(SECRET);
    }

    @Test
    void protocol040WithDevicesAndInitData() throws Exception {
        String initData = "version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\n\"aa.toml\" = '''\n[token_configs]\n'''\n";
        KbsClient client = agent(ProtocolVersion.V0_4_0, TeeKeyAlgorithm.P521)
                .additionalAttesters(List.of(new SampleDeviceAttester())).initData(initData).build();
        assertThat(fetch(client)).isEqualTo(SECRET);
    }

    @Test
    void passportModeReleasesWithTheTokenAlone() throws Exception {
        KbsClient attester = agent(ProtocolVersion.V0_4_0, TeeKeyAlgorithm.P256).build();
        String token = attester.attest();
        KbsClient bearer = agent(ProtocolVersion.V0_4_0, TeeKeyAlgorithm.P256)
                .keyPair(attester.keyPair()).initialToken(token).resourceAuth(ResourceAuth.BEARER).build();
        assertThat(fetch(bearer)).isEqualTo(SECRET);
    }
}
