package dev.arca.cca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.cca.CcaVerificationException.Reason;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import dev.arca.cca.testkeys.TestCcaToken;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every verification path on synthetic tokens signed by test keys (runs in a fresh clone). */
class CcaTokenVerifierTest {

    private final TestCcaToken token = new TestCcaToken();

    private CcaTokenVerifier verifier() {
        return new CcaTokenVerifier(TrustAnchorStore.parse(token.trustAnchorStoreJson()),
                ReferenceValueStore.parse(TestCcaToken.referenceValueStoreJson()));
    }

    private static Reason refusal(CcaTokenVerifier verifier, byte[] bytes, Optional<byte[]> reportData,
            Optional<byte[]> initData) {
        try {
            verifier.verify(bytes, reportData, initData);
        } catch (CcaVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void validTokenVerifiesAndExposesItsClaims() throws Exception {
        VerifiedCcaToken verified = verifier().verify(token.build(), Optional.of(token.challenge()),
                Optional.of(new byte[64]));
        assertThat(verified.platform().implementationId()).isEqualTo(TestCcaToken.IMPLEMENTATION_ID);
        assertThat(verified.platform().swComponents()).hasSize(1);
        assertThat(verified.realm().initialMeasurement()).isEqualTo(TestCcaToken.RIM);
        assertThat(verified.realm().extensibleMeasurements()).hasSize(4);
    }

    @Test
    void shorterReportDataIsZeroPaddedTo64Bytes() throws Exception {
        byte[] reportData = new byte[48];
        Arrays.fill(reportData, (byte) 0x66);
        byte[] challenge = Arrays.copyOf(reportData, 64);
        token.challenge(challenge);
        verifier().verify(token.build(), Optional.of(reportData), Optional.empty());
        assertThat(refusal(verifier(), token.build(), Optional.of(new byte[48]), Optional.empty()))
                .isEqualTo(Reason.CHALLENGE_MISMATCH);
    }

    @Test
    void realmChallengeMustBeTheExpectedReportData() {
        byte[] other = token.challenge();
        other[63] ^= 1;
        assertThat(refusal(verifier(), token.build(), Optional.of(other), Optional.empty()))
                .isEqualTo(Reason.CHALLENGE_MISMATCH);
    }

    @Test
    void personalizationValueMustBeTheInitDataDigest() {
        byte[] digest = new byte[32];
        digest[0] = 1;
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.of(digest)))
                .isEqualTo(Reason.INIT_DATA_MISMATCH);
    }

    @Test
    void platformSignedByAnotherKeyIsRefused() {
        token.platformSignedByStranger();
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.PLATFORM_SIGNATURE);
    }

    @Test
    void realmSignedByAnotherKeyThanItsRakIsRefused() {
        token.realmSignedByStranger();
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.REALM_SIGNATURE);
    }

    @Test
    void platformChallengeMustBindTheRak() {
        token.unboundRak();
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.RAK_BINDING);
    }

    @Test
    void unknownPlatformIsRefused() {
        CcaTokenVerifier strangers = new CcaTokenVerifier(TrustAnchorStore.parse(new TestCcaToken()
                .trustAnchorStoreJson().replace("\"instance-id\": \"01", "\"instance-id\": \"02")),
                ReferenceValueStore.parse(TestCcaToken.referenceValueStoreJson()));
        assertThat(refusal(strangers, token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.UNKNOWN_PLATFORM);
    }

    @Test
    void unknownComponentIsRefusedByThePlatformReferenceValues() {
        token.component(new byte[32]);
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.PLATFORM_REFERENCE_VALUES);
    }

    @Test
    void unknownRimIsRefusedByTheRealmReferenceValues() {
        token.rim(new byte[64]);
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.REALM_REFERENCE_VALUES);
    }

    @Test
    void otherPersonalizationValueIsRefusedByTheRealmReferenceValues() {
        byte[] perso = new byte[64];
        perso[0] = 7;
        token.personalization(perso);
        assertThat(refusal(verifier(), token.build(), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.REALM_REFERENCE_VALUES);
    }

    @Test
    void trailingByteAndTruncationAreFormatErrors() {
        byte[] bytes = token.build();
        assertThat(refusal(verifier(), Arrays.copyOf(bytes, bytes.length + 1), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.FORMAT);
        assertThat(refusal(verifier(), Arrays.copyOf(bytes, bytes.length - 1), Optional.empty(), Optional.empty()))
                .isEqualTo(Reason.FORMAT);
        assertThat(refusal(verifier(), new byte[0], Optional.empty(), Optional.empty())).isEqualTo(Reason.FORMAT);
    }

    @Test
    void storesRejectMalformedEntries() {
        assertThatThrownBy(() -> TrustAnchorStore.parse("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustAnchorStore.parse("[{\"implementation-id\": \"zz\"}]"))
                .hasMessageContaining("implementation-id");
        assertThatThrownBy(() -> ReferenceValueStore.parse("{\"realm\": [{}]}"))
                .hasMessageContaining("initial-measurement");
        assertThatThrownBy(() -> ReferenceValueStore.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
