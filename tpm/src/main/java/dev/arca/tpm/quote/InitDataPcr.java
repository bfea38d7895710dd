package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The init-data binding of a TPM (Trustee tpm and Azure vTPM verifiers): the guest extends the init-data digest once
 * into SHA-256 PCR 8 from its reset value, so PCR8 = SHA-256(32 zero bytes ‖ digest).
 */
public final class InitDataPcr {

    public static final int INDEX = 8;

    private InitDataPcr() {
    }

    /** The PCR8 value that binds {@code digest}. */
    public static byte[] expected(byte[] digest) {
        byte[] input = Arrays.copyOf(new byte[32], 32 + digest.length);
        System.arraycopy(digest, 0, input, 32, digest.length);
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    /**
     * @param attested the quote's attested PCRs
     * @throws TpmVerificationException INIT_DATA_MISMATCH when the digest is not a SHA-256 digest, PCR8 is not
     *                                  attested, or it does not hold the extended digest
     */
    public static void require(PcrValues attested, byte[] digest) throws TpmVerificationException {
        if (digest.length != 32) {
            throw new TpmVerificationException(Reason.INIT_DATA_MISMATCH, "the init-data digest is " + digest.length
                    + " bytes; a TPM binds init-data as a SHA-256 digest in PCR8");
        }
        byte[] pcr8 = attested.bank(TcgAlgorithm.SHA256).get(INDEX);
        if (pcr8 == null || !MessageDigest.isEqual(pcr8, expected(digest))) {
            throw new TpmVerificationException(Reason.INIT_DATA_MISMATCH,
                    "PCR8 (SHA-256) does not hold the extended init-data digest");
        }
    }
}
