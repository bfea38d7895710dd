package dev.arca.attestation.verifier.tpm;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.model.tee.Tee;
import dev.arca.tpm.TpmEvidence;
import dev.arca.tpm.TpmQuoteVerifier;
import dev.arca.tpm.TpmVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A plain TPM 2.0 (Trustee tpm verifier), verified in pure Java by the tpm module: the quote signature by the AK
 * (RSASSA, RSAPSS, ECDSA), the AK's trust (certificate chain to {@code arca.as.tpm.ak-roots}, or listed in
 * {@code arca.as.tpm.trusted-ak-sha256}), the PCR values against pcrDigest, the nonce (the whole extraData equals the
 * expected report data), init-data in PCR8 and, when one came, the event log replayed into the PCRs it measures.
 * The claims are upstream's, under {@code tpm}; device class {@code cpu}.
 */
@Component
public class TpmVerifier implements Verifier {

    private final TpmQuoteVerifier verifier;

    public TpmVerifier(TpmQuoteVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Tee tee() {
        return Tee.TPM;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        TpmEvidence tpm = TpmEvidenceJson.parse(evidence);
        try {
            return List.of(new DeviceClaims(TpmClaims.build(verifier.verify(tpm, expectedReportData,
                    expectedInitDataDigest, verificationTime), tpm.akPublic()), Tee.TPM.deviceClass()));
        } catch (TpmVerificationException e) {
            throw TpmRefusals.translate(e, "TPM");
        }
    }
}
