package dev.arca.dcap.claims;

import dev.arca.dcap.collateral.VerifiedCollateral;
import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.dcap.verify.TcbEvaluation;
import dev.arca.model.json.Hex;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DCAP "supplemental" claims upstream adds next to the parsed quote (Trustee tdx verifier): collateral dates,
 * CRL and TCB evaluation numbers, PPID, SGX type and platform configuration, root key id, TCB status, collateral
 * expiration status and advisory ids. How Arca derives them:
 * <ul>
 *   <li>{@code earliest_issue_date}/{@code latest_issue_date}/{@code earliest_expiration_date} over the TCB Info, QE
 *       Identity and CRLs used (issueDate/thisUpdate, nextUpdate);</li>
 *   <li>{@code tcb_date}: the earliest tcbDate of the matched platform, TDX module and QE levels;</li>
 *   <li>{@code pck_crl_num}/{@code root_ca_crl_num}: CRL Number extensions, only when the CRL was checked;</li>
 *   <li>{@code tcb_eval_num}: the lower tcbEvaluationDataNumber of TCB Info and QE Identity;</li>
 *   <li>{@code root_key_id}: SHA-384 of the Intel SGX Root CA public key point;</li>
 *   <li>{@code collateral_expiration_status}: always "0", because Arca refuses expired collateral instead of
 *       reporting it (a deliberate departure from upstream, where it is informational).</li>
 * </ul>
 * The DCAP 1.27 "_current" claims are not produced.
 */
public final class SupplementalClaims {

    private SupplementalClaims() {
    }

    public static void addTo(ObjectNode claims, TcbEvaluation evaluation, VerifiedCollateral collateral,
            SgxExtensions pck, String rootKeyId) {
        // collateral without a dated document cannot be described: refused as before (a runtime error, fail closed)
        claims.put("earliest_issue_date", Objects.requireNonNull(collateral.earliestIssueDateText()));
        claims.put("latest_issue_date", Objects.requireNonNull(collateral.latestIssueDateText()));
        claims.put("earliest_expiration_date", Objects.requireNonNull(collateral.earliestExpirationDateText()));
        claims.put("tcb_date", VerifiedCollateral.rfc3339(evaluation.tcbDate()));
        collateral.pckCrlNumber().ifPresent(n -> claims.put("pck_crl_num", n));
        collateral.rootCaCrlNumber().ifPresent(n -> claims.put("root_ca_crl_num", n));
        claims.put("tcb_eval_num", Math.min(collateral.tcbInfo().tcbEvaluationDataNumber(),
                collateral.qeIdentity().tcbEvaluationDataNumber()));
        claims.put("platform_provider_id", Hex.of(pck.ppid()));
        claims.put("sgx_type", switch (pck.sgxType()) {
            case 0 -> "Standard";
            case 1 -> "Scalable";
            case 2 -> "Scalable with Integrity";
            default -> "Unknown (" + pck.sgxType() + ")";
        });
        if (pck.sgxType() > 0) {
            SgxExtensions.PlatformConfiguration configuration = pck.platformConfiguration()
                    .orElse(new SgxExtensions.PlatformConfiguration(false, false, false));
            claims.put("is_dynamic_platform", configuration.dynamicPlatform());
            claims.put("is_cached_keys", configuration.cachedKeys());
            claims.put("is_smt_enabled", configuration.smtEnabled());
        }
        claims.put("root_key_id", rootKeyId);
        claims.put("tcb_status", evaluation.status().wireName());
        claims.put("collateral_expiration_status", "0");
        ArrayNode advisories = claims.putArray("advisory_ids");
        evaluation.advisoryIds().forEach(advisories::add);
    }
}
