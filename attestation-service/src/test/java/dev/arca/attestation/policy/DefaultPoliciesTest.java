package dev.arca.attestation.policy;

import static dev.arca.attestation.policy.DeviceClaims.localGpu;
import static dev.arca.attestation.policy.DeviceClaims.nrasGpu;
import static dev.arca.attestation.policy.DeviceClaims.sample;
import static dev.arca.attestation.policy.DeviceClaims.sgx;
import static dev.arca.attestation.policy.DeviceClaims.snp;
import static dev.arca.attestation.policy.DeviceClaims.tdx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in policies decide what upstream's defaults decide (Trustee attestation-service default policies), one
 * platform at a time, with claims shaped as each verifier emits them (after the lifting of Trustee tcb_claims.md) and
 * reference values under upstream's names. A failed rule falls to its default value; it never fails the whole
 * evaluation. Every test runs against the CEL built-ins and against the Rego ones: both must decide alike
 * ({@link DefaultPolicyAgreementTest} holds both to upstream's documented outcomes).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PolicyLanguage.class)
class DefaultPoliciesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameter
    PolicyLanguage language;

    private final InMemoryReferenceValues rvs = new InMemoryReferenceValues();
    private PolicyEngine engine;

    @BeforeEach
    void setUp() {
        engine = new PolicyEngine(new CelPolicyCompiler(rvs, PolicyProperties.DEFAULTS),
                new RegoPolicyCompiler(rvs, PolicyProperties.DEFAULTS));
    }

    private PolicyVerdict appraise(String policyId, String inputJson) {
        NamedPolicy policy = new NamedPolicy(policyId, new BuiltInPolicies(language).find(policyId).orElseThrow());
        return engine.appraise(policy, (ObjectNode) JSON.readTree(inputJson));
    }

    /** The full vector of a successful appraisal: all eight categories, as upstream publishes them. */
    private static Map<String, Integer> vector(PolicyVerdict verdict) {
        assertThat(verdict.failedClosed()).as("policy failed: " + verdict.failure()).isFalse();
        assertThat(verdict.trustVector().claims()).hasSize(8);
        return verdict.trustVector().byName();
    }

    private static Map<String, Integer> ehc(int executables, int hardware, int configuration) {
        return new DefaultPolicyAgreementTest.Vector(executables, hardware, configuration).all();
    }

    // ---- sample ------------------------------------------------------------------------------------------------

    @Test
    void sampleWithUpstreamReferenceValues() {
        rvs.put("launch_digest", "[\"abcde\"]").put("svn", "[\"1\"]").put("major_version", "1")
                .put("minimum_minor_version", "4");

        assertThat(vector(appraise("default_cpu", sample("1", 4, false)))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_cpu", sample("1", 3, false)))).as("minor below the minimum")
                .isEqualTo(ehc(3, 97, 2));
        assertThat(vector(appraise("default_cpu", sample("9", 4, false)))).isEqualTo(ehc(3, 97, 2));
        assertThat(vector(appraise("default_cpu", sample("1", 4, true)))).isEqualTo(ehc(3, 2, 36));
        rvs.put("major_version", "2");
        assertThat(vector(appraise("default_cpu", sample("1", 4, false)))).isEqualTo(ehc(3, 97, 2));
        rvs.clear();
        assertThat(vector(appraise("default_cpu", sample("1", 4, false)))).isEqualTo(ehc(33, 97, 2));
    }

    // ---- SEV-SNP -----------------------------------------------------------------------------------------------

    private void snpReferenceValues() {
        rvs.put("snp_launch_measurement", "[\"aa11\"]").put("snp_bootloader", "[10]").put("snp_microcode", "[213]")
                .put("snp_snp_svn", "[23]").put("snp_tee_svn", "[0]").put("snp_smt_enabled", "true")
                .put("snp_tsme_enabled", "false").put("snp_guest_abi_major", "0").put("snp_guest_abi_minor", "31")
                .put("snp_single_socket", "false").put("snp_smt_allowed", "true");
    }

    @Test
    void snpWithUpstreamReferenceValues() {
        snpReferenceValues();

        assertThat(vector(appraise("default_cpu", snp(false, true)))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_cpu", snp(false, false)))).as("SMT differs from the reference")
                .isEqualTo(ehc(3, 2, 3));
        assertThat(vector(appraise("default_cpu", snp(true, true)))).as("debug allowed").isEqualTo(ehc(3, 2, 36));
        rvs.put("snp_microcode", "[214]");
        assertThat(vector(appraise("default_cpu", snp(false, true)))).isEqualTo(ehc(3, 97, 2));
    }

    // ---- TDX ---------------------------------------------------------------------------------------------------

    @Test
    void tdxWithUpstreamReferenceValues() {
        rvs.put("rtmr_1", "[\"r101\"]").put("rtmr_2", "[\"r201\"]").put("tdvfkernel", "\"ke01\"")
                .put("tdvfkernelparams", "\"pa01\"").put("mr_td", "[\"md01\"]")
                .put("xfam", "[\"e702060000000000\"]");

        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "0", false, true)))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "0", false, false)))).as("no event log")
                .isEqualTo(ehc(4, 2, 2));
        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "1", false, true)))).as("collateral expired")
                .isEqualTo(ehc(3, 97, 2));
        rvs.put("tdvfkernel", "\"other\"");
        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "0", false, true)))).isEqualTo(ehc(4, 2, 2));
        rvs.put("rtmr_2", "[\"other\"]");
        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "0", false, true)))).isEqualTo(ehc(33, 2, 2));
        rvs.put("mr_td", "[\"other\"]").put("xfam", "[\"other\"]");
        assertThat(vector(appraise("default_cpu", tdx("UpToDate", "0", false, true)))).as("unknown TD")
                .isEqualTo(ehc(33, 97, 36));
    }

    @Test
    void tdxDebugIsRefused() {
        rvs.put("rtmr_1", "[\"r101\"]").put("rtmr_2", "[\"r201\"]").put("mr_td", "[\"md01\"]")
                .put("xfam", "[\"e702060000000000\"]");

        PolicyVerdict verdict = appraise("default_cpu", tdx("UpToDate", "0", true, false));

        assertThat(vector(verdict)).as("upstream gives 36 here").isEqualTo(ehc(4, 2, 96));
        assertThat(verdict.trustVector().status().wireName()).isEqualTo("contraindicated");
    }

    /** Arca's grading of the DCAP TCB statuses (upstream: hardware 97 for all but UpToDate). */
    @Test
    void tdxTcbStatusGrades() {
        rvs.put("rtmr_1", "[\"r101\"]").put("rtmr_2", "[\"r201\"]").put("mr_td", "[\"md01\"]")
                .put("xfam", "[\"e702060000000000\"]");
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        expected.put("UpToDate", ehc(4, 2, 2));
        expected.put("SWHardeningNeeded", ehc(32, 3, 2));
        expected.put("ConfigurationNeeded", ehc(4, 3, 32));
        expected.put("ConfigurationAndSWHardeningNeeded", ehc(32, 3, 32));
        expected.put("OutOfDate", ehc(4, 32, 2));
        expected.put("OutOfDateConfigurationNeeded", ehc(4, 32, 32));
        expected.put("TDRelaunchAdvised", ehc(4, 32, 2));
        expected.put("TDRelaunchAdvisedConfigurationNeeded", ehc(4, 32, 32));
        expected.put("Revoked", ehc(4, 97, 2));

        expected.forEach((status, vector) ->
                assertThat(vector(appraise("default_cpu", tdx(status, "0", false, false)))).as(status)
                        .isEqualTo(vector));
        assertThat(appraise("default_cpu", tdx("SWHardeningNeeded", "0", false, false)).trustVector().status()
                .wireName()).isEqualTo("warning");
    }

    // ---- SGX (an Arca addition: upstream has no rules) ---------------------------------------------------------

    @Test
    void sgxRecognisesTheEnclaveByEveryRegisteredIdentity() {
        String current = sgx("UpToDate", "0500000000000000", "0100");
        assertThat(vector(appraise("default_cpu", current))).as("nothing registered").isEqualTo(ehc(33, 2, 3));

        rvs.put("mr_enclave", "[\"me01\"]");
        PolicyVerdict byEnclave = appraise("default_cpu", current);
        assertThat(vector(byEnclave)).isEqualTo(ehc(3, 2, 3));
        assertThat(byEnclave.trustVector().status().wireName()).isEqualTo("affirming");

        rvs.put("mr_signer", "[\"ms01\"]").put("isv_prod_id", "[\"0000\"]").put("isv_svn", "[\"0100\", \"0200\"]");
        assertThat(vector(appraise("default_cpu", current))).as("enclave and signer").isEqualTo(ehc(3, 2, 3));
        assertThat(vector(appraise("default_cpu", sgx("UpToDate", "0500000000000000", "0000")))).as("old isv_svn")
                .isEqualTo(ehc(33, 2, 3));

        rvs.remove("mr_enclave");
        assertThat(vector(appraise("default_cpu", current))).as("signer only").isEqualTo(ehc(3, 2, 3));
        rvs.put("mr_enclave", "[\"other\"]");
        assertThat(vector(appraise("default_cpu", current))).as("a registered mr_enclave must match")
                .isEqualTo(ehc(33, 2, 3));
    }

    @Test
    void sgxDebugEnclaveIsRefusedAndTheTcbStatusGraded() {
        rvs.put("mr_enclave", "[\"me01\"]");

        PolicyVerdict debug = appraise("default_cpu", sgx("UpToDate", "0700000000000000", "0100"));
        assertThat(vector(debug)).isEqualTo(ehc(3, 2, 96));
        assertThat(debug.trustVector().status().wireName()).isEqualTo("contraindicated");

        assertThat(vector(appraise("default_cpu", sgx("ConfigurationAndSWHardeningNeeded", "0500000000000000",
                "0100")))).isEqualTo(ehc(32, 3, 32));
        assertThat(vector(appraise("default_cpu", sgx("SWHardeningNeeded", "0500000000000000", "0100"))))
                .isEqualTo(ehc(32, 3, 3));
        assertThat(vector(appraise("default_cpu", sgx("OutOfDate", "0500000000000000", "0100"))))
                .isEqualTo(ehc(3, 32, 3));
        assertThat(vector(appraise("default_cpu", sgx("UpToDate", "0400000000000000", "0100")))).as("MODE64BIT only")
                .isEqualTo(ehc(3, 2, 3));
        assertThat(vector(appraise("default_cpu", sgx("UpToDate", "0200000000000000", "0100")))).as("DEBUG only")
                .isEqualTo(ehc(3, 2, 96));
    }

    // ---- Azure vTPMs, TPM, SE ----------------------------------------------------------------------------------

    @Test
    void azureSnpVtpmComparesStrings() {
        rvs.put("measurement", "[\"bWVhcw==\"]").put("snp_pcr11", "[\"p11\"]").put("tcb_bootloader", "[\"3\"]")
                .put("tcb_microcode", "[\"115\"]").put("tcb_snp", "[\"8\"]").put("tcb_tee", "[\"0\"]")
                .put("smt_enabled", "[\"true\"]").put("tsme_enabled", "[\"false\"]").put("abi_major", "[\"0\"]")
                .put("abi_minor", "[\"31\"]").put("single_socket", "[\"false\"]").put("smt_allowed", "[\"true\"]");
        String claims = """
                {"report_data": "ab", "runtime_data_claims": null, "az-snp-vtpm": {"measurement": "bWVhcw==",
                 "reported_tcb_bootloader": "3", "reported_tcb_microcode": "115", "reported_tcb_snp": "8",
                 "reported_tcb_tee": "0", "platform_smt_enabled": "true", "platform_tsme_enabled": "false",
                 "policy_abi_major": "0", "policy_abi_minor": "31", "policy_single_socket": "false",
                 "policy_smt_allowed": "true" %s}}""";

        assertThat(vector(appraise("default_cpu", claims.formatted(", \"tpm\": {\"pcr11\": \"p11\"}"))))
                .isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_cpu", claims.formatted("")))).as("no PCR 11: only executables fail")
                .isEqualTo(ehc(33, 2, 2));
        rvs.put("tcb_snp", "[8]");
        assertThat(vector(appraise("default_cpu", claims.formatted(", \"tpm\": {\"pcr11\": \"p11\"}"))))
                .as("a number where the claim is a string").isEqualTo(ehc(3, 97, 2));
    }

    @Test
    void azureTdxVtpm() {
        rvs.put("tdx_pcr11", "[\"p11\"]").put("mr_td", "[\"md01\"]").put("xfam", "[\"e7\"]");
        String claims = """
                {"report_data": "ab", "runtime_data_claims": null, "az-tdx-vtpm": {"tpm": {"pcr11": "p11"},
                 "quote": {"header": {"tee_type": "81000000", "vendor_id": "939a7233f79c4ca9940a0db3957f0607"},
                  "body": {"mr_td": "md01", "xfam": "e7"}}, "tcb_status": "%s"}}""";

        assertThat(vector(appraise("default_cpu", claims.formatted("UpToDate")))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_cpu", claims.formatted("SWHardeningNeeded")))).isEqualTo(ehc(3, 97, 2));
    }

    @Test
    void tpmHardwareTrustNeedsAVerifiedOrAListedAttestationKey() {
        rvs.put("tpm_pcr11", "[\"p11\"]").put("trusted_aks", "[\"AK1\"]");
        String claims = "{\"report_data\": \"00\", \"runtime_data_claims\": null, "
                + "\"tpm\": {\"ak_public\": \"%s\", \"pcr11\": \"p11\"%s}}";

        PolicyVerdict trusted = appraise("default_cpu", claims.formatted("AK1", ""));
        PolicyVerdict unknownKey = appraise("default_cpu", claims.formatted("AK2", ", \"ak_trust\": \"none\""));
        PolicyVerdict certifiedKey = appraise("default_cpu", claims.formatted("AK2",
                ", \"ak_trust\": \"certificate\""));

        // upstream's rule: executables 3 only for a key in trusted_aks
        assertThat(vector(trusted)).isEqualTo(ehc(3, 2, 0));
        assertThat(trusted.trustVector().status().wireName()).isEqualTo("affirming");
        // Arca: a key the verifier accepted without certificate or list (accept-unknown-aks) gets no hardware trust
        assertThat(vector(unknownKey)).isEqualTo(ehc(33, 97, 0));
        assertThat(unknownKey.trustVector().status().wireName()).isEqualTo("contraindicated");
        // a key certified to a configured root (or listed) is genuine hardware, its PCRs still unknown
        assertThat(vector(certifiedKey)).isEqualTo(ehc(33, 2, 0));
        assertThat(certifiedKey.trustVector().status().wireName()).isEqualTo("warning");
    }

    @Test
    void secureExecutionAndPlatformsWithoutRules() {
        assertThat(vector(appraise("default_cpu", "{\"se\": {\"cuid\": \"01\"}}"))).isEqualTo(ehc(3, 2, 2));
        for (String tee : new String[] {"cca", "csv"}) {
            PolicyVerdict verdict = appraise("default_cpu", "{\"" + tee + "\": {\"anything\": 1}}");
            assertThat(vector(verdict)).as(tee).isEqualTo(ehc(33, 97, 36));
            assertThat(verdict.trustVector().status().wireName()).isEqualTo("contraindicated");
        }
    }

    // ---- cca (Arca's rules; upstream has none) -----------------------------------------------------------------

    private static String cca(String rim, long lifecycle) {
        return "{\"report_data\": \"00\", \"cca\": {\"realm\": {\"cca-realm-initial-measurement\": \"" + rim
                + "\", \"cca-realm-hash-algo-id\": \"sha-256\"}, \"platform\": {\"cca-platform-lifecycle\": "
                + lifecycle + ", \"cca-platform-implementation-id\": \"AAEC\"}}}";
    }

    @Test
    void ccaRealmByItsInitialMeasurementAndPlatformByItsLifecycle() {
        rvs.put("cca_realm_initial_measurement", "[\"RIM1\"]");

        PolicyVerdict secured = appraise("default_cpu", cca("RIM1", 0x3003));
        assertThat(vector(secured)).isEqualTo(ehc(3, 2, 2));
        assertThat(secured.trustVector().status().wireName()).isEqualTo("affirming");
        assertThat(vector(appraise("default_cpu", cca("RIM2", 0x3000)))).as("unknown realm image")
                .isEqualTo(ehc(33, 2, 2));
        PolicyVerdict debug = appraise("default_cpu", cca("RIM1", 0x4000));
        assertThat(vector(debug)).as("non-PSA-RoT debug").isEqualTo(ehc(3, 2, 96));
        assertThat(debug.trustVector().status().wireName()).isEqualTo("contraindicated");
        assertThat(vector(appraise("default_cpu", cca("RIM1", 0x6000)))).as("decommissioned")
                .isEqualTo(ehc(3, 97, 96));
        assertThat(vector(appraise("default_cpu", cca("RIM1", 0x2000)))).as("provisioning")
                .isEqualTo(ehc(3, 97, 96));
        rvs.clear();
        assertThat(vector(appraise("default_cpu", cca("RIM1", 0x3000)))).isEqualTo(ehc(33, 2, 2));
    }

    // ---- ear.trustee.identifiers -------------------------------------------------------------------------------

    @Test
    void containerImagesAndUidsOfTheKataAgentPolicyBecomeTrusteeIdentifiers() {
        String claims = """
                {"init_data": "00", "init_data_claims": {"agent_policy_claims": {"containers": [
                   {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry/pause:3.9"},
                            "Process": {"User": {"UID": 65535}}}},
                   {"OCI": {"Annotations": {"io.kubernetes.cri.image-name": "registry/app:1"}}},
                   {"OCI": {"Process": {"User": {"UID": 0}}}}]}},
                 "se": {}}""";

        PolicyVerdict verdict = appraise("default_cpu", claims);

        assertThat(verdict.extensions().get("ear.trustee.identifiers")).isEqualTo(JSON.readTree("""
                {"validated": {"container_images": ["registry/pause:3.9", "registry/app:1"],
                               "container_uids": [65535, 0]}}"""));
        assertThat(appraise("default_cpu", "{\"init_data_claims\": null, \"se\": {}}").extensions()
                .get("ear.trustee.identifiers")).isEqualTo(JSON.readTree("{\"validated\": {}}"));
        assertThat(appraise("default_cpu", "{\"init_data_claims\": {\"agent_policy_claims\": {\"containers\": ["
                + "{\"OCI\": {\"Process\": {\"User\": {\"UID\": 7}}}}]}}, \"se\": {}}").extensions()
                .get("ear.trustee.identifiers")).isEqualTo(JSON.readTree("{\"validated\": {\"container_uids\": [7]}}"));
    }

    // ---- GPU, switch, PPCIE ------------------------------------------------------------------------------------

    @Test
    void nvidiaGpuWithRemoteVerifierClaims() {
        rvs.put("allowed_vbios_versions", "[\"96.00.5E.00.01\"]").put("allowed_driver_versions", "[\"550.90.07\"]");

        assertThat(vector(appraise("default_gpu", nrasGpu("disabled")))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_gpu", nrasGpu("enabled")))).isEqualTo(ehc(3, 2, 36));
        rvs.clear();
        assertThat(vector(appraise("default_gpu", nrasGpu("disabled")))).isEqualTo(ehc(3, 2, 3));
        assertThat(vector(appraise("default_gpu", nrasGpu("disabled").replace("\"measres\": \"success\"",
                "\"measres\": \"fail\"")))).isEqualTo(ehc(33, 2, 3));
    }

    @Test
    void nvidiaGpuVerifiedLocally() {
        rvs.put("allowed_vbios_versions", "[\"96.00.9f.00.01\"]").put("allowed_driver_versions", "[\"550.90.07\"]")
                .put("nvidia_measurement_1", "[\"" + "11".repeat(48) + "\"]")
                .put("nvidia_measurement_2", "[\"" + "22".repeat(48) + "\", \"" + "23".repeat(48) + "\"]");

        // every measurement taken is listed (index 3 is all-zero: not measured), versions listed
        assertThat(vector(appraise("default_gpu", localGpu("22".repeat(48))))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_gpu", localGpu("23".repeat(48))))).isEqualTo(ehc(3, 2, 2));
        // one measurement no reference value allows
        assertThat(vector(appraise("default_gpu", localGpu("24".repeat(48))))).isEqualTo(ehc(33, 2, 2));
        // nothing measured, no config: no executables, no configuration
        assertThat(vector(appraise("default_gpu", "{\"nvidia\": {\"arch\": \"Hopper\", \"measurements\": {}}}")))
                .isEqualTo(ehc(33, 2, 36));
        rvs.clear();
        assertThat(vector(appraise("default_gpu", localGpu("22".repeat(48))))).isEqualTo(ehc(33, 2, 36));
    }

    @Test
    void sampleDeviceHardwareFromDeviceSvn() {
        rvs.put("device_svn", "[\"3\"]");

        PolicyVerdict known = appraise("default_gpu", "{\"report_data\": \"\", \"sampledevice\": {\"svn\": \"3\"}}");
        PolicyVerdict unknown = appraise("default_gpu", "{\"report_data\": \"\", \"sampledevice\": {\"svn\": \"4\"}}");

        assertThat(vector(known)).isEqualTo(ehc(33, 2, 36));
        assertThat(known.trustVector().status().wireName()).isEqualTo("warning");
        assertThat(vector(unknown)).isEqualTo(ehc(33, 97, 36));
        assertThat(known.extensions()).isEmpty();
    }

    @Test
    void nvswitchAndPpcie() {
        rvs.put("allowed_switch_bios_versions", "[\"96.10.6D.00.01\"]");
        StringBuilder rim = new StringBuilder();
        for (String check : new String[] {"fetched", "measurements-available", "schema-validated",
                "signature-verified", "version-match"}) {
            rim.append(", \"x-nvidia-switch-bios-rim-").append(check).append("\": true");
        }
        String switchClaims = """
                {"nvidia": {"x-nvidia-switch-attestation-report-cert-chain":
                   {"x-nvidia-cert-status": "valid", "x-nvidia-cert-ocsp-status": "good"},
                 "x-nvidia-switch-attestation-report-cert-chain-fwid-match": true,
                 "x-nvidia-switch-attestation-report-parsed": true,
                 "x-nvidia-switch-attestation-report-signature-verified": true, "x-nvidia-switch-arch-check": true,
                 "secboot": true, "dbgstat": "disabled", "x-nvidia-switch-bios-version": "96.10.6D.00.01",
                 "x-nvidia-switch-bios-rim-cert-chain": {"x-nvidia-cert-status": "valid",
                   "x-nvidia-cert-ocsp-status": "good"}, "measres": "success"%s}}""".formatted(rim);

        assertThat(vector(appraise("default_switch", switchClaims))).isEqualTo(ehc(3, 2, 2));
        assertThat(vector(appraise("default_switch", "{\"nvidia\": {}}"))).isEqualTo(ehc(33, 97, 36));
        PolicyVerdict ppcie = appraise("default_ppcie", "{\"nvidia\": {\"switch_count\": 4, \"gpu_count\": 8}}");
        assertThat(vector(ppcie)).isEqualTo(ehc(0, 0, 2));
        assertThat(ppcie.trustVector().status().wireName()).isEqualTo("affirming");
    }

    // ---- failing closed ----------------------------------------------------------------------------------------

    @Test
    void anRvpsOutageFailsClosed() {
        rvs.setDown(true);

        PolicyVerdict verdict = appraise("default_cpu", sample("1", 4, false));

        assertThat(verdict.failedClosed()).isTrue();
        assertThat(verdict.failure()).isEqualTo(PolicyVerdict.RVPS_UNAVAILABLE);
        assertThat(verdict.trustVector().byName()).isEqualTo(Map.of("hardware", 97));
        assertThat(verdict.trustVector().status().wireName()).isEqualTo("contraindicated");
        assertThat(verdict.extensions()).isEmpty();
    }

    @Test
    void claimsOfTheWrongShapeAreContraindicated() {
        PolicyVerdict verdict = appraise("default_cpu", "{\"snp\": {\"measurement\": \"aa\"}}");

        // CEL fails on the missing claims (fail closed); Rego's rules are undefined on them and keep the defaults
        if (language == PolicyLanguage.CEL) {
            assertThat(verdict.failure()).isEqualTo(PolicyVerdict.POLICY_ERROR);
        } else {
            assertThat(vector(verdict)).isEqualTo(ehc(33, 97, 36));
        }
        assertThat(verdict.trustVector().status().wireName()).isEqualTo("contraindicated");
    }
}
