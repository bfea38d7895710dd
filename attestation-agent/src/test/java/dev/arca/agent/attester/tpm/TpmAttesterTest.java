package dev.arca.agent.attester.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTpmDevice;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A plain TPM: a fake TPM holds PCRs and an attestation key the test made and signs its own quotes; the nested class
 * has it answer with the real AK, quote and PCRs of a published TPM evidence when the real-evidence corpus is present.
 */
class TpmAttesterTest {

    private static final KeyPair AK = rsa();

    @TempDir
    Path root;

    private FakeKernel kernel;
    private FakeTpmDevice tpm;
    private final List<byte[]> pcrs = new ArrayList<>();

    @BeforeEach
    void tpm() {
        for (int i = 0; i < 24; i++) {
            byte[] pcr = new byte[32];
            Arrays.fill(pcr, (byte) (i == 8 ? 0 : 0x40 + i)); // PCR 8 still zero: nothing extended it yet
            pcrs.add(pcr);
        }
        tpm = new FakeTpmDevice().signingKey(0x81010002, AK).pcrs(pcrs);
        kernel = FakeKernel.at(root);
        kernel.tpm("tpm0", tpm);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TpmAttester attester(Map<String, String> env) throws Exception {
        return new TpmAttester(new Platform(kernel, HostPaths.fromSystemProperties(), env));
    }

    @Test
    void evidenceIsTheUpstreamFormOfTheTpmsAnswers() throws Exception {
        byte[] reportData = new byte[48];
        Arrays.fill(reportData, (byte) 9);

        JsonNode evidence = attester(Map.of()).evidence(reportData);

        assertThat(evidence.propertyNames()).containsExactlyInAnyOrder("tpm_quote", "ak_public");
        assertThat(evidence.get("tpm_quote").propertyNames()).containsExactlyInAnyOrder("signature", "message",
                "pcrs");
        assertThat(evidence.get("ak_public").asString()).isEqualTo(Base64.getEncoder().encodeToString(
                AK.getPublic().getEncoded()));
        List<String> listed = new ArrayList<>();
        evidence.at("/tpm_quote/pcrs").forEach(p -> listed.add(p.asString()));
        assertThat(listed).isEqualTo(pcrs.stream().map(Hex::of).toList());
        FakeTpmDevice.QuoteRequest quote = tpm.quotes().getFirst();
        assertThat(quote.qualifyingData()).isEqualTo(reportData); // the whole report data
        assertThat(quote.scheme()).isEqualTo(0x0014); // RSASSA
        assertThat(quote.hashAlg()).isEqualTo(0x000B); // SHA-256
        // the TPMS_ATTEST carries that nonce as extraData (after magic, type and the 34-byte signer name)
        ByteBuffer attest = ByteBuffer.wrap(Base64.getDecoder().decode(evidence.at("/tpm_quote/message").asString()));
        assertThat(attest.getInt()).isEqualTo(0xFF544347);
        assertThat(attest.getShort()).isEqualTo((short) 0x8018);
        attest.position(attest.position() + 2 + Short.toUnsignedInt(attest.getShort(attest.position())));
        byte[] extraData = new byte[Short.toUnsignedInt(attest.getShort())];
        attest.get(extraData);
        assertThat(extraData).isEqualTo(reportData);
        // PCR_Read returns at most 8 PCRs, so 24 take three commands
        assertThat(tpm.commands().stream().filter(c -> c == 0x17E)).hasSize(3);
    }

    @Test
    void reportDataLongerThanATpmNonceIsRefused() throws Exception {
        assertThatThrownBy(() -> attester(Map.of()).evidence(new byte[65]))
                .isInstanceOf(dev.arca.agent.attester.InvalidReportDataException.class).hasMessageContaining("64");
        assertThat(tpm.quotes()).isEmpty();
    }

    /** The fake TPM answers with a real TPM's AK, quote and PCRs (trustee's TPM evidence), relayed exactly. */
    @Nested
    @RealEvidence
    class OnRealEvidence {

        @Test
        void evidenceIsExactlyTheUpstreamFormOfTheTpmsAnswers() throws Exception {
            JsonNode vector = Json.tree(Corpus.text("tpm/trustee_tpm_evidence.json"));
            Base64.Decoder b64 = Base64.getDecoder();
            RSAPublicKey ak = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    b64.decode(vector.get("ak_public").asString())));
            List<byte[]> realPcrs = new ArrayList<>();
            vector.at("/tpm_quote/pcrs").forEach(p -> realPcrs.add(Hex.parse(p.asString())));
            tpm = new FakeTpmDevice().key(0x81010002, ak).pcrs(realPcrs)
                    .quoteAnswer(b64.decode(vector.at("/tpm_quote/message").asString()),
                            b64.decode(vector.at("/tpm_quote/signature").asString()));
            kernel = FakeKernel.at(root.resolve("real"));
            kernel.tpm("tpm0", tpm);

            JsonNode evidence = attester(Map.of()).evidence(new byte[48]);

            assertThat(evidence).isEqualTo(vector);
            assertThat(tpm.quotes().getFirst().scheme()).isEqualTo(0x0014);
        }
    }

    @Test
    void theQuoteInTheEvidenceVerifiesWithTheAkPublicKey() throws Exception {
        JsonNode evidence = attester(Map.of()).evidence(new byte[0]);
        Base64.Decoder b64 = Base64.getDecoder();
        ByteBuffer signature = ByteBuffer.wrap(b64.decode(evidence.at("/tpm_quote/signature").asString()));
        assertThat(signature.getShort()).isEqualTo((short) 0x0014);
        signature.getShort();
        byte[] rsa = new byte[Short.toUnsignedInt(signature.getShort())];
        signature.get(rsa);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                b64.decode(evidence.get("ak_public").asString()))));
        byte[] message = b64.decode(evidence.at("/tpm_quote/message").asString());
        verifier.update(message);
        assertThat(verifier.verify(rsa)).isTrue();
        // and its pcrDigest is SHA-256 over the 24 PCRs the evidence lists
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        evidence.at("/tpm_quote/pcrs").forEach(p -> sha256.update(Hex.parse(p.asString())));
        assertThat(Arrays.copyOfRange(message, message.length - 32, message.length)).isEqualTo(sha256.digest());
    }

    @Test
    void deviceAndAkHandleComeFromTheUpstreamEnvironment() throws Exception {
        Platform platform = new Platform(kernel, HostPaths.fromSystemProperties(), Map.of());
        assertThat(TpmAttester.device(platform)).contains(Path.of("/dev/tpm0"));
        Platform missing = new Platform(kernel, HostPaths.fromSystemProperties(), Map.of("AA_TPM_DEVICE", "/dev/tpm9"));
        assertThat(TpmAttester.detect(missing)).isFalse();
        assertThat(TpmAttester.akHandle("0x81010003")).isEqualTo(0x81010003);
        assertThat(TpmAttester.akHandle("81000001")).isEqualTo(0x81000001);
        assertThatThrownBy(() -> TpmAttester.akHandle("ak")).hasMessageContaining("AA_TPM_AK_HANDLE");
        assertThatThrownBy(() -> attester(Map.of("AA_TPM_AK_HANDLE", "0x81000009")).evidence(new byte[0]))
                .isInstanceOf(TpmException.class).hasMessageContaining("TPM_RC 0x18B");
    }

    @Test
    void initDataExtendsPcr8() throws Exception {
        byte[] digest = new byte[32];
        digest[0] = 1;
        assertThat(attester(Map.of()).bindInitData(digest).outcome()).isEqualTo(InitDataBinding.Outcome.EXTENDED);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]); // PCR 8 was zero
        sha256.update(digest);
        assertThat(tpm.pcr(8)).isEqualTo(sha256.digest());
    }
}
