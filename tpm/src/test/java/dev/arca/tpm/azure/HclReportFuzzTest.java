package dev.arca.tpm.azure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.tpm.TpmVerificationException;

/**
 * Fuzzes the Azure HCL report (docs/fuzzing.md): parsed, its AK JWK and user-data read from the variable data JSON
 * and the var-data binding checked, or refused with a {@link TpmVerificationException}; anything else is a finding.
 */
class HclReportFuzzTest {

    @FuzzTest
    void hclReport(byte[] bytes) {
        try {
            HclReport hcl = HclReport.parse(bytes);
            hcl.attestationKey();
            hcl.userData();
            hcl.requireBoundBy(hcl.hardwareReportData(), "the hardware report's");
        } catch (TpmVerificationException refused) {
            // typed refusal
        }
    }
}
