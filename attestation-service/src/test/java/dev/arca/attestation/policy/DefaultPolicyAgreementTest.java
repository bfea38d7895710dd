package dev.arca.attestation.policy;

import static dev.arca.attestation.policy.DeviceClaims.localGpu;
import static dev.arca.attestation.policy.DeviceClaims.nrasGpu;
import static dev.arca.attestation.policy.DeviceClaims.sample;
import static dev.arca.attestation.policy.DeviceClaims.sgx;
import static dev.arca.attestation.policy.DeviceClaims.snp;
import static dev.arca.attestation.policy.DeviceClaims.tdx;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three-way agreement of the attestation defaults: for each input of the table, upstream's documented outcome (Trustee
 * attestation-service default policies, as the AS/RVPS specification §5.4 states them rule by rule: executables,
 * hardware, configuration of each platform), Arca's CEL default and Arca's Rego default. Both of Arca's must reach
 * exactly upstream's vector, except where a case names a deliberate departure of Arca's (docs/policies.md says each
 * one and why); there both must reach Arca's vector.
 */
class DefaultPolicyAgreementTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> NONE = Map.of();

    /** executables, hardware, configuration; the five other categories are 0 in every default. */
    record Vector(int executables, int hardware, int configuration) {

        Map<String, Integer> all() {
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("instance-identity", 0);
            out.put("configuration", configuration);
            out.put("executables", executables);
            out.put("file-system", 0);
            out.put("hardware", hardware);
            out.put("runtime-opaque", 0);
            out.put("storage-opaque", 0);
            out.put("sourced-data", 0);
            return out;
        }

        @Override
        public String toString() {
            return executables + "/" + hardware + "/" + configuration;
        }
    }

    /**
     * One row: the policy, the device's annotated evidence, the reference values registered, upstream's documented
     * vector and, for a departure, Arca's vector and the reason.
     */
    record Case(String name, String policy, String input, Map<String, String> referenceValues, Vector upstream,
            Vector arca, String departure) {

        Vector expected() {
            return arca == null ? upstream : arca;
        }

        @Override
        public String toString() {
            return name + (departure == null ? "" : " [Arca departs: " + departure + "]");
        }
    }

    static Case agrees(String name, String policy, String input, Map<String, String> rvs, Vector upstream) {
        return new Case(name, policy, input, rvs, upstream, null, null);
    }

    static Case departs(String name, String policy, String input, Map<String, String> rvs, Vector upstream,
            Vector arca, String why) {
        return new Case(name, policy, input, rvs, upstream, arca, why);
    }

    /** The claims of the cca verifier, as far as default_cpu reads them. */
    static String cca(int lifecycle, String realmInitialMeasurement) {
        return """
                {"cca": {"platform": {"cca-platform-lifecycle": %d},
                         "realm": {"cca-realm-initial-measurement": "%s"}}}""".formatted(lifecycle,
                realmInitialMeasurement);
    }

    static Vector v(int executables, int hardware, int configuration) {
        return new Vector(executables, hardware, configuration);
    }

    // ---- reference values as an admin registers them for upstream (Trustee rvps README: mostly lists) -------------

    static final Map<String, String> SAMPLE_RVS = Map.of("launch_digest", "[\"abcde\"]", "svn", "[\"1\"]",
            "major_version", "1", "minimum_minor_version", "4");

    static final Map<String, String> SNP_RVS = Map.ofEntries(Map.entry("snp_launch_measurement", "[\"aa11\"]"),
            Map.entry("snp_bootloader", "[10]"), Map.entry("snp_microcode", "[213]"), Map.entry("snp_snp_svn", "[23]"),
            Map.entry("snp_tee_svn", "[0]"), Map.entry("snp_smt_enabled", "true"),
            Map.entry("snp_tsme_enabled", "false"), Map.entry("snp_guest_abi_major", "0"),
            Map.entry("snp_guest_abi_minor", "31"), Map.entry("snp_single_socket", "false"),
            Map.entry("snp_smt_allowed", "true"));

    static final Map<String, String> TDX_RVS = Map.of("rtmr_1", "[\"r101\"]", "rtmr_2", "[\"r201\"]",
            "tdvfkernel", "\"ke01\"", "tdvfkernelparams", "\"pa01\"", "mr_td", "[\"md01\"]",
            "xfam", "[\"e702060000000000\"]");

    static final Map<String, String> AZ_SNP_RVS = Map.ofEntries(Map.entry("measurement", "[\"bWVhcw==\"]"),
            Map.entry("snp_pcr11", "[\"p11\"]"), Map.entry("tcb_bootloader", "[\"3\"]"),
            Map.entry("tcb_microcode", "[\"115\"]"), Map.entry("tcb_snp", "[\"8\"]"), Map.entry("tcb_tee", "[\"0\"]"),
            Map.entry("smt_enabled", "[\"true\"]"), Map.entry("tsme_enabled", "[\"false\"]"),
            Map.entry("abi_major", "[\"0\"]"), Map.entry("abi_minor", "[\"31\"]"),
            Map.entry("single_socket", "[\"false\"]"), Map.entry("smt_allowed", "[\"true\"]"));

    static final Map<String, String> AZ_TDX_RVS = Map.of("tdx_pcr11", "[\"p11\"]", "mr_td", "[\"md01\"]",
            "xfam", "[\"e7\"]");

    static final Map<String, String> NVIDIA_RVS = Map.of("allowed_vbios_versions", "[\"96.00.5E.00.01\"]",
            "allowed_driver_versions", "[\"550.90.07\"]");

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.put(name, value);
        return out;
    }

    static String azSnp(boolean pcr11) {
        return """
                {"report_data": "ab", "runtime_data_claims": null, "az-snp-vtpm": {"measurement": "bWVhcw==",
                 "reported_tcb_bootloader": "3", "reported_tcb_microcode": "115", "reported_tcb_snp": "8",
                 "reported_tcb_tee": "0", "platform_smt_enabled": "true", "platform_tsme_enabled": "false",
                 "policy_abi_major": "0", "policy_abi_minor": "31", "policy_single_socket": "false",
                 "policy_smt_allowed": "true" %s}}""".formatted(pcr11 ? ", \"tpm\": {\"pcr11\": \"p11\"}" : "");
    }

    static String azTdx(String tcbStatus) {
        return """
                {"report_data": "ab", "runtime_data_claims": null, "az-tdx-vtpm": {"tpm": {"pcr11": "p11"},
                 "quote": {"header": {"tee_type": "81000000", "vendor_id": "939a7233f79c4ca9940a0db3957f0607"},
                  "body": {"mr_td": "md01", "xfam": "e7"}}, "tcb_status": "%s"}}""".formatted(tcbStatus);
    }

    static String tpm(String ak, String akTrust) {
        return "{\"report_data\": \"00\", \"runtime_data_claims\": null, \"tpm\": {\"ak_public\": \"" + ak
                + "\", \"pcr11\": \"p11\"" + (akTrust == null ? "" : ", \"ak_trust\": \"" + akTrust + "\"") + "}}";
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // sample TEE
        cases.add(agrees("sample, reference values match", "default_cpu", sample("1", 4, false), SAMPLE_RVS,
                v(3, 2, 2)));
        cases.add(agrees("sample, debug on", "default_cpu", sample("1", 4, true), SAMPLE_RVS, v(3, 2, 36)));
        cases.add(agrees("sample, minor below minimum_minor_version", "default_cpu", sample("1", 3, false),
                SAMPLE_RVS, v(3, 97, 2)));
        cases.add(agrees("sample, svn not registered", "default_cpu", sample("9", 4, false), SAMPLE_RVS,
                v(3, 97, 2)));
        cases.add(agrees("sample, major_version mismatching", "default_cpu", sample("1", 4, false),
                with(SAMPLE_RVS, "major_version", "2"), v(3, 97, 2)));
        cases.add(agrees("sample, no reference values", "default_cpu", sample("1", 4, false), NONE, v(33, 97, 2)));
        // AMD SEV-SNP
        cases.add(agrees("snp, reference values match", "default_cpu", snp(false, true), SNP_RVS, v(3, 2, 2)));
        cases.add(agrees("snp, SMT differs from snp_smt_enabled", "default_cpu", snp(false, false), SNP_RVS,
                v(3, 2, 3)));
        cases.add(agrees("snp, debug allowed", "default_cpu", snp(true, true), SNP_RVS, v(3, 2, 36)));
        cases.add(agrees("snp, microcode mismatching", "default_cpu", snp(false, true),
                with(SNP_RVS, "snp_microcode", "[214]"), v(3, 97, 2)));
        cases.add(agrees("snp, migration agent allowed", "default_cpu",
                snp(false, true).replace("\"policy_migrate_ma\": false", "\"policy_migrate_ma\": true"), SNP_RVS,
                v(3, 2, 36)));
        cases.add(agrees("snp, no reference values", "default_cpu", snp(false, true), NONE, v(33, 97, 3)));
        // Intel TDX
        cases.add(agrees("tdx, reference values and event log match", "default_cpu",
                tdx("UpToDate", "0", false, true), TDX_RVS, v(3, 2, 2)));
        cases.add(agrees("tdx, no event log (GRUB/GKE boot)", "default_cpu", tdx("UpToDate", "0", false, false),
                TDX_RVS, v(4, 2, 2)));
        cases.add(agrees("tdx, kernel digest mismatching", "default_cpu", tdx("UpToDate", "0", false, true),
                with(TDX_RVS, "tdvfkernel", "\"other\""), v(4, 2, 2)));
        cases.add(agrees("tdx, rtmr_2 mismatching", "default_cpu", tdx("UpToDate", "0", false, true),
                with(TDX_RVS, "rtmr_2", "[\"other\"]"), v(33, 2, 2)));
        cases.add(agrees("tdx, mr_td mismatching", "default_cpu", tdx("UpToDate", "0", false, true),
                with(TDX_RVS, "mr_td", "[\"other\"]"), v(3, 97, 2)));
        cases.add(agrees("tdx, xfam mismatching", "default_cpu", tdx("UpToDate", "0", false, true),
                with(TDX_RVS, "xfam", "[\"other\"]"), v(3, 2, 36)));
        cases.add(agrees("tdx, collateral expired", "default_cpu", tdx("UpToDate", "1", false, true), TDX_RVS,
                v(3, 97, 2)));
        cases.add(agrees("tdx, no reference values", "default_cpu", tdx("UpToDate", "0", false, true), NONE,
                v(33, 97, 36)));
        cases.add(departs("tdx, debug TD", "default_cpu", tdx("UpToDate", "0", true, true), TDX_RVS, v(3, 2, 36),
                v(3, 2, 96), "a debug TD is contraindicated"));
        cases.add(departs("tdx, TCB OutOfDate", "default_cpu", tdx("OutOfDate", "0", false, true), TDX_RVS,
                v(3, 97, 2), v(3, 32, 2), "TCB statuses are graded, docs/policies.md \"Intel TCB status\""));
        cases.add(departs("tdx, TCB SWHardeningNeeded", "default_cpu", tdx("SWHardeningNeeded", "0", false, true),
                TDX_RVS, v(3, 97, 2), v(32, 3, 2), "TCB statuses are graded"));
        // Intel SGX: upstream has no rule
        cases.add(departs("sgx, mr_enclave registered", "default_cpu", sgx("UpToDate", "0500000000000000", "0100"),
                Map.of("mr_enclave", "[\"me01\"]"), v(33, 97, 36), v(3, 2, 3), "Arca has SGX rules"));
        // Azure SEV-SNP vTPM: strings everywhere
        cases.add(agrees("az-snp-vtpm, reference values match", "default_cpu", azSnp(true), AZ_SNP_RVS,
                v(3, 2, 2)));
        cases.add(agrees("az-snp-vtpm, no PCR 11", "default_cpu", azSnp(false), AZ_SNP_RVS, v(33, 2, 2)));
        cases.add(agrees("az-snp-vtpm, number where the claim is a string", "default_cpu", azSnp(true),
                with(AZ_SNP_RVS, "tcb_snp", "[8]"), v(3, 97, 2)));
        cases.add(agrees("az-snp-vtpm, no reference values", "default_cpu", azSnp(true), NONE, v(33, 97, 36)));
        // Azure TDX vTPM
        cases.add(agrees("az-tdx-vtpm, reference values match", "default_cpu", azTdx("UpToDate"), AZ_TDX_RVS,
                v(3, 2, 2)));
        cases.add(agrees("az-tdx-vtpm, TCB not UpToDate", "default_cpu", azTdx("SWHardeningNeeded"), AZ_TDX_RVS,
                v(3, 97, 2)));
        cases.add(agrees("az-tdx-vtpm, no reference values", "default_cpu", azTdx("UpToDate"), NONE,
                v(33, 97, 36)));
        // TPM
        Map<String, String> tpmRvs = Map.of("tpm_pcr11", "[\"p11\"]", "trusted_aks", "[\"AK1\"]");
        cases.add(agrees("tpm, PCR 11 and AK registered", "default_cpu", tpm("AK1", null), tpmRvs, v(3, 2, 0)));
        cases.add(agrees("tpm, AK certified, not listed", "default_cpu", tpm("AK2", "certificate"), tpmRvs,
                v(33, 2, 0)));
        cases.add(departs("tpm, unknown AK accepted by configuration", "default_cpu", tpm("AK2", "none"), tpmRvs,
                v(33, 2, 0), v(33, 97, 0), "hardware trust needs a trusted attestation key"));
        // IBM SE, and platforms without rules
        cases.add(agrees("se", "default_cpu", "{\"se\": {\"cuid\": \"01\"}}", NONE, v(3, 2, 2)));
        cases.add(agrees("cca, no platform claims", "default_cpu", "{\"cca\": {\"anything\": 1}}", NONE,
                v(33, 97, 36)));
        Map<String, String> ccaRvs = Map.of("cca_realm_initial_measurement", "[\"UklN\"]");
        cases.add(departs("cca, secured platform, realm registered", "default_cpu", cca(12288, "UklN"), ccaRvs,
                v(33, 97, 36), v(3, 2, 2), "Arca appraises CCA (upstream has no rule)"));
        cases.add(departs("cca, secured platform, realm unknown", "default_cpu", cca(12543, "T1RIRVI="), ccaRvs,
                v(33, 97, 36), v(33, 2, 2), "Arca appraises CCA (upstream has no rule)"));
        cases.add(departs("cca, debug platform", "default_cpu", cca(16384, "UklN"), ccaRvs,
                v(33, 97, 36), v(3, 2, 96), "Arca appraises CCA (upstream has no rule)"));
        cases.add(departs("cca, platform in another lifecycle state", "default_cpu", cca(8192, "UklN"), ccaRvs,
                v(33, 97, 36), v(3, 97, 96), "Arca appraises CCA (upstream has no rule)"));
        cases.add(agrees("csv (no rule)", "default_cpu", "{\"csv\": {\"anything\": 1}}", NONE, v(33, 97, 36)));
        // the GPU of a composite (cpu0 + gpu0) token: NRAS claims
        cases.add(agrees("gpu (NRAS), reference values match", "default_gpu", nrasGpu("disabled"), NVIDIA_RVS,
                v(3, 2, 2)));
        cases.add(agrees("gpu (NRAS), debug enabled", "default_gpu", nrasGpu("enabled"), NVIDIA_RVS, v(3, 2, 36)));
        cases.add(agrees("gpu (NRAS), versions not registered", "default_gpu", nrasGpu("disabled"), NONE,
                v(3, 2, 3)));
        cases.add(agrees("gpu (NRAS), RIM measurements failed", "default_gpu",
                nrasGpu("disabled").replace("\"measres\": \"success\"", "\"measres\": \"fail\""), NVIDIA_RVS,
                v(33, 2, 2)));
        cases.add(agrees("gpu (NRAS), report certificate revoked", "default_gpu",
                nrasGpu("disabled").replaceFirst("\"x-nvidia-cert-ocsp-status\": \"good\"",
                        "\"x-nvidia-cert-ocsp-status\": \"revoked\""), NVIDIA_RVS, v(3, 97, 2)));
        cases.add(departs("gpu verified locally", "default_gpu", localGpu("22".repeat(48)),
                Map.of("allowed_vbios_versions", "[\"96.00.9f.00.01\"]",
                        "allowed_driver_versions", "[\"550.90.07\"]",
                        "nvidia_measurement_1", "[\"" + "11".repeat(48) + "\"]",
                        "nvidia_measurement_2", "[\"" + "22".repeat(48) + "\"]"),
                v(33, 97, 36), v(3, 2, 2), "Arca has rules for its local NVIDIA verifier's claims"));
        cases.add(agrees("sample device, device_svn not registered", "default_gpu",
                "{\"sampledevice\": {\"svn\": \"3\"}}", NONE, v(33, 97, 36)));
        cases.add(departs("sample device, device_svn registered", "default_gpu",
                "{\"sampledevice\": {\"svn\": \"3\"}}", Map.of("device_svn", "[\"3\"]"), v(33, 97, 36),
                v(33, 2, 36), "Arca reads device_svn from the RVPS (upstream's data.reference is never loaded)"));
        cases.add(agrees("ppcie", "default_ppcie", "{\"nvidia\": {\"switch_count\": 4, \"gpu_count\": 8}}", NONE,
                v(0, 0, 2)));
        cases.add(agrees("switch without claims", "default_switch", "{\"nvidia\": {}}", NONE, v(33, 97, 36)));
        return cases.stream();
    }

    private static PolicyVerdict appraise(PolicyLanguage language, String policyId, String input,
            Map<String, String> referenceValues) {
        return appraise(new NamedPolicy(policyId, new BuiltInPolicies(language).find(policyId).orElseThrow()), input,
                referenceValues);
    }

    private static PolicyVerdict appraise(NamedPolicy policy, String input, Map<String, String> referenceValues) {
        InMemoryReferenceValues rvs = new InMemoryReferenceValues();
        referenceValues.forEach(rvs::put);
        PolicyEngine engine = new PolicyEngine(new CelPolicyCompiler(rvs, PolicyProperties.DEFAULTS),
                new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS));
        return engine.appraise(policy, (ObjectNode) JSON.readTree(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void celAndRegoDefaultsReachTheDocumentedOutcome(Case c) {
        for (PolicyLanguage language : PolicyLanguage.values()) {
            PolicyVerdict verdict = appraise(language, c.policy(), c.input(), c.referenceValues());
            assertThat(verdict.failedClosed()).as("%s in %s failed: %s", c, language, verdict.failure()).isFalse();
            assertThat(verdict.trustVector().byName()).as("%s in %s", c, language).isEqualTo(c.expected().all());
        }
    }

    /**
     * The third leg against upstream's own files rather than their documentation: with
     * {@code -Darca.upstream.policies=<Trustee checkout>/attestation-service/src/ear_token} (never part of this
     * repository), upstream's {@code ear_default_policy_<x>.rego} run in Arca's Rego engine must reach every row's
     * upstream vector. Without the folder there is nothing to compare against, and the test says so.
     */
    @Test
    void upstreamsOwnDefaultsReachTheDocumentedOutcome() throws IOException {
        String folder = System.getProperty("arca.upstream.policies", System.getenv("ARCA_UPSTREAM_POLICIES"));
        Assumptions.assumeTrue(folder != null, "no upstream policy folder (-Darca.upstream.policies)");
        SoftAssertions rows = new SoftAssertions();
        for (Case c : cases().toList()) {
            Path file = Path.of(folder,
                    "ear_default_policy_" + c.policy().substring("default_".length()) + ".rego");
            PolicyVerdict verdict = appraise(new NamedPolicy(c.policy(), Files.readString(file)), c.input(),
                    c.referenceValues());
            rows.assertThat(verdict.failedClosed()).as("%s failed: %s", c, verdict.failure()).isFalse();
            rows.assertThat(verdict.trustVector().byName()).as(c.toString()).isEqualTo(c.upstream().all());
        }
        rows.assertAll();
    }

    @Test
    void theTableCoversEveryDefaultAndStatus() {
        List<Case> all = cases().toList();
        assertThat(all).extracting(Case::policy).contains("default_cpu", "default_gpu", "default_switch",
                "default_ppcie");
        // the departures change the outcome upstream documents, else they would not be departures
        assertThat(all).filteredOn(c -> c.departure() != null).allSatisfy(c ->
                assertThat(c.arca()).isNotEqualTo(c.upstream()));
        assertThat(all).extracting(c -> new TrustVector(Map.of(
                dev.arca.model.ear.TrustCategory.EXECUTABLES, c.expected().executables(),
                dev.arca.model.ear.TrustCategory.HARDWARE, c.expected().hardware(),
                dev.arca.model.ear.TrustCategory.CONFIGURATION, c.expected().configuration())).status().wireName())
                .contains("affirming", "warning", "contraindicated");
    }

    @Test
    void bothDefaultsGiveTheSameTrusteeIdentifiers() {
        String withAgentPolicy = """
                {"init_data": "00", "init_data_claims": {"agent_policy_claims": {"containers": [
                   {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry/pause:3.9"},
                            "Process": {"User": {"UID": 65535}}}},
                   {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry/app:1"}}}]}},
                 "se": {}}""";
        for (String input : List.of(withAgentPolicy, "{\"init_data_claims\": null, \"se\": {}}",
                "{\"init_data_claims\": {\"agent_policy_claims\": {\"containers\": "
                        + "[{\"OCI\": {\"Process\": {\"User\": {\"UID\": 7}}}}]}}, \"se\": {}}")) {
            PolicyVerdict cel = appraise(PolicyLanguage.CEL, "default_cpu", input, NONE);
            PolicyVerdict rego = appraise(PolicyLanguage.REGO, "default_cpu", input, NONE);
            assertThat(rego.extensions()).as(input).isEqualTo(cel.extensions()).containsKey("ear.trustee.identifiers");
        }
        assertThat(appraise(PolicyLanguage.REGO, "default_cpu", withAgentPolicy, NONE).extensions()
                .get("ear.trustee.identifiers")).isEqualTo(JSON.readTree("""
                {"validated": {"container_images": ["registry/pause:3.9", "registry/app:1"],
                               "container_uids": [65535]}}"""));
    }

    @Test
    void anRvpsOutageFailsBothClosed() {
        for (PolicyLanguage language : PolicyLanguage.values()) {
            InMemoryReferenceValues rvs = new InMemoryReferenceValues();
            rvs.setDown(true);
            PolicyEngine engine = new PolicyEngine(new CelPolicyCompiler(rvs, PolicyProperties.DEFAULTS),
                    new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS));
            PolicyVerdict verdict = engine.appraise(new NamedPolicy("default_cpu",
                    new BuiltInPolicies(language).find("default_cpu").orElseThrow()),
                    (ObjectNode) JSON.readTree(sample("1", 4, false)));
            assertThat(verdict.failure()).as(language.name()).isEqualTo(PolicyVerdict.RVPS_UNAVAILABLE);
            assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("hardware", 97));
        }
    }
}
