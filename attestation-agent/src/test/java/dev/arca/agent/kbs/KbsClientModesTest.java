package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.attester.SampleDeviceAttester;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.TeePublicKey;
import dev.arca.model.resource.ResourceUri;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The older protocol versions (older Trustee KBS protocol versions), bearer (passport) mode, the token refresh margin,
 * handshake retries and HTTPS with a pinned KBS certificate — each against the fake KBS set to the matching behaviour.
 */
class KbsClientModesTest {

    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/1");
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static TeeKeyPair rsa15;

    private FakeKbsServer kbs;

    @BeforeAll
    static void keys() {
        rsa15 = TeeKeyPair.generate(TeeKeyAlgorithm.RSA1_5);
    }

    @BeforeEach
    void start() throws Exception {
        kbs = FakeKbsServer.start();
        kbs.putResource("default/key/1", SECRET);
    }

    @AfterEach
    void stop() {
        kbs.close();
    }

    private KbsClient.Builder client() {
        return KbsClient.builder(kbs.url(), new SampleAttester()).retryDelay(Duration.ofMillis(5));
    }

    @Test
    void protocol011SendsTheFlatAttestationAndDecryptsTheLegacyJwe() throws Exception {
        kbs.protocol(ProtocolVersion.V0_1_1);
        KbsClient client = client().protocol(ProtocolVersion.V0_1_1).keyPair(rsa15).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(Json.write(kbs.lastAuthRequest())).isEqualTo("{\"version\":\"0.1.1\",\"tee\":\"sample\","
                + "\"extra-params\":\"\"}");
        JsonNode attestation = kbs.lastAttestation();
        assertThat(attestation.propertyNames()).containsExactly("tee-pubkey", "tee-evidence");
        assertThat(attestation.at("/tee-pubkey/alg").asString()).isEqualTo("RSA1_5");
        assertThat(attestation.at("/tee-evidence/svn").asString()).isEqualTo("1");
    }

