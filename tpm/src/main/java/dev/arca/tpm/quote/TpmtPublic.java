package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Attestation keys: a TPMT_PUBLIC (TPM 2.0 Library Part 2; optionally inside a TPM2B_PUBLIC) for RSA or ECC
 * (NIST P-256/P-384/P-521), or an X.509 SubjectPublicKeyInfo DER as Trustee's TPM evidence carries it.
 */
public final class TpmtPublic {

    private static final int TPM_ALG_RSA = 0x0001;
    private static final int TPM_ALG_ECC = 0x0023;
    private static final int TPM_ALG_NULL = 0x0010;
    private static final int TPM_ALG_ECDAA = 0x001A;
    private static final int MAX_RSA_BITS = 8192;

    private TpmtPublic() {
    }

    /** A TPMT_PUBLIC, or a TPM2B_PUBLIC (u16 size ‖ TPMT_PUBLIC). */
    public static PublicKey parse(byte[] bytes) throws TpmVerificationException {
        byte[] inner = bytes;
        if (bytes.length > 2 && ((bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)) == bytes.length - 2) {
            inner = java.util.Arrays.copyOfRange(bytes, 2, bytes.length);
        }
        TpmReader in = new TpmReader(inner, "TPMT_PUBLIC");
        int type = in.u16();
        in.u16(); // nameAlg
        in.u32(); // objectAttributes
        in.sized(); // authPolicy
        skipSymmetric(in);
        PublicKey key = switch (type) {
            case TPM_ALG_RSA -> rsa(in);
            case TPM_ALG_ECC -> ecc(in);
            default -> throw in.invalid("key type 0x" + Integer.toHexString(type) + " is not RSA or ECC");
        };
        in.requireEnd();
        return key;
    }

    /** An X.509 SubjectPublicKeyInfo (DER), RSA or EC. */
    public static PublicKey fromSpki(byte[] der) throws TpmVerificationException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException notThisAlgorithm) {
                // try the next
            }
        }
        throw TpmVerificationException.format("the attestation key is not an RSA or EC SubjectPublicKeyInfo");
    }

    private static void skipSymmetric(TpmReader in) throws TpmVerificationException {
        if (in.u16() != TPM_ALG_NULL) {
            in.u16(); // keyBits
            in.u16(); // mode
        }
    }

    private static void skipScheme(TpmReader in) throws TpmVerificationException {
        int scheme = in.u16();
        if (scheme != TPM_ALG_NULL) {
            in.u16(); // hashAlg
            if (scheme == TPM_ALG_ECDAA) {
                in.u16(); // count
            }
        }
    }

    private static PublicKey rsa(TpmReader in) throws TpmVerificationException {
        skipScheme(in);
        int bits = in.u16();
        long exponent = in.u32();
        byte[] modulus = in.sized();
        if (bits == 0 || bits > MAX_RSA_BITS || modulus.length * 8 != bits) {
            throw in.invalid("an RSA key of " + bits + " bits with a " + modulus.length + "-byte modulus");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus),
                    BigInteger.valueOf(exponent == 0 ? 65537 : exponent)));
        } catch (GeneralSecurityException e) {
            throw in.invalid("the RSA key is unusable");
        }
    }

    private static PublicKey ecc(TpmReader in) throws TpmVerificationException {
        skipScheme(in);
        int curveId = in.u16();
        skipScheme(in); // kdf
        String curve = switch (curveId) {
            case 0x0003 -> "secp256r1";
            case 0x0004 -> "secp384r1";
            case 0x0005 -> "secp521r1";
            default -> throw in.invalid("curve 0x" + Integer.toHexString(curveId) + " is not NIST P-256/384/521");
        };
        BigInteger x = new BigInteger(1, in.sized());
        BigInteger y = new BigInteger(1, in.sized());
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            if (!onCurve(spec, x, y)) {
                throw in.invalid("the EC point is not on " + curve);
            }
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw in.invalid("the EC point is not on " + curve);
        }
    }

    /** y² = x³ + ax + b (mod p): the JDK's key factory does not check it, an invalid-curve point must not pass. */
    private static boolean onCurve(ECParameterSpec spec, BigInteger x, BigInteger y) {
        BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }
}
