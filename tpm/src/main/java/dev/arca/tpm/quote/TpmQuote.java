package dev.arca.tpm.quote;

import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TPM2_Quote: the signed TPMS_ATTEST and its TPMT_SIGNATURE, with the checks a verifier makes on it, one refusal
 * reason per region: the signature by the attestation key, the nonce in extraData, and the PCR values against
 * pcrDigest.
 */
public record TpmQuote(TpmsAttest attest, TpmtSignature signature) {

    public static TpmQuote parse(byte[] attest, byte[] signature) throws TpmVerificationException {
        return new TpmQuote(TpmsAttest.parse(attest), TpmtSignature.parse(signature));
    }

    /** The quote signature by {@code ak} over the TPMS_ATTEST bytes. */
    public void verifySignature(PublicKey ak) throws TpmVerificationException {
        signature.verify(ak, attest.bytes());
    }

    /**
     * extraData must equal {@code expected} byte for byte: no padding or truncation. (Trustee's TPM verifier resizes
     * the expected value to 32 bytes first, so a 64-byte nonce never matches there; Arca compares the whole value.)
     */
    public void requireNonce(byte[] expected) throws TpmVerificationException {
        if (!MessageDigest.isEqual(attest.extraData(), expected)) {
            throw new TpmVerificationException(Reason.NONCE_MISMATCH, "the TPM quote nonce (extraData, "
                    + attest.extraData().length + " bytes) is not the expected report data (" + expected.length
                    + " bytes)");
        }
    }

    /**
     * pcrDigest = H(the selected PCR values, bank by bank in selection order, ascending PCR index within a bank), H
     * the signature's hash (TPM 2.0 Library Part 3, TPM2_Quote). Every selected PCR needs a value in {@code claimed}.
     *
     * @return the attested values: only the selected PCRs
     * @throws TpmVerificationException PCR_DIGEST when a selected value is missing, has the wrong size, or the
     *                                  digest differs
     */
    public PcrValues attestedPcrs(PcrValues claimed) throws TpmVerificationException {
        TcgAlgorithm hash = signature.hash();
        MessageDigest digest = newDigest(hash);
        Map<TcgAlgorithm, SortedMap<Integer, byte[]>> attested = new EnumMap<>(TcgAlgorithm.class);
        for (PcrSelection selection : attest.pcrSelections()) {
            SortedMap<Integer, byte[]> values = claimed.bank(selection.bank());
            SortedMap<Integer, byte[]> bank = attested.computeIfAbsent(selection.bank(), b -> new TreeMap<>());
            for (int pcr : selection.pcrs()) {
                byte[] value = values.get(pcr);
                if (value == null || value.length != selection.bank().digestSize()) {
                    throw new TpmVerificationException(Reason.PCR_DIGEST, "the quote selects PCR" + pcr + " ("
                            + selection.bank().displayName() + ") but the evidence gives no "
                            + selection.bank().digestSize() + "-byte value for it");
                }
                digest.update(value);
                bank.put(pcr, value);
            }
        }
        byte[] computed = digest.digest();
        if (!MessageDigest.isEqual(computed, attest.pcrDigest())) {
            throw new TpmVerificationException(Reason.PCR_DIGEST, "the PCR values hash to " + Hex.of(computed)
                    + ", the quote's pcrDigest is " + Hex.of(attest.pcrDigest()));
        }
        return new PcrValues(attested);
    }

    private static MessageDigest newDigest(TcgAlgorithm hash) {
        try {
            return MessageDigest.getInstance(hash.jcaName());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + hash.jcaName(), e);
        }
    }
}