    @Test
    void protocol020HasTheSameAttestationWithRfcJwe() throws Exception {
        kbs.protocol(ProtocolVersion.V0_2_0);
        KbsClient client = client().protocol(ProtocolVersion.V0_2_0).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.lastAttestation().propertyNames()).containsExactly("tee-pubkey", "tee-evidence");
        assertThat(kbs.lastAttestation().at("/tee-pubkey/crv").asString()).isEqualTo("P-256");
    }

    @Test
    void protocol030HasCompositeEvidenceWithDevicesButNoRuntimeDataMember() throws Exception {
        kbs.protocol(ProtocolVersion.V0_3_0);
        KbsClient client = client().protocol(ProtocolVersion.V0_3_0)
                .additionalAttesters(List.of(new SampleDeviceAttester())).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        JsonNode attestation = kbs.lastAttestation();
        assertThat(attestation.propertyNames()).containsExactly("tee-pubkey", "tee-evidence");
        assertThat(attestation.get("tee-evidence").propertyNames())
                .containsExactly("primary_evidence", "additional_evidence");
        assertThat(attestation.at("/tee-evidence/additional_evidence").asString()).contains("sampledevice");
    }

    @Test
    void aVersionTheKbsDoesNotSpeakIsRefusedAtAuth() {
        kbs.protocol(ProtocolVersion.V0_2_0);

        assertThatThrownBy(() -> client().build().attest()).asInstanceOf(type(KbsException.class))
                .satisfies(e -> {
                    assertThat(e.step()).isEqualTo(KbsStep.AUTH);
                    assertThat(e.getMessage()).contains("ProtocolVersionMismatch").contains("expect =0.2.0");
                });
        assertThat(kbs.authCount()).isEqualTo(1);
    }

    @Test
    void whatAnOlderVersionCannotCarryIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client().protocol(ProtocolVersion.V0_2_0)
                .additionalAttesters(List.of(new SampleDeviceAttester())).build())
                .hasMessageContaining("0.3.0 or later");
        assertThatThrownBy(() -> client().protocol(ProtocolVersion.V0_3_0).initData("version = \"0.1.0\"").build())
                .hasMessageContaining("init-data");
        assertThatThrownBy(() -> client().protocol(ProtocolVersion.V0_1_1).build()).hasMessageContaining("RSA1_5");
        assertThat(kbs.authCount()).isZero();
    }

    @Test
    void aCurrentClientRefusesALegacyJwe() throws Exception {
        // a 0.4.0-speaking client never accepts the 0.1.x encryption, even from a KBS that sends it
        ResourceDecryptor decryptor = new ResourceDecryptor(rsa15);
        var legacy = FakeKbsServer.legacyEncrypt((TeePublicKey.Rsa) TeePublicKey.parse(rsa15.publicJwk()), SECRET);
        JweResponse jwe = Json.convert(legacy, JweResponse.class);
        assertThatThrownBy(() -> decryptor.decrypt(jwe)).hasMessageContaining("--protocol 0.1.1");
        assertThat(new ResourceDecryptor(rsa15, true).decrypt(jwe)).isEqualTo(SECRET);
    }

    @Test
    void bearerModeSendsTheTokenAndNoCookie() throws Exception {
        KbsClient client = client().resourceAuth(ResourceAuth.BEARER).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.lastAuthorization()).isEqualTo("Bearer " + client.token().orElseThrow());
        assertThat(kbs.lastCookie()).isNull();
        assertThat(kbs.bearerRequestCount()).isEqualTo(1);
    }

    @Test
    void bearerModeReattestsOnARefusedTokenAtMostTwice() {
        kbs.rejectAllTokens();
        KbsClient client = client().resourceAuth(ResourceAuth.BEARER).build();

        assertThatThrownBy(() -> client.getResource(KEY)).hasMessageContaining("after 3 attempts");
        assertThat(kbs.authCount()).isEqualTo(3);
        assertThat(kbs.resourceRequestCount()).isEqualTo(3);
    }

    /** An Arca KBS answers a bearer token bound to an RSA1_5 key with the 0.1.x layout, whatever protocol attested. */
    @Test
    void aBearerClientWithAnRsa15KeyAcceptsThe01xLayout() throws Exception {
        KbsClient client = client().keyPair(rsa15).resourceAuth(ResourceAuth.BEARER).build();

        assertThat(client.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.bearerRequestCount()).isEqualTo(1);
        // in cookie mode the session's protocol (0.4.0 here) decides, and the answer is RFC 7516
        assertThat(client().keyPair(rsa15).build().getResource(KEY)).isEqualTo(SECRET);
    }

    @Test
    void aTokenAndKeyFromAnotherClientAreUsedWithoutAttestingAgain() throws Exception {
        KbsClient first = client().build();
        String token = first.attest();
        String pem = first.keyPair().privateKeyPem();

        KbsClient second = client().keyPair(TeeKeyPair.fromPem(pem, TeeKeyAlgorithm.RSA)).initialToken(token)
                .resourceAuth(ResourceAuth.BEARER).build();

        assertThat(second.getResource(KEY)).isEqualTo(SECRET);
        assertThat(kbs.authCount()).isEqualTo(1);
        assertThat(kbs.bearerRequestCount()).isEqualTo(1);
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        KbsClient withMargin = client().clock(clock).tokenRefreshMargin(Duration.ofSeconds(30)).build();
        String token = withMargin.usableToken();
        clock.advance(Duration.ofSeconds(250));
        assertThat(withMargin.usableToken()).isEqualTo(token); // 50 s left: kept
        clock.advance(Duration.ofSeconds(25));
        assertThat(withMargin.usableToken()).isNotEqualTo(token); // 25 s left: renewed
        assertThat(kbs.authCount()).isEqualTo(2);

        MutableClock other = new MutableClock(Instant.now());
        KbsClient upstreamLike = client().clock(other).tokenRefreshMargin(Duration.ZERO).build();
        String kept = upstreamLike.usableToken();
        other.advance(Duration.ofSeconds(290));
        assertThat(upstreamLike.usableToken()).isEqualTo(kept); // no margin: used until exp, as upstream
    }

    @Test
    void aKbsThatIsStartingIsRetriedButARejectionIsNot() throws Exception {
        kbs.failNextAuths(2, KbsErrorType.UpstreamUnavailable);
        assertThat(client().build().attest()).isNotBlank();
        assertThat(kbs.authCount()).isEqualTo(3);

        kbs.failAuthWith(KbsErrorType.AttestationError, "Attestation error: RCAR handshake Auth failed");
        assertThatThrownBy(() -> client().build().attest()).hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("gave up");
        assertThat(kbs.authCount()).isEqualTo(4);
    }

    @Test
    void httpsTrustsThePinnedSelfSignedCertificateOnly() throws Exception {
        TestCertificates.Identity server = TestCertificates.selfSignedServer();
        try (FakeKbsServer https = FakeKbsServer.startHttps(server.serverContext())) {
            https.putResource("default/key/1", SECRET);
            KbsClient pinned = KbsClient.builder(https.url(), new SampleAttester())
                    .sslContext(KbsTls.trustingOnly(server.pem())).build();
            assertThat(pinned.getResource(KEY)).isEqualTo(SECRET);

            KbsClient other = KbsClient.builder(https.url(), new SampleAttester()).retryDelay(Duration.ofMillis(5))
                    .sslContext(KbsTls.trustingOnly(TestCertificates.selfSignedServer().pem())).build();
            assertThatThrownBy(other::attest).asInstanceOf(type(KbsException.class)).satisfies(e -> {
                assertThat(e.step()).isEqualTo(KbsStep.AUTH);
                assertThat(e.getMessage()).contains("TLS: ").doesNotContain("gave up");
            });
            // the JDK's default trust does not know this certificate either
            KbsClient defaultTrust = KbsClient.builder(https.url(), new SampleAttester()).handshakeAttempts(1).build();
            assertThatThrownBy(defaultTrust::attest).hasMessageContaining("TLS: ");
        }
    }

    @Test
    void httpsTrustsAPinnedCaForTheCertificatesItIssued() throws Exception {
        TestCertificates.Identity ca = TestCertificates.ca("arca-test-ca");
        TestCertificates.Identity server = TestCertificates.server(ca);
        try (FakeKbsServer https = FakeKbsServer.startHttps(server.serverContext())) {
            https.putResource("default/key/1", SECRET);
            assertThat(KbsClient.builder(https.url(), new SampleAttester()).sslContext(KbsTls.trustingOnly(ca.pem()))
                    .build().getResource(KEY)).isEqualTo(SECRET);
            // pinning the KBS certificate itself works as well
            assertThat(KbsClient.builder(https.url(), new SampleAttester())
                    .sslContext(KbsTls.trustingOnly(server.pem())).build().getResource(KEY)).isEqualTo(SECRET);
        }
        assertThatThrownBy(() -> KbsTls.trustingOnly("not a certificate")).hasMessageContaining("certificate");
    }

    /** A clock the test moves. */
    @Test
    void protocol010IsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> KbsClient.builder(java.net.URI.create("http://127.0.0.1:9"), new SampleAttester())
                .protocol(ProtocolVersion.V0_1_0).keyAlgorithm(TeeKeyAlgorithm.RSA1_5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.1.0 is not supported");
    }

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
