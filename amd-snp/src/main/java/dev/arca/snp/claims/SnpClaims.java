package dev.arca.snp.claims;

import dev.arca.model.json.Hex;
import dev.arca.snp.SnpVerificationResult;
import dev.arca.snp.report.AttestationReport;
import dev.arca.snp.report.GuestPolicy;
import dev.arca.snp.report.TcbVersion;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claims of a verified SEV-SNP report. Upstream's names, types and encodings first (Trustee snp verifier
 * {@code parse_tee_evidence}): {@code policy_abi_major/minor} (numbers), {@code policy_smt_allowed},
 * {@code policy_migrate_ma}, {@code policy_debug_allowed}, {@code policy_single_socket} (booleans),
 * {@code reported_tcb_bootloader/tee/snp/microcode} (numbers), {@code platform_tsme_enabled},
 * {@code platform_smt_enabled} (booleans), {@code measurement}, {@code report_data}, {@code init_data} (= HOST_DATA)
 * and {@code chip_id} (lower-case hex). Arca adds, under names upstream does not use: {@code reported_tcb_fmc}
 * (Turin), {@code report_version}, {@code vmpl}, {@code guest_svn}, {@code signing_key}, {@code product},
 * {@code family_id}, {@code image_id}, {@code id_key_digest}, {@code author_key_digest}, {@code current_version} and
 * {@code committed_version} ("major.minor.build").
 */
public final class SnpClaims {

    private SnpClaims() {
    }

    public static ObjectNode build(SnpVerificationResult result) {
        AttestationReport report = result.report();
        GuestPolicy policy = report.policy();
        TcbVersion tcb = result.reportedTcb();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("policy_abi_major", policy.abiMajor());
        claims.put("policy_abi_minor", policy.abiMinor());
        claims.put("policy_smt_allowed", policy.smtAllowed());
        claims.put("policy_migrate_ma", policy.migrateMa());
        claims.put("policy_debug_allowed", policy.debugAllowed());
        claims.put("policy_single_socket", policy.singleSocket());
        claims.put("reported_tcb_bootloader", tcb.bootloader());
        claims.put("reported_tcb_tee", tcb.tee());
        claims.put("reported_tcb_snp", tcb.snp());
        claims.put("reported_tcb_microcode", tcb.microcode());
        if (tcb.hasFmc()) {
            claims.put("reported_tcb_fmc", tcb.fmc());
        }
        claims.put("platform_tsme_enabled", report.platformInfo().tsmeEnabled());
        claims.put("platform_smt_enabled", report.platformInfo().smtEnabled());
        claims.put("measurement", Hex.of(report.measurement()));
        claims.put("report_data", Hex.of(report.reportData()));
        claims.put("init_data", Hex.of(report.hostData()));
        claims.put("chip_id", Hex.of(report.chipId()));

        claims.put("report_version", report.version());
        claims.put("vmpl", report.vmpl());
        claims.put("guest_svn", report.guestSvn());
        claims.put("signing_key", report.signingKey().name());
        claims.put("product", result.generation().productName());
        claims.put("family_id", Hex.of(report.familyId()));
        claims.put("image_id", Hex.of(report.imageId()));
        claims.put("id_key_digest", Hex.of(report.idKeyDigest()));
        claims.put("author_key_digest", Hex.of(report.authorKeyDigest()));
        claims.put("current_version", report.currentVersion().toString());
        claims.put("committed_version", report.committedVersion().toString());
        return claims;
    }
}
