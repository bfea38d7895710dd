package dev.arca.kbs.jwe;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Base64s;
import dev.arca.model.kbs.JweResponse;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.kbs.TeePublicKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import dev.arca.model.keys.BouncyCastleKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts a resource to the attested TEE key as the flattened JWE of Trustee kbs_attestation_protocol.md, the way
 * guest-components' kbs_protocol decrypts it: ECDH-ES+A256KW on P-256/P-521 or RSA-OAEP-256 key transport, A256GCM
 * content encryption with AAD = ASCII of b64url(protected header), the tag detached, no {@code aad} member.
 */
@Component
public class JweEncrypter {

    public static final String ECDH_ES_A256KW = "ECDH-ES+A256KW";
    public static final String RSA_OAEP_256 = "RSA-OAEP-256";
    public static final String RSA1_5 = "RSA1_5";

    /**
     * Bouncy Castle for the EC operations: the JDK's EC code is many times slower (SignatureFloorBenchmark,
     * docs/performance.md).
     */
    static final Provider BC = BouncyCastleKeys.PROVIDER;

    private static final int TAG_BITS = 128;
    private static final int KEK_BITS = 256;

    private final JweRandomness randomness;
    private final boolean allowRsa15;

    @Autowired
    public JweEncrypter(KbsProperties properties) {
        this(new SecureJweRandomness(), properties.jwe().allowRsa15());
    }

    JweEncrypter(JweRandomness randomness, boolean allowRsa15) {
        this.randomness = randomness;
        this.allowRsa15 = allowRsa15;
    }

    /** Refuses a key no resource could be encrypted to, with a 400 JweError (Trustee kbs_attestation_protocol.md). */
    public void requireSupported(TeePublicKey key) {
        switch (key) {
            case TeePublicKey.Ec ec when ECDH_ES_A256KW.equals(ec.alg()) -> { }
            case TeePublicKey.Rsa rsa when RSA_OAEP_256.equals(rsa.alg()) -> { }
            case TeePublicKey.Rsa rsa when RSA1_5.equals(rsa.alg()) -> {
                if (!allowRsa15) {
                    throw new KbsException(KbsErrorType.JweError, "JWE failed: RSA1_5 key transport is disabled "
                            + "(insecure, see arca.kbs.jwe.allow-rsa1-5); use RSA-OAEP-256 or ECDH-ES+A256KW");
                }
            }
            default -> throw new KbsException(KbsErrorType.JweError, "JWE failed: unsupported tee-pubkey alg '"
                    + key.alg() + "' (use ECDH-ES+A256KW on P-256/P-521 or RSA-OAEP-256)");
        }
    }

