package dev.arca.attestation.policy;

/**
 * Annotated evidence of one device, shaped as each verifier emits it after the lifting of Trustee tcb_claims.md
 * (docs/verifiers/*.md "Claims"), for the policy tests: the values are made up, the names and types are the verifiers'.
 */
final class DeviceClaims {

    private DeviceClaims() {
    }

    static String sample(String svn, int minor, boolean debug) {
        return "{\"report_data\": \"\", \"runtime_data_claims\": null, \"sample\": {\"svn\": \"" + svn
                + "\", \"launch_digest\": \"abcde\", \"platform_version\": {\"major\": 1, \"minor\": " + minor
                + "}, \"debug\": " + debug + "}}";
    }

    static String snp(boolean debug, boolean smt) {
        return """
                {"report_data": "00", "runtime_data_claims": null, "init_data": "00", "init_data_claims": null,
                 "snp": {"policy_abi_major": 0, "policy_abi_minor": 31, "policy_smt_allowed": true,
                  "policy_migrate_ma": false, "policy_debug_allowed": %s, "policy_single_socket": false,
                  "reported_tcb_bootloader": 10, "reported_tcb_tee": 0, "reported_tcb_snp": 23,
                  "reported_tcb_microcode": 213, "platform_tsme_enabled": false, "platform_smt_enabled": %s,
                  "measurement": "aa11", "chip_id": "cc"}}""".formatted(debug, smt);
    }

    static String tdx(String tcbStatus, String expiration, boolean debug, boolean eventLog) {
        String events = !eventLog ? "" : """
                , "uefi_event_logs": [
                  {"index": 1, "type_name": "EV_EFI_BOOT_SERVICES_APPLICATION",
                   "digests": [{"alg": "SHA-384", "digest": "ke01"}],
                   "details": {"device_paths": ["PciRoot(0x0)", "File(kernel)"]}},
                  {"index": 2, "type_name": "EV_EVENT_TAG", "digests": [{"alg": "SHA-384", "digest": "pa01"}],
                   "details": {"string": "LOADED_IMAGE::LoadOptions"}},
                  {"index": 2, "type_name": "EV_SEPARATOR", "digests": [{"alg": "SHA-384", "digest": "00"}]}]""";
        return """
                {"report_data": "00", "runtime_data_claims": null, "init_data": "00", "init_data_claims": null,
                 "tdx": {"quote": {"header": {"version": "0400", "tee_type": "81000000",
                   "vendor_id": "939a7233f79c4ca9940a0db3957f0607"},
                  "body": {"mr_td": "md01", "xfam": "e702060000000000", "rtmr_1": "r101", "rtmr_2": "r201"}},
                 "td_attributes": {"debug": %s}, "tcb_status": "%s", "collateral_expiration_status": "%s"%s}}"""
                .formatted(debug, tcbStatus, expiration, events);
    }

    static String sgx(String tcbStatus, String flags, String isvSvn) {
        return """
                {"report_data": "00", "runtime_data_claims": null, "init_data": "00", "init_data_claims": null,
                 "sgx": {"header": {"version": "0300", "att_key_data_0": "00000000",
                   "vendor_id": "939a7233f79c4ca9940a0db3957f0607"},
                  "body": {"attributes.flags": "%s", "attributes.xfrm": "e700000000000000", "mr_enclave": "me01",
                   "mr_signer": "ms01", "isv_prod_id": "0000", "isv_svn": "%s"},
                  "tcb_status": "%s", "collateral_expiration_status": "0", "advisory_ids": []}}"""
                .formatted(flags, isvSvn, tcbStatus);
    }

    static String nrasGpu(String dbgstat) {
        StringBuilder rims = new StringBuilder();
        for (String rim : new String[] {"driver", "vbios"}) {
            for (String check : new String[] {"fetched", "measurements-available", "schema-validated",
                    "signature-verified", "version-match"}) {
                rims.append(", \"x-nvidia-gpu-").append(rim).append("-rim-").append(check).append("\": true");
            }
        }
        return """
                {"nvidia": {"x-nvidia-gpu-attestation-report-cert-chain":
                   {"x-nvidia-cert-status": "valid", "x-nvidia-cert-ocsp-status": "good"},
                 "x-nvidia-gpu-attestation-report-cert-chain-fwid-match": true,
                 "x-nvidia-gpu-attestation-report-parsed": true,
                 "x-nvidia-gpu-attestation-report-signature-verified": true, "x-nvidia-gpu-arch-check": true,
                 "secboot": true, "dbgstat": "%s", "x-nvidia-gpu-vbios-version": "96.00.5E.00.01",
                 "x-nvidia-gpu-driver-version": "550.90.07",
                 "x-nvidia-gpu-vbios-rim-cert-chain": {"x-nvidia-cert-status": "valid",
                   "x-nvidia-cert-ocsp-status": "good"}, "measres": "success"%s}}""".formatted(dbgstat, rims);
    }

    static String localGpu(String measurement2) {
        return """
                {"nvidia": {"arch": "Hopper", "uuid": "GPU-1",
                  "measurements": {"1": "%s", "2": "%s", "3": "%s"},
                  "config": {"driver_version": "550.90.07", "vbios_version": "96.00.9f.00.01"}}}"""
                .formatted("11".repeat(48), measurement2, "00".repeat(48));
    }
}
