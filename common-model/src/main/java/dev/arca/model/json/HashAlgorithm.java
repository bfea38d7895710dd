package dev.arca.model.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SM3Digest;

/** Runtime-data and init-data hash algorithms, named as kbs-types serialises them (lowercase). */
public enum HashAlgorithm {
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64),
    SM3("sm3", null, 32);

    /** The protocol default when neither side negotiated one (guest-components kbs_protocol). */
    public static final HashAlgorithm DEFAULT = SHA384;

    private final String wireName;
    private final String jcaName;
    private final int length;

    HashAlgorithm(String wireName, String jcaName, int length) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.length = length;
    }

    public String wireName() {
        return wireName;
    }

    public int length() {
        return length;
    }

    /** Case-insensitive lookup; a null or empty name is the default, as upstream's AS treats it. */
    public static Optional<HashAlgorithm> fromWire(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(DEFAULT);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.wireName.equals(lower)).findFirst();
    }

    public byte[] digest(byte[] data) {
        if (this == SM3) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(data, 0, data.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    @Override
    public String toString() {
        return wireName;
    }
}
