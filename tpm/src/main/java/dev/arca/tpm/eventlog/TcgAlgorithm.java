package dev.arca.tpm.eventlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * TPM_ALG_ID values (TPM 2.0 Library Part 2, TPM_ALG_ID) of the hashes in quotes and crypto-agile logs, named as
 * trustee's {@code uefi_event_logs} claims name them.
 */
public enum TcgAlgorithm {
    RSA(0x1, "RSA", null, 0),
    TDES(0x3, "TDES", null, 0),
    SHA1(0x4, "SHA-1", "SHA-1", 20),
    SHA256(0xB, "SHA-256", "SHA-256", 32),
    SHA384(0xC, "SHA-384", "SHA-384", 48),
    SHA512(0xD, "SHA-512", "SHA-512", 64),
    SM3(0x12, "SM3", null, 32);

    private final int id;
    private final String displayName;
    private final String jcaName;
    private final int digestSize;

    TcgAlgorithm(int id, String displayName, String jcaName, int digestSize) {
        this.id = id;
        this.displayName = displayName;
        this.jcaName = jcaName;
        this.digestSize = digestSize;
    }

    /** The digest size in bytes, 0 for algorithms that are not hashes. */
    public int digestSize() {
        return digestSize;
    }

    /** The JCA name of the hash ({@code SHA-256}), or null for algorithms the JDK does not hash with. */
    public String jcaName() {
        return jcaName;
    }

    public int id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<TcgAlgorithm> fromId(int id) {
        for (TcgAlgorithm algorithm : values()) {
            if (algorithm.id == id) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The digest of {@code data}, or empty for algorithms that are not hashes. */
    public Optional<byte[]> digest(byte[] data) {
        if (this == SM3) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(data, 0, data.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return Optional.of(out);
        }
        if (jcaName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jcaName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }
}
