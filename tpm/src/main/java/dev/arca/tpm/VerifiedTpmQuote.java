package dev.arca.tpm;

import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.quote.PcrValues;
import dev.arca.tpm.quote.TpmsAttest;
import java.util.Optional;

/**
 * A TPM quote that verified: what it attests.
 *
 * @param attest   the TPMS_ATTEST
 * @param pcrs     the attested PCRs (only those the quote selects)
 * @param akTrust  how the AK is trusted
 * @param akDigest lower-case hex SHA-256 of the AK's SubjectPublicKeyInfo
 * @param eventLog the event log, when one came and replayed to the attested PCRs
 */
public record VerifiedTpmQuote(TpmsAttest attest, PcrValues pcrs, AkTrust.Basis akTrust, String akDigest,
        Optional<TcgEventLog> eventLog) {
}
