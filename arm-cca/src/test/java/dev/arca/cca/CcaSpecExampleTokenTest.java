package dev.arca.cca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.cca.CcaVerificationException.Reason;
import dev.arca.cca.store.ReferenceValueStore;
import dev.arca.cca.store.TrustAnchorStore;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CCA spec example token and its stores (vectors MANIFEST §8), read in place from the real-evidence corpus; a fresh
 * clone runs the same paths in {@link CcaTokenVerifierTest}.
 */
@RealEvidence
class CcaSpecExampleTokenTest {

    private static final byte[] REALM_CHALLENGE = Hex.parse("57e979ae2618de0c1ab73144c440d741cf9236dc9d52ed190053382a4d"
            + "190252f9f0370403c35dcb155fb4362d73c66d5b0494bf939315d3dc52b8cdc8b85a96");
    private static byte[] token;
    private static CcaTokenVerifier verifier;

    @BeforeAll
    static void read() {
        token = Corpus.bytes("cca/trustee_cca-example-token.cbor");
        verifier = new CcaTokenVerifier(TrustAnchorStore.parse(Corpus.text("cca/trustee_tastore.json")),
                ReferenceValueStore.parse(Corpus.text("cca/trustee_rvstore.json")));
    }

    private static Reason refusal(byte[] bytes, Optional<byte[]> reportData) {
        try {
            verifier.verify(bytes, reportData, Optional.empty());
        } catch (CcaVerificationException e) {
            return e.reason();
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void exampleTokenVerifiesWithItsClaims() throws Exception {
        VerifiedCcaToken verified = verifier.verify(token, Optional.of(REALM_CHALLENGE), Optional.of(new byte[64]));
        assertThat(verified.platform().profile()).isEqualTo("http://arm.com/CCA-SSD/1.0.0");
        assertThat(Hex.of(verified.platform().implementationId()))
                .isEqualTo("7f454c4602010100000000000000000003003e00010000005058000000000000");
        assertThat(Hex.of(verified.platform().instanceId()))
                .isEqualTo("0107060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918");
        assertThat(verified.platform().lifecycle()).isEqualTo(0x3003);
        assertThat(Hex.of(verified.platform().config())).isEqualTo("cfcfcfcf");
        assertThat(verified.platform().swComponents()).hasSize(13);
        assertThat(Hex.of(verified.platform().challenge()))
                .isEqualTo("b5973cb68baa9fc55558786b7ec67f69e40df5ba5aa921cd0c27f40587a011ea");
        assertThat(verified.realm().hashAlgorithm()).isEqualTo("sha-512");
        assertThat(verified.realm().publicKeyHashAlgorithm()).isEqualTo("sha-256");
        assertThat(Hex.of(verified.realm().initialMeasurement())).startsWith("ae87fbf7f105e71a");
    }

    @Test
    void challengeMismatchIsRefused() {
        byte[] other = REALM_CHALLENGE.clone();
        other[0] ^= 1;
        assertThat(refusal(token, Optional.of(other))).isEqualTo(Reason.CHALLENGE_MISMATCH);
    }

    @Test
    void trailingByteIsRefused() {
        assertThat(refusal(Arrays.copyOf(token, token.length + 1), Optional.empty())).isEqualTo(Reason.FORMAT);
    }

    @Test
    void wrongCpakIsRefused() {
        // the same store entry with the CPAK's x coordinate of another valid point: the example RAK's
        String store = "[{\"pkey\": {\"crv\": \"P-384\", \"kty\": \"EC\", "
                + "\"x\": \"dvmICRvlhe1BgBrs-rhYVIxjBX4WsOZ2Egu9DS-cKeBWxdQaATDrnCFReJncIxRr\", "
                + "\"y\": \"KOGwYr0-pLMV_SGfHLtSjLbnTKSb4Wdzc09hocphAxsrvz2Rjy-U_8QijlCRlUSu\"}, "
                + "\"implementation-id\": \"7f454c4602010100000000000000000003003e00010000005058000000000000\", "
                + "\"instance-id\": \"0107060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918\"}]";
        CcaTokenVerifier wrong = new CcaTokenVerifier(TrustAnchorStore.parse(store),
                ReferenceValueStore.parse(Corpus.text("cca/trustee_rvstore.json")));
        CcaVerificationException refused = org.junit.jupiter.api.Assertions.assertThrows(
                CcaVerificationException.class, () -> wrong.verify(token, Optional.empty(), Optional.empty()));
        assertThat(refused.reason()).isEqualTo(Reason.PLATFORM_SIGNATURE);
    }

    @Test
    void byteFlipsInEachSignedRegionAreRefused() throws Exception {
        // locate the signed regions by their content: the platform payload's profile, the platform signature
        // (the 96 bytes before the realm token's key 44241 = 19 ac d1), the realm payload's RIM, the realm signature
        // (the last 96 bytes)
        int profile = indexOf(token, "http://arm.com/CCA-SSD".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int realmKey = indexOf(token, new byte[] {0x19, (byte) 0xac, (byte) 0xd1});
        int rim = indexOf(token, Hex.parse("ae87fbf7f105e71a7827cb6f"));
        assertThat(new int[] {profile, realmKey, rim}).doesNotContain(-1);
        // a flip in the platform payload changes claims the signature covers
        assertThat(refusal(flip(token, profile + 8), Optional.empty())).isEqualTo(Reason.PLATFORM_SIGNATURE);
        assertThat(refusal(flip(token, realmKey - 10), Optional.empty())).isEqualTo(Reason.PLATFORM_SIGNATURE);
        assertThat(refusal(flip(token, rim + 5), Optional.empty())).isEqualTo(Reason.REALM_SIGNATURE);
        assertThat(refusal(flip(token, token.length - 10), Optional.empty())).isEqualTo(Reason.REALM_SIGNATURE);
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
