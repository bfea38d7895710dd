package dev.arca.attestation.verifier.cca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.cca.testkeys.TestCcaToken;
import dev.arca.model.json.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote mode of the {@code cca} verifier against {@link FakeVeraisonServer} over real HTTP: the challenge-response
 * session, the EAR checked with the configured key, the claims as local mode names them, and every failure of the
 * verifier or its answer refused with its reason.
 */
class RemoteCcaVerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] TOKEN = new TestCcaToken().build();
    private static final byte[] REPORT_DATA = filled(48, 0x5a);

    private final FakeVeraisonServer veraison = FakeVeraisonServer.start();

    @AfterEach
    void stop() {
        veraison.close();
    }

    private CcaVerifier verifier(Duration readTimeout) {
        CcaProperties.Remote remote = new CcaProperties.Remote(veraison.url(), null, Duration.ofSeconds(2),
                readTimeout, Duration.ofMillis(20), Duration.ofSeconds(5));
        return new CcaVerifier(new RemoteCcaAppraisal(new VeraisonSession(remote, JSON),
                new VeraisonEar(veraison.publicKey(), JSON)));
    }

    private CcaVerifier verifier() {
        return verifier(Duration.ofSeconds(5));
    }

    private List<DeviceClaims> verify(CcaVerifier verifier, Optional<byte[]> initData) throws VerificationException {
        return verifier.verify(CcaVerifierTest.asByteArray(TOKEN), Optional.of(REPORT_DATA), initData,
                Instant.now());
    }

    private VerificationException refusal(CcaVerifier verifier) {
        return assertThrows(VerificationException.class, () -> verify(verifier, Optional.empty()));
    }

    @Test
    void synchronousAppraisalGivesTheLocalModesClaims() throws Exception {
        List<DeviceClaims> devices = verify(verifier(), Optional.of(new byte[32]));

        assertThat(devices).hasSize(1);
        assertThat(devices.getFirst().deviceClass()).isEqualTo("cpu");
        ObjectNode claims = devices.getFirst().claims();
        byte[] challenge = Arrays.copyOf(REPORT_DATA, 64);
        assertThat(claims.get("report_data").stringValue()).isEqualTo(Hex.of(challenge));
        assertThat(claims.get("init_data").stringValue()).isEqualTo(Hex.of(new byte[64]));
        assertThat(claims.at("/realm/cca-realm-challenge").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(challenge));
        assertThat(claims.at("/realm/cca-realm-initial-measurement").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(FakeVeraisonServer.RIM));
        assertThat(claims.at("/realm/cca-realm-extensible-measurements").size()).isEqualTo(4);
        assertThat(claims.at("/platform/cca-platform-implementation-id").stringValue())
                .isEqualTo(Base64.getEncoder().encodeToString(FakeVeraisonServer.IMPLEMENTATION_ID));
        assertThat(claims.at("/platform/cca-platform-lifecycle").intValue()).isEqualTo(12288);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
        assertThat(veraison.requests()).containsExactly(
                "POST /challenge-response/v1/newSession?nonce=" + nonce,
                "POST /challenge-response/v1/session/1",
                "DELETE /challenge-response/v1/session/1");
    }

    @Test
    void asynchronousAppraisalIsPolledUntilComplete() throws Exception {
        veraison.asynchronous = true;
        assertThat(verify(verifier(), Optional.empty())).hasSize(1);
        assertThat(veraison.requests()).filteredOn(r -> r.startsWith("GET ")).hasSize(2);
    }

    @Test
    void anEarSignedByAnotherKeyIsRefused() {
        veraison.signingKey = FakeVeraisonServer.generate();
        VerificationException e = refusal(verifier());
        assertThat(e.failure()).isEqualTo(Failure.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("not valid under the configured verifier key");
    }

    @Test
    void anEarForAnotherNonceIsRefused() {
        veraison.earNonce = filled(64, 0x01);
        VerificationException e = refusal(verifier());
        assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH);
        assertThat(e.getMessage()).contains("another nonce");
    }

    @Test
    void aPlatformVeraisonDoesNotAffirmOrAContraindicatedRealmIsRefused() {
        veraison.platformStatus = "warning";
        VerificationException platform = refusal(verifier());
        assertThat(platform.failure()).isEqualTo(Failure.TCB_REJECTED);
        assertThat(platform.getMessage()).contains("did not affirm the CCA platform", "warning");

        veraison.platformStatus = "affirming";
        veraison.realmStatus = "contraindicated";
        VerificationException realm = refusal(verifier());
        assertThat(realm.failure()).isEqualTo(Failure.TCB_REJECTED);
        assertThat(realm.getMessage()).contains("rejected the CCA realm");
    }

    @Test
    void aRealmWarningIsLeftToThePolicy() throws Exception {
        veraison.realmStatus = "warning";
        assertThat(verify(verifier(), Optional.empty())).hasSize(1);
    }

    @Test
    void initDataMustBeThePersonalizationValue() {
        byte[] other = new byte[32];
        other[0] = 1;
        VerificationException e = assertThrows(VerificationException.class,
                () -> verify(verifier(), Optional.of(other)));
        assertThat(e.failure()).isEqualTo(Failure.INIT_DATA_MISMATCH);
    }

    @Test
    void remoteModeNeedsRuntimeData() {
        VerificationException e = assertThrows(VerificationException.class, () -> verifier().verify(
                CcaVerifierTest.asByteArray(TOKEN), Optional.empty(), Optional.empty(), Instant.now()));
        assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH);
        assertThat(veraison.requests()).isEmpty();
    }

    @Test
    void veraisonErrorsFailClosedWithTheirReason() {
        veraison.newSessionStatus = 500;
        VerificationException serverError = refusal(verifier());
        assertThat(serverError.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(serverError.getMessage()).contains("HTTP 500", "create a session");

        veraison.newSessionStatus = 401;
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);

        veraison.newSessionStatus = 201;
        veraison.evidenceStatus = 400;
        VerificationException refused = refusal(verifier());
        assertThat(refused.failure()).isEqualTo(Failure.MALFORMED_EVIDENCE);
        assertThat(refused.getMessage()).contains("refused the CCA token (HTTP 400)");

        veraison.evidenceStatus = 503;
        assertThat(refusal(verifier()).failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);

        veraison.evidenceStatus = 0;
        veraison.sessionState = "failed";
        VerificationException failed = refusal(verifier());
        assertThat(failed.failure()).isEqualTo(Failure.SIGNATURE_INVALID);
        assertThat(failed.getMessage()).contains("session failed");
    }

    @Test
    void aSlowOrAbsentVeraisonFailsClosed() {
        veraison.delayMillis = 1_000;
        VerificationException slow = refusal(verifier(Duration.ofMillis(200)));
        assertThat(slow.failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
        assertThat(slow.getMessage()).contains("did not answer");

        CcaVerifier gone = verifier();
        veraison.close();
        assertThat(refusal(gone).failure()).isEqualTo(Failure.COLLATERAL_UNAVAILABLE);
    }

    @Test
    void theVerifierKeyIsAPublicJwkOrPem(@TempDir Path dir) throws Exception {
        Path jwk = Files.writeString(dir.resolve("key.jwk"), veraison.publicKey().toJSONString());
        assertThat(CcaConfiguration.verifierKey(jwk)).isEqualTo(veraison.publicKey());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                veraison.publicKey().toECPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Path pemFile = Files.writeString(dir.resolve("key.pem"), pem);
        assertThat(CcaConfiguration.verifierKey(pemFile).toECKey().toECPublicKey())
                .isEqualTo(veraison.publicKey().toECPublicKey());
        Path secret = Files.writeString(dir.resolve("secret.jwk"), FakeVeraisonServer.generate().toJSONString());
        assertThat(assertThrows(IllegalStateException.class, () -> CcaConfiguration.verifierKey(secret))
                .getMessage()).contains("private key");
        Path garbage = Files.writeString(dir.resolve("garbage"), "nonsense");
        assertThrows(IllegalStateException.class, () -> CcaConfiguration.verifierKey(garbage));
    }

    @Test
    void remoteModeWithoutUrlOrKeyStopsTheService() {
        CcaProperties properties = new CcaProperties(CcaProperties.Mode.REMOTE, null, null,
                new CcaProperties.Remote(null, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofMillis(10), Duration.ofSeconds(1)));
        assertThat(assertThrows(IllegalStateException.class,
                () -> new CcaConfiguration().ccaVerifier(properties, JSON)).getMessage())
                .contains("arca.as.cca.remote.url");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
