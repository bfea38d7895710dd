package dev.arca.tpm.quote;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the TPM 2.0 structures a guest sends (docs/fuzzing.md): TPMS_ATTEST (then its PCR digest check against
 * made-up values), TPMT_SIGNATURE (then verified against a fixed key), TPMT_PUBLIC / SubjectPublicKeyInfo. Each is
 * parsed or refused with a {@link TpmVerificationException}; anything else is a finding, and a signature over fuzzed
 * bytes that verifies with a key nobody holds is one too.
 */
class TpmStructuresFuzzTest {

    private static final java.security.PublicKey KEY = key();

    private static java.security.PublicKey key() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    void attest(byte[] bytes) {
        try {
            TpmsAttest attest = TpmsAttest.parse(bytes);
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                values.add(new byte[32]);
            }
            new TpmQuote(attest, TpmtSignature.rsassa(TcgAlgorithm.SHA256, new byte[256]))
                    .attestedPcrs(PcrValues.ofBank(TcgAlgorithm.SHA256, values));
        } catch (TpmVerificationException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void signature(byte[] bytes) {
        try {
            TpmtSignature.parse(bytes).verify(KEY, bytes);
            throw new AssertionError("a fuzzed signature verified with a key nobody holds");
        } catch (TpmVerificationException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void publicKey(byte[] bytes) {
        try {
            if (bytes.length > 0 && bytes[0] == 0x30) {
                TpmtPublic.fromSpki(bytes);
            } else {
                TpmtPublic.parse(bytes);
            }
        } catch (TpmVerificationException refused) {
            // typed refusal
        }
    }
}
