package dev.arca.tpm;

import dev.arca.tpm.quote.PcrValues;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A plain TPM 2.0 quote as evidence, decoded from its transport encoding.
 *
 * @param akPublic  the attestation key: SubjectPublicKeyInfo DER, or a TPMT_PUBLIC / TPM2B_PUBLIC
 * @param akChain   the AK certificate and intermediates (leaf first), empty when the evidence carries none
 * @param message   the TPMS_ATTEST
 * @param signature the TPMT_SIGNATURE
 * @param pcrs      the PCR values the evidence claims
 * @param eventLog  a TCG event log (crypto-agile or legacy SHA-1) to replay into the attested PCRs
 */
public record TpmEvidence(byte[] akPublic, List<X509Certificate> akChain, byte[] message, byte[] signature,
        PcrValues pcrs, Optional<byte[]> eventLog) {

    public TpmEvidence {
        akChain = List.copyOf(akChain);
        akPublic = akPublic.clone();
        message = message.clone();
        signature = signature.clone();
        eventLog = eventLog.map(byte[]::clone);
    }

    @Override
    public byte[] akPublic() {
        return akPublic.clone();
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public Optional<byte[]> eventLog() {
        return eventLog.map(byte[]::clone);
    }
}
