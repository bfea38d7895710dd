package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A TPMT_SIGNATURE (TPM 2.0 Library Part 2): sigAlg u16, then for RSASSA (0x0014) and RSAPSS (0x0016) hash u16 and
 * a TPM2B signature, for ECDSA (0x0018) hash u16 and TPM2B r and s. {@link #verify} checks it over a TPMS_ATTEST with
 * the attestation key.
 *
 * @param signature the RSA signature bytes, or for ECDSA the DER SEQUENCE of r and s
 */
public record TpmtSignature(int sigAlg, TcgAlgorithm hash, byte[] signature) {

    public static final int RSASSA = 0x0014;
    public static final int RSAPSS = 0x0016;
    public static final int ECDSA = 0x0018;

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    /** A bare RSASSA-PKCS1-v1_5 signature, as Azure's vTPM evidence carries it (no TPMT_SIGNATURE around it). */
    public static TpmtSignature rsassa(TcgAlgorithm hash, byte[] signature) {
        return new TpmtSignature(RSASSA, hash, signature.clone());
    }

    /**
     * @throws TpmVerificationException FORMAT when the structure is malformed or its scheme unsupported
     */
    public static TpmtSignature parse(byte[] bytes) throws TpmVerificationException {
        TpmReader in = new TpmReader(bytes, "TPMT_SIGNATURE");
        int sigAlg = in.u16();
        if (sigAlg != RSASSA && sigAlg != RSAPSS && sigAlg != ECDSA) {
            throw in.invalid("signature scheme 0x" + Integer.toHexString(sigAlg)
                    + " is not supported (RSASSA, RSAPSS, ECDSA)");
        }
        int hashId = in.u16();
        TcgAlgorithm hash = TcgAlgorithm.fromId(hashId).filter(a -> a.jcaName() != null)
                .orElseThrow(() -> in.invalid("hash 0x" + Integer.toHexString(hashId) + " is not supported"));
        byte[] signature;
        if (sigAlg == ECDSA) {
            BigInteger r = new BigInteger(1, in.sized());
            BigInteger s = new BigInteger(1, in.sized());
            ASN1EncodableVector rs = new ASN1EncodableVector();
            rs.add(new ASN1Integer(r));
            rs.add(new ASN1Integer(s));
            try {
                signature = new DERSequence(rs).getEncoded();
            } catch (IOException e) {
                throw in.invalid("ECDSA r and s cannot be encoded");
            }
        } else {
            signature = in.sized();
        }
        in.requireEnd();
        return new TpmtSignature(sigAlg, hash, signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * @throws TpmVerificationException SIGNATURE when it does not verify with {@code key}, or the key does not fit
     *                                  the scheme
     */
    public void verify(PublicKey key, byte[] message) throws TpmVerificationException {
        boolean valid;
        try {
            valid = switch (sigAlg) {
                case RSASSA -> rsa(key) && check(pkcs1(), key, message);
                case RSAPSS -> rsa(key) && (check(pss(hash.digestSize()), key, message)
                        || check(pss(maxSalt((RSAPublicKey) key)), key, message));
                case ECDSA -> key instanceof ECPublicKey && check(ecdsa(), key, message);
                default -> false;
            };
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new TpmVerificationException(Reason.SIGNATURE, "the TPM quote signature ("
                    + scheme() + ") does not verify with the attestation key");
        }
    }

    /** "RSASSA-SHA256", "ECDSA-SHA384", … */
    public String scheme() {
        String name = switch (sigAlg) {
            case RSASSA -> "RSASSA";
            case RSAPSS -> "RSAPSS";
            default -> "ECDSA";
        };
        return name + "-" + hash.displayName().replace("-", "");
    }

    private static boolean rsa(PublicKey key) {
        return key instanceof RSAPublicKey;
    }

    private String jcaHash() {
        return hash.jcaName().replace("-", "");
    }

    private Signature pkcs1() throws GeneralSecurityException {
        return Signature.getInstance(jcaHash() + "withRSA");
    }

    private Signature ecdsa() throws GeneralSecurityException {
        return Signature.getInstance(jcaHash() + "withECDSA", PROVIDER);
    }

    /** TPMs salt RSAPSS with the hash size, or with the largest salt the key allows (TPM 2.0 Library Part 1). */
    private Signature pss(int saltLength) throws GeneralSecurityException {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()),
                saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
        return pss;
    }

    private int maxSalt(RSAPublicKey key) {
        return Math.max(0, (key.getModulus().bitLength() + 7) / 8 - hash.digestSize() - 2);
    }

    private boolean check(Signature verifier, PublicKey key, byte[] message) throws GeneralSecurityException {
        verifier.initVerify(key);
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException malformed) {
            return false;
        }
    }
}
