package dev.arca.tpm.testkeys;

import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.TpmtSignature;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * A test attestation key (RSA-2048, or ECC NIST P-256/P-384) that signs TPMS_ATTEST structures the way a TPM does,
 * and encodes its public part as a TPMT_PUBLIC or SubjectPublicKeyInfo. Keys are made on the spot: nothing in the
 * repository is a real TPM's.
 */
public final class TestAk {

    private final KeyPair keys;
    private final String curve;

    private TestAk(KeyPair keys, String curve) {
        this.keys = keys;
        this.curve = curve;
    }

    public static TestAk rsa() {
        return new TestAk(generate("RSA", null), null);
    }

    public static TestAk ecc(String curve) {
        return new TestAk(generate("EC", curve), curve);
    }

    private static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /** SubjectPublicKeyInfo DER. */
    public byte[] spki() {
        return keys.getPublic().getEncoded();
    }

    /** TPMT_PUBLIC: a restricted signing key with its scheme, the unique field holding the key. */
    public byte[] tpmtPublic() {
        TpmBytes out = new TpmBytes();
        if (curve == null) {
            RSAPublicKey rsa = (RSAPublicKey) keys.getPublic();
            out.u16(0x0001).u16(0x000B).u32(0x00050072).sized(new byte[0]);
            out.u16(0x0010); // symmetric NULL
            out.u16(0x0014).u16(0x000B); // RSASSA-SHA256
            out.u16(2048).u32(0);
            out.sized(unsigned(rsa.getModulus(), 256));
        } else {
            ECPublicKey ec = (ECPublicKey) keys.getPublic();
            int size = curve.equals("secp256r1") ? 32 : 48;
            out.u16(0x0023).u16(0x000B).u32(0x00050072).sized(new byte[0]);
            out.u16(0x0010);
            out.u16(0x0018).u16(size == 32 ? 0x000B : 0x000C); // ECDSA
            out.u16(size == 32 ? 0x0003 : 0x0004);
            out.u16(0x0010); // kdf NULL
            out.sized(unsigned(ec.getW().getAffineX(), size)).sized(unsigned(ec.getW().getAffineY(), size));
        }
        return out.bytes();
    }

    /** A TPMT_SIGNATURE over {@code message} with {@code scheme} (RSASSA, RSAPSS or ECDSA) and {@code hash}. */
    public byte[] sign(byte[] message, int scheme, TcgAlgorithm hash) {
        try {
            String jcaHash = hash.jcaName().replace("-", "");
            TpmBytes out = new TpmBytes().u16(scheme).u16(hash.id());
            if (scheme == TpmtSignature.ECDSA) {
                Signature signer = Signature.getInstance(jcaHash + "withECDSA");
                signer.initSign(keys.getPrivate());
                signer.update(message);
                ASN1Sequence rs = ASN1Sequence.getInstance(signer.sign());
                BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
                BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
                int size = curve.equals("secp256r1") ? 32 : 48;
                return out.sized(unsigned(r, size)).sized(unsigned(s, size)).bytes();
            }
            return out.sized(rawRsa(message, scheme, hash)).bytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bare RSA signature (RSASSA or RSAPSS with a hash-size salt). */
    public byte[] rawRsa(byte[] message, int scheme, TcgAlgorithm hash) {
        try {
            Signature signer;
            if (scheme == TpmtSignature.RSAPSS) {
                signer = Signature.getInstance("RSASSA-PSS");
                signer.setParameter(new PSSParameterSpec(hash.jcaName(), "MGF1",
                        new MGF1ParameterSpec(hash.jcaName()), hash.digestSize(), 1));
            } else {
                signer = Signature.getInstance(hash.jcaName().replace("-", "") + "withRSA");
            }
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(size, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, out, size - copy, copy);
        return out;
    }
}
