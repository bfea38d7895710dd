package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.attester.SampleDeviceAttester;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourceUri;
import dev.arca.model.tee.Tee;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KbsClientTest {

    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/1");
    private static final byte[] SECRET = "top secret \u00e9\u0000\u00ff".getBytes(StandardCharsets.UTF_8);
    private static TeeKeyPair rsaKey;

    private FakeKbsServer kbs;

    @BeforeAll
    static void rsa() {
        rsaKey = TeeKeyPair.generate(TeeKeyAlgorithm.RSA);
    }

    @BeforeEach
    void startKbs() throws Exception {
        kbs = FakeKbsServer.start();
        kbs.putResource("default/key/1", SECRET);
    }

    @AfterEach
    void stopKbs() {
        kbs.close();
    }

    private KbsClient.Builder client() {
        return KbsClient.builder(kbs.url(), new SampleAttester());
    }

    @Test
    void fetchesAResourceWithAP256Key() throws Exception {
        KbsClient client = client().build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.authCount()).isEqualTo(1);
        assertThat(kbs.attestCount()).isEqualTo(1);
        assertThat(kbs.resourceRequestCount()).isEqualTo(1);
        JsonNode attestation = kbs.lastAttestation();
        assertThat(attestation.at("/runtime-data/tee-pubkey/crv").asString()).isEqualTo("P-256");
        assertThat(attestation.at("/tee-evidence/additional_evidence").asString()).isEmpty();
        assertThat(attestation.has("init-data")).isFalse();
        assertThat(Json.write(kbs.lastAuthRequest())).isEqualTo("{\"version\":\"0.4.0\",\"tee\":\"sample\","
                + "\"extra-params\":{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\"]}}");
    }

    @Test
    void fetchesAResourceWithAP521Key() throws Exception {
        KbsClient client = client().keyAlgorithm(TeeKeyAlgorithm.P521).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.lastAttestation().at("/runtime-data/tee-pubkey/crv").asString()).isEqualTo("P-521");
    }

    @Test
    void fetchesAResourceWithAnRsaKey() throws Exception {
        KbsClient client = client().keyPair(rsaKey).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.lastAttestation().at("/runtime-data/tee-pubkey/alg").asString()).isEqualTo("RSA-OAEP-256");
    }

    @Test
    void reusesTheSessionForFurtherResources() throws Exception {
        kbs.putResource("default/key/2", "two".getBytes(StandardCharsets.UTF_8));
        KbsClient client = client().build();

        client.getResource(KEY);
        assertThat(client.getResource(ResourceUri.parse("kbs:///default/key/2"))).asString().isEqualTo("two");
        assertThat(kbs.authCount()).isEqualTo(1);
        assertThat(kbs.resourceRequestCount()).isEqualTo(2);
    }

    @Test
    void reattestsOnceWhenTheSessionIsGone() throws Exception {
        KbsClient client = client().build();
        client.attest();
        kbs.expireSessions();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.authCount()).isEqualTo(2);
        assertThat(kbs.resourceRequestCount()).isEqualTo(2);
    }

    @Test
    void givesUpAfterThreeUnauthorizedAttempts() {
        kbs.rejectAllTokens();
        KbsClient client = client().build();

        assertThatThrownBy(() -> client.getResource(KEY))
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.RESOURCE);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("after 3 attempts").contains("TokenVerifierError");
                });
        assertThat(kbs.resourceRequestCount()).isEqualTo(3);
        assertThat(kbs.authCount()).isEqualTo(3);
    }

    @Test
    void missingResourceIsNotFoundWithoutReattesting() {
        KbsClient client = client().build();

        assertThatThrownBy(() -> client.getResource(ResourceUri.parse("kbs:///default/key/absent")))
                .asInstanceOf(type(ResourceNotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.RESOURCE);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.problem()).map(ErrorInformation::errorName).contains("ResourceNotFound");
                    assertThat(e.getMessage()).contains("kbs:///default/key/absent")
                            .contains("resource default/key/absent not found");
                });
        assertThat(kbs.authCount()).isEqualTo(1);
        assertThat(kbs.resourceRequestCount()).isEqualTo(1);
    }

    @Test
    void policyDenialSurfacesTheProblemDetail() {
        kbs.failResourcesWith(KbsErrorType.PolicyDeny, "Access denied by policy");
        KbsClient client = client().build();

        assertThatThrownBy(() -> client.getResource(KEY))
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.RESOURCE);
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.problem()).get().extracting(ErrorInformation::detail)
                            .isEqualTo("Access denied by policy");
                    assertThat(e.getMessage()).isEqualTo("HTTP 403 PolicyDeny: Access denied by policy");
                });
        assertThat(kbs.resourceRequestCount()).isEqualTo(1);
    }

    @Test
    void authFailureNamesTheAuthStep() {
        kbs.failAuthWith(KbsErrorType.ProtocolVersionMismatch, "KBS Client Protocol Version Mismatch");
        KbsClient client = client().build();

        assertThatThrownBy(client::attest)
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.AUTH);
                    assertThat(e.getMessage()).contains("HTTP 400").contains("Protocol Version Mismatch");
                });
    }

    @Test
    void evidenceThatDoesNotBindTheRuntimeDataIsRejectedAtAttest() {
        Attester lying = new Attester() {
            @Override
            public Tee tee() {
                return Tee.SAMPLE;
            }

            @Override
            public JsonNode evidence(byte[] reportData) {
                byte[] other = reportData.clone();
                other[0] ^= 1;
                return new SampleAttester().evidence(other);
            }
        };
        KbsClient client = KbsClient.builder(kbs.url(), lying).build();

        assertThatThrownBy(() -> client.getResource(KEY))
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.ATTEST);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.problem()).map(ErrorInformation::errorName).contains("AttestationError");
                    assertThat(e.getMessage()).contains("report_data does not bind");
                });
        assertThat(kbs.resourceRequestCount()).isZero();
    }

    @Test
    void attesterFailureIsAnAttestStepFailure() {
        Attester broken = new Attester() {
            @Override
            public Tee tee() {
                return Tee.TDX;
            }

            @Override
            public JsonNode evidence(byte[] reportData) throws AttesterException {
                throw new AttesterException("/dev/tdx_guest not found");
            }
        };

        assertThatThrownBy(() -> KbsClient.builder(kbs.url(), broken).build().attest())
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.ATTEST);
                    assertThat(e.getMessage()).isEqualTo("tdx evidence: /dev/tdx_guest not found");
                });
        assertThat(kbs.attestCount()).isZero();
    }

    @Test
    void sendsAdditionalDeviceEvidenceBoundToNonceAndKey() throws Exception {
        KbsClient client = client().additionalAttesters(List.of(new SampleDeviceAttester())).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        String additional = kbs.lastAttestation().at("/tee-evidence/additional_evidence").asString();
        assertThat(Json.tree(additional).at("/sampledevice/svn").asString()).isEqualTo("2");
    }

    @Test
    void honoursTheHashAlgorithmTheKbsSelects() throws Exception {
        kbs.selectHashAlgorithm(HashAlgorithm.SHA512);
        KbsClient client = client().build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        String reportData = kbs.lastAttestation().at("/tee-evidence/primary_evidence/report_data").asString();
        assertThat(Base64s.fromStd(reportData)).hasSize(64);
    }

    @Test
    void sendsInitDataVerbatim() throws Exception {
        String toml = "version = \"0.1.0\"\nalgorithm = \"sha384\"\n\n[data]\n\"aa.toml\" = '''\n'''\n";
        KbsClient client = client().initData(toml).build();

        client.attest();
        assertThat(kbs.lastAttestation().at("/init-data/format").asString()).isEqualTo("toml");
        assertThat(kbs.lastAttestation().at("/init-data/body").asString()).isEqualTo(toml);
    }

    @Test
    void reportsTheStepsToTheListener() throws Exception {
        List<String> events = new ArrayList<>();
        KbsClient client = client().listener(new KbsClientListener() {
            @Override
            public void authenticated(String nonce) {
                events.add("auth " + Base64s.fromStd(nonce).length);
            }

            @Override
            public void attested(String token, String earStatus) {
                events.add("attest " + earStatus + " " + token.split("\\.").length);
            }

            @Override
            public void resourceReceived(int length) {
                events.add("resource " + length);
            }
        }).build();

        client.getResource(KEY);

        assertThat(events).containsExactly("auth 32", "attest affirming 3", "resource " + SECRET.length);
        assertThat(client.token()).isPresent();
    }

    @Test
    void reattestsBeforeTheRequestWhenTheTokenHasExpired() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        KbsClient client = client().clock(clock).build();
        client.attest();
        clock.advance(Duration.ofMinutes(10));

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.authCount()).isEqualTo(2);
        assertThat(kbs.resourceRequestCount()).isEqualTo(1);
    }

    @Test
    void unreachableKbsIsAnAuthFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> retries = new ArrayList<>();
        KbsClient client = KbsClient.builder(URI.create("http://127.0.0.1:" + closedPort), new SampleAttester())
                .handshakeAttempts(3).retryDelay(Duration.ofMillis(5))
                .listener(new KbsClientListener() {
                    @Override
                    public void retrying(KbsStep step, int attempt, String reason) {
                        retries.add(step + " " + attempt);
                    }
                })
                .build();

        assertThatThrownBy(client::attest)
                .asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.AUTH);
                    assertThat(e.getMessage()).isEqualTo("cannot reach KBS at http://127.0.0.1:" + closedPort
                            + ": connection refused (gave up after 3 attempts)");
                });
        assertThat(retries).containsExactly("auth 1", "auth 2");
    }

    @Test
    void builderRefusesNonHttpUrls() {
        assertThatThrownBy(() -> KbsClient.builder(URI.create("ftp://kbs"), new SampleAttester()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().additionalAttesters(
                List.of(new SampleDeviceAttester(), new SampleDeviceAttester())).build())
                .hasMessageContaining("two additional attesters");
    }

    @Test
    void trailingSlashInTheKbsUrlIsIgnored() throws Exception {
        KbsClient client = KbsClient.builder(URI.create(kbs.url() + "/"), new SampleAttester()).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
