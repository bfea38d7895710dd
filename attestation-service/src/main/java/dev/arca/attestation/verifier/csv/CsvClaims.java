package dev.arca.attestation.verifier.csv;

import dev.arca.csv.VerifiedCsvReport;
import dev.arca.csv.report.CsvReport;
import dev.arca.csv.report.GuestPolicy;
import dev.arca.model.json.Hex;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's claims of a verified CSV report (Trustee csv verifier {@code evaluate}), under {@code csv} in the
 * annotated evidence: {@code version} ("1" or "2"), the unmasked {@code policy} bits, the report's fields in hex
 * (u32 fields as the hex of their little-endian bytes), {@code serial_number}; version 1 adds {@code anonce};
 * version 2 adds {@code build}, {@code rtmr_version}, {@code reserved0}, {@code rtmr0}–{@code rtmr4},
 * {@code reserved1}, and {@code uefi_event_logs} when the evidence carried a CC event log.
 */
final class CsvClaims {

    private CsvClaims() {
    }

    static ObjectNode build(VerifiedCsvReport verified) {
        CsvReport report = verified.report();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("version", Integer.toString(report.version()));
        policy(claims.putObject("policy"), report.policy());
        claims.put("user_pubkey_digest", Hex.of(report.userPubkeyDigest()));
        claims.put("vm_id", Hex.of(report.vmId()));
        claims.put("vm_version", Hex.of(report.vmVersion()));
        claims.put("report_data", Hex.of(report.reportData()));
        claims.put("mnonce", Hex.of(report.mnonce()));
        claims.put("measure", Hex.of(report.measure()));
        claims.put("sig_usage", u32Hex(report.sigUsage()));
        claims.put("sig_algo", u32Hex(report.sigAlgo()));
        if (report.version() == 1) {
            claims.put("anonce", u32Hex(report.anonce()));
        } else {
            claims.put("build", report.build());
            claims.put("rtmr_version", report.rtmrVersion());
            claims.put("reserved0", Hex.of(report.reserved0()));
            for (int i = 0; i <= 4; i++) {
                claims.put("rtmr" + i, Hex.of(report.rtmr(i)));
            }
            claims.put("reserved1", Hex.of(report.reserved1()));
        }
        claims.put("serial_number", verified.chipId());
        verified.eventLog().ifPresent(log -> claims.set("uefi_event_logs", log.toClaims()));
        return claims;
    }

    private static void policy(ObjectNode node, GuestPolicy policy) {
        node.put("nodbg", policy.nodbg());
        node.put("noks", policy.noks());
        node.put("es", policy.es());
        node.put("nosend", policy.nosend());
        node.put("domain", policy.domain());
        node.put("csv", policy.csv());
        node.put("csv3", policy.csv3());
        node.put("asid_reuse", policy.asidReuse());
        node.put("hsk_version", policy.hskVersion());
        node.put("cek_version", policy.cekVersion());
        node.put("api_major", policy.apiMajor());
        node.put("api_minor", policy.apiMinor());
    }

    /** Upstream's {@code hex::encode(x.to_le_bytes())} of a u32. */
    private static String u32Hex(long value) {
        return Hex.of(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}
