package dev.arca.cca.token;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.arca.cca.CcaVerificationException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A COSE_Sign1 (RFC 9052 §4.2, CBOR tag 18) signed with ES384, the only algorithm the CCA token profile uses
 * (draft-ffm-rats-cca-token §4.2). Signature verification goes over the Sig_structure
 * {@code ["Signature1", protected, h'', payload]} (RFC 9052 §4.4) with the signature as raw r‖s (RFC 9053 §2.1).
 *
 * @param protectedHeader the protected header exactly as serialized (the signature covers these bytes)
 * @param payload         the claims map, as serialized
 * @param signature       r‖s, 96 bytes for P-384
 */
public record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {

    private static final int COSE_SIGN1_TAG = 18;
    private static final int ALG = 1;
    private static final int ES384 = -35;
    private static final int ES384_SIGNATURE_LENGTH = 96;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** Reads a tagged COSE_Sign1 whose protected header names ES384. */
    static CoseSign1 parse(byte[] bytes, String what) throws CcaVerificationException {
        CBORObject sign1 = CcaCbor.decode(bytes, what);
        if (!sign1.HasMostOuterTag(COSE_SIGN1_TAG) || sign1.getType() != CBORType.Array || sign1.size() != 4) {
            throw CcaCbor.format(what + " is not a tagged COSE_Sign1 (tag 18, array of 4)");
        }
        byte[] protectedHeader = CcaCbor.bytes(sign1.get(0), what + " protected header");
        if (sign1.get(1).getType() != CBORType.Map) {
            throw CcaCbor.format(what + " unprotected header is not a map");
        }
        byte[] payload = CcaCbor.bytes(sign1.get(2), what + " payload");
        byte[] signature = CcaCbor.bytes(sign1.get(3), what + " signature");
        CBORObject header = CcaCbor.decode(protectedHeader, what + " protected header");
        if (header.getType() != CBORType.Map) {
            throw CcaCbor.format(what + " protected header is not a map");
        }
        CBORObject alg = header.get(CBORObject.FromObject(ALG));
        if (alg == null || !alg.isNumber() || !alg.AsNumber().CanFitInInt32() || alg.AsInt32Value() != ES384) {
            throw CcaCbor.format(what + " is not signed with ES384 (COSE alg -35)");
        }
        if (signature.length != ES384_SIGNATURE_LENGTH) {
            throw CcaCbor.format(what + " signature is not 96 bytes (ES384 r||s)");
        }
        return new CoseSign1(protectedHeader, payload, signature);
    }

    /** The bytes the signature covers (RFC 9052 §4.4). */
    public byte[] toBeSigned() {
        CBORObject structure = CBORObject.NewArray()
                .Add("Signature1")
                .Add(CBORObject.FromObject(protectedHeader))
                .Add(CBORObject.FromObject(new byte[0]))
                .Add(CBORObject.FromObject(payload));
        return structure.EncodeToBytes();
    }

    /** @return whether the signature verifies with {@code key} (a P-384 public key) */
    public boolean verifiedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA384withPLAIN-ECDSA", BC);
            verifier.initVerify(key);
            verifier.update(toBeSigned());
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
