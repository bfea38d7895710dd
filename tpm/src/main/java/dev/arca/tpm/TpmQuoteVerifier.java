package dev.arca.tpm;

import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.eventlog.TcgEventLogParser;
import dev.arca.tpm.quote.InitDataPcr;
import dev.arca.tpm.quote.PcrValues;
import dev.arca.tpm.quote.TpmQuote;
import dev.arca.tpm.quote.TpmtPublic;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Verifies a plain TPM 2.0 quote, one refusal reason per region, in this order: structures (FORMAT), the quote
 * signature by the AK (SIGNATURE), the AK's trust (AK_UNTRUSTED), the PCR values against pcrDigest (PCR_DIGEST), the
 * nonce (NONCE_MISMATCH), the init-data PCR (INIT_DATA_MISMATCH) and, when an event log came, its replay into every
 * attested PCR it measures (EVENT_LOG_MISMATCH). Any other exception refuses the evidence (UNEXPECTED).
 */
public final class TpmQuoteVerifier {

    private final AkTrust akTrust;

    public TpmQuoteVerifier(AkTrust akTrust) {
        this.akTrust = Objects.requireNonNull(akTrust, "akTrust");
    }

    /**
     * @param expectedNonce    compared with the whole extraData ({@link TpmQuote#requireNonce}), when given
     * @param expectedInitData the init-data digest PCR8 must bind, when given
     * @param at               the instant AK certificates must be valid at
     */
    public VerifiedTpmQuote verify(TpmEvidence evidence, Optional<byte[]> expectedNonce,
            Optional<byte[]> expectedInitData, Instant at) throws TpmVerificationException {
        try {
            PublicKey ak = akPublic(evidence.akPublic());
            TpmQuote quote = TpmQuote.parse(evidence.message(), evidence.signature());
            Optional<TcgEventLog> log = evidence.eventLog().isPresent()
                    ? Optional.of(TcgEventLogParser.parse(evidence.eventLog().get())) : Optional.empty();
            quote.verifySignature(ak);
            AkTrust.Basis basis = akTrust.evaluate(ak, evidence.akChain(), at);
            PcrValues pcrs = quote.attestedPcrs(evidence.pcrs());
            if (expectedNonce.isPresent()) {
                quote.requireNonce(expectedNonce.get());
            }
            if (expectedInitData.isPresent()) {
                InitDataPcr.require(pcrs, expectedInitData.get());
            }
            if (log.isPresent()) {
                for (Map.Entry<TcgAlgorithm, SortedMap<Integer, byte[]>> bank : pcrs.banks().entrySet()) {
                    log.get().requirePcrs(bank.getKey(), bank.getValue());
                }
            }
            return new VerifiedTpmQuote(quote.attest(), pcrs, basis, AkTrust.digest(ak), log);
        } catch (RuntimeException e) {
            throw new TpmVerificationException(Reason.UNEXPECTED, "the TPM evidence could not be verified", e);
        }
    }

    /** SubjectPublicKeyInfo DER (a SEQUENCE, 0x30) or a TPMT_PUBLIC / TPM2B_PUBLIC. */
    static PublicKey akPublic(byte[] encoded) throws TpmVerificationException {
        if (encoded.length > 0 && encoded[0] == 0x30) {
            return TpmtPublic.fromSpki(encoded);
        }
        return TpmtPublic.parse(encoded);
    }
}
