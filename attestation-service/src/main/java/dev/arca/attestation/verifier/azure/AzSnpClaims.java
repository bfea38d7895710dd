package dev.arca.attestation.verifier.azure;

import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.TcbVersion;
import java.util.Base64;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SNP half of the {@code az-snp-vtpm} claims, upstream's (Trustee az_snp_vtpm {@code parse_tee_evidence_az}):
 * every value a string, {@code measurement} in standard base64; {@code report_data} and {@code init_data} are then
 * replaced by the vTPM's ({@link VtpmClaims}).
 */
final class AzSnpClaims {

    private AzSnpClaims() {
    }

    static ObjectNode build(SnpVerificationResult result) {
        AttestationReport report = result.report();
        TcbVersion tcb = result.reportedTcb();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("policy_abi_major", String.valueOf(report.policy().abiMajor()));
        claims.put("policy_abi_minor", String.valueOf(report.policy().abiMinor()));
        claims.put("policy_smt_allowed", String.valueOf(report.policy().smtAllowed()));
        claims.put("policy_migrate_ma", String.valueOf(report.policy().migrateMa()));
        claims.put("policy_debug_allowed", String.valueOf(report.policy().debugAllowed()));
        claims.put("policy_single_socket", String.valueOf(report.policy().singleSocket()));
        claims.put("reported_tcb_bootloader", String.valueOf(tcb.bootloader()));
        claims.put("reported_tcb_tee", String.valueOf(tcb.tee()));
        claims.put("reported_tcb_snp", String.valueOf(tcb.snp()));
        claims.put("reported_tcb_microcode", String.valueOf(tcb.microcode()));
        claims.put("platform_tsme_enabled", String.valueOf(report.platformInfo().tsmeEnabled()));
        claims.put("platform_smt_enabled", String.valueOf(report.platformInfo().smtEnabled()));
        claims.put("measurement", Base64.getEncoder().encodeToString(report.measurement()));
        claims.put("report_data", Base64.getEncoder().encodeToString(report.reportData()));
        claims.put("init_data", Base64.getEncoder().encodeToString(report.hostData()));
        return claims;
    }
}
