package dev.arca.attestation.verifier.sgx;

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
 * Intel SGX (Trustee sgx verifier): the ECDSA quote v3 is verified in pure Java by intel-dcap as the TDX quote is
 * (collateral from the PCS {@code /sgx} endpoints), with report data regularize(·, 64) against the enclave's
 * report_data and init-data regularize(·, 64) against config_id. The claims are upstream's, under {@code sgx};
 * device class {@code cpu}.
 */
@Component
public class SgxVerifier implements Verifier {

    private final IntelDcap dcap;

    public SgxVerifier(IntelDcap dcap) {
        this.dcap = dcap;
    }

    @Override
    public Tee tee() {
        return Tee.SGX;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        SgxEvidence sgx = SgxEvidence.parse(evidence);
        return List.of(new DeviceClaims(dcap.verifySgx(sgx.quote(), expectedReportData, expectedInitDataDigest,
                verificationTime), Tee.SGX.deviceClass()));
    }
}
