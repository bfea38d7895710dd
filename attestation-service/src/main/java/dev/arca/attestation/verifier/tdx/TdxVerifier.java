package dev.arca.attestation.verifier.tdx;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.intel.IntelDcap;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Intel TDX (Trustee tdx verifier): the TD quote is verified in pure Java by intel-dcap (signatures, PCK chain and
 * CRLs to the pinned Intel SGX Root CA, TCB Info and QE Identity, TCB level and TDX module, report-data binding
 * regularize(·, 64), init-data binding regularize(·, 48) with mr_config_id, CCEL replay against the RTMRs) as of
 * the verification time. The claims are upstream's, under {@code tdx}; device class {@code cpu}.
 */
@Component
public class TdxVerifier implements Verifier {

    private final IntelDcap dcap;

    public TdxVerifier(IntelDcap dcap) {
        this.dcap = dcap;
    }

    @Override
    public Tee tee() {
        return Tee.TDX;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        TdxEvidence tdx = TdxEvidence.parse(evidence);
        return List.of(new DeviceClaims(dcap.verifyTdx(tdx.quote(), tdx.ccel(), expectedReportData,
                expectedInitDataDigest, verificationTime), Tee.TDX.deviceClass()));
    }
}