    public JweResponse encrypt(TeePublicKey key, byte[] plaintext) {
        requireSupported(key);
        byte[] cek = randomness.contentKey();
        byte[] iv = randomness.iv();
        try {
            String header;
            byte[] encryptedKey;
            if (key instanceof TeePublicKey.Ec ec) {
                KeyPair ephemeral = randomness.ephemeralKey(ec.publicKey().getParams());
                SecretKey kek = agreeKek(ephemeral, ec.publicKey());
                encryptedKey = wrap(kek, cek);
                ECPublicKey epk = (ECPublicKey) ephemeral.getPublic();
                int size = coordinateLength(epk);
                header = ProtectedHeader.ecdh(ECDH_ES_A256KW, ec.crv(),
                        Base64s.url(fixedLength(epk.getW().getAffineX(), size)),
                        Base64s.url(fixedLength(epk.getW().getAffineY(), size)));
            } else {
                TeePublicKey.Rsa rsa = (TeePublicKey.Rsa) key;
                encryptedKey = rsaEncrypt(rsa, cek);
                header = ProtectedHeader.rsa(rsa.alg());
            }
            String protectedHeader = Base64s.url(header.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = gcm(cek, iv, protectedHeader.getBytes(StandardCharsets.US_ASCII), plaintext);
            int split = sealed.length - TAG_BITS / 8;
            return new JweResponse(protectedHeader, Base64s.url(encryptedKey), Base64s.url(iv),
                    Base64s.url(Arrays.copyOfRange(sealed, 0, split)),
                    Base64s.url(Arrays.copyOfRange(sealed, split, sealed.length)));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new KbsException(KbsErrorType.JweError, "JWE failed", e);
        } finally {
            Arrays.fill(cek, (byte) 0);
        }
    }

    /**
     * The pre-0.2.0 JWE that 0.1.0 and 0.1.1 guests decrypt (the Trustee KBS protocol before 0.2.0): the CEK under
     * RSA1_5, AES-256-GCM with no AAD and the tag appended to the ciphertext, {@code protected} as the raw JSON text
     * (not base64url) and an empty {@code tag}. It authenticates nothing of the header, which is why only legacy
     * sessions get it.
     */
    public JweResponse encryptLegacy(TeePublicKey key, byte[] plaintext) {
        requireSupported(key, true);
        TeePublicKey.Rsa rsa = (TeePublicKey.Rsa) key;
        byte[] cek = randomness.contentKey();
        byte[] iv = randomness.iv();
        try {
            byte[] encryptedKey = rsaEncrypt(rsa, cek);
            byte[] sealed = gcm(cek, iv, new byte[0], plaintext);
            return new JweResponse(ProtectedHeader.rsa(RSA1_5), Base64s.url(encryptedKey), Base64s.url(iv),
                    Base64s.url(sealed), "");
        } catch (GeneralSecurityException e) {
            throw new KbsException(KbsErrorType.JweError, "JWE failed", e);
        } finally {
            Arrays.fill(cek, (byte) 0);
        }
    }

    /** Refuses a key the chosen format cannot be encrypted to (the legacy format is RSA1_5 only). */
    public void requireSupported(TeePublicKey key, boolean legacy) {
        if (legacy && !(key instanceof TeePublicKey.Rsa rsa && RSA1_5.equals(rsa.alg()))) {
            throw new KbsException(KbsErrorType.JweError,
                    "JWE failed: the legacy JWE needs an RSA tee-pubkey with alg RSA1_5");
        }
        requireSupported(key);
    }

    /**
     * Whether a release gets the legacy JWE. A cookie session knows its guest's generation: legacy for 0.1.x. A bearer
     * token ({@code sessionProtocol} null) does not, so its key decides: an RSA key with alg {@code RSA1_5}, while
     * RSA1_5 is allowed at all, is a 0.1.x guest's — guest-components up to v0.11 (protocol 0.1.x) make only such
     * keys and parse only the legacy shape, also in passport mode (its token client), while v0.12 and later (0.2.0+)
     * make P-256 or RSA-OAEP keys. Any other bearer key gets RFC 7516.
     *
     * @param sessionProtocol the cookie session's generation, or null for a bearer token
     */
    public boolean legacyFor(ProtocolVersion sessionProtocol, TeePublicKey key) {
        if (sessionProtocol != null) {
            return sessionProtocol.legacyJwe();
        }
        return allowRsa15 && key instanceof TeePublicKey.Rsa rsa && RSA1_5.equals(rsa.alg());
    }

    /** The format the session's protocol generation decrypts: legacy for 0.1.x cookie sessions, RFC 7516 otherwise. */
    public JweResponse encrypt(TeePublicKey key, byte[] plaintext, boolean legacy) {
        return legacy ? encryptLegacy(key, plaintext) : encrypt(key, plaintext);
    }

    /**
     * Z = x-coordinate of the shared point, then Concat KDF with SHA-256 (RFC 7518 §4.6.2): AlgorithmID = the alg,
     * PartyUInfo and PartyVInfo empty (length 0), SuppPubInfo = 256 (Trustee kbs_attestation_protocol.md).
     */
    private static SecretKey agreeKek(KeyPair ephemeral, ECPublicKey recipient)
            throws GeneralSecurityException, JOSEException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH", BC);
        agreement.init(ephemeral.getPrivate());
        agreement.doPhase(recipient, true);
        byte[] z = agreement.generateSecret();
        try {
            byte[] otherInfo = ConcatKDF.composeOtherInfo(
                    ConcatKDF.encodeDataWithLength(ECDH_ES_A256KW.getBytes(StandardCharsets.US_ASCII)),
                    ConcatKDF.encodeDataWithLength(new byte[0]),
                    ConcatKDF.encodeDataWithLength(new byte[0]),
                    ConcatKDF.encodeIntData(KEK_BITS),
                    ConcatKDF.encodeNoData());
            return new ConcatKDF("SHA-256").deriveKey(new SecretKeySpec(z, "AES"), KEK_BITS, otherInfo);
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }

    /** AES-256 Key Wrap, RFC 3394 with its default IV. */
    private static byte[] wrap(SecretKey kek, byte[] cek) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AESWrap");
        cipher.init(Cipher.WRAP_MODE, new SecretKeySpec(kek.getEncoded(), "AES"));
        return cipher.wrap(new SecretKeySpec(cek, "AES"));
    }

    private static byte[] rsaEncrypt(TeePublicKey.Rsa key, byte[] cek) throws GeneralSecurityException {
        if (RSA_OAEP_256.equals(key.alg())) {
            // RSAES-OAEP with SHA-256 and MGF1-SHA-256, empty label (RFC 7518 §4.3).
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.publicKey(), new OAEPParameterSpec("SHA-256", "MGF1",
                    MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            return cipher.doFinal(cek);
        }
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key.publicKey());
        return cipher.doFinal(cek);
    }

    /** AES-256-GCM; the JDK appends the 16-byte tag to the ciphertext. */
    private static byte[] gcm(byte[] cek, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher.doFinal(plaintext);
    }

    private static int coordinateLength(ECPublicKey key) {
        return (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    }

    /** Big-endian, left zero-padded to the curve's coordinate size (32 bytes for P-256, 66 for P-521). */
    static byte[] fixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        if (raw.length > length) {
            // only a sign byte can make it longer
            System.arraycopy(raw, raw.length - length, out, 0, length);
        } else {
            System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        }
        return out;
    }
}
