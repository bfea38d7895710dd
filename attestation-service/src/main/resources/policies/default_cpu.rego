# default_cpu in Rego: Arca's own policy, deciding what default_cpu.cel beside it decides (docs/policies.md sets the
# two side by side). It keeps upstream's contract (Trustee attestation-service policy.md): package policy,
# data.policy.trust_claims with all eight AR4SI categories, data.policy.extensions as a list of {name, key, value},
# reference values through query_reference_value(id). Selected with arca.as.policy.default-language=rego.
#
# Defaults: executables 33 (unrecognized run-time), hardware 97 (unrecognized), configuration 36 (configuration
# unavailable); the other categories 0. The first platform present decides, in the order of the CEL policy. Where
# Arca departs from upstream's rules (Intel TCB grading and debug TDs, SGX, TPM attestation keys) the comments say so.
package policy

import rego.v1

trust_claims := {
	"instance-identity": 0,
	"configuration": platform.configuration,
	"executables": platform.executables,
	"file-system": 0,
	"hardware": platform.hardware,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}

extensions := [{"name": "ear.trustee.identifiers", "key": -18, "value": {"validated": identifiers}}]

platform := vector(sample_executables, sample_hardware, sample_configuration) if input.sample
else := vector(snp_executables, snp_hardware, snp_configuration) if input.snp
else := vector(tdx_executables, tdx_hardware, tdx_configuration) if input.tdx
else := vector(sgx_executables, sgx_hardware, sgx_configuration) if input.sgx
else := vector(azsnp_executables, azsnp_hardware, azsnp_configuration) if input["az-snp-vtpm"]
else := vector(aztdx_executables, aztdx_hardware, aztdx_configuration) if input["az-tdx-vtpm"]
else := vector(tpm_executables, tpm_hardware, 0) if input.tpm
else := vector(3, 2, 2) if input.se
else := vector(cca_executables, cca_hardware, cca_configuration) if input.cca
else := vector(33, 97, 36)

vector(executables, hardware, configuration) := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
}

# ---- reference values, read as the CEL functions read them --------------------------------------------------------

# rv_has: the reference value is a list holding x, or is x itself (numbers compare by value)
rv_has(name, x) if query_reference_value(name) == x

rv_has(name, x) if {
	reference := query_reference_value(name)
	is_array(reference)
	x in reference
}

rv_eq(name, x) if query_reference_value(name) == x

rv_min(name, x) if {
	reference := query_reference_value(name)
	is_number(reference)
	is_number(x)
	x >= reference
}

rv_registered(name) if {
	reference := query_reference_value(name)
	reference != null
}

# ---- sample TEE ---------------------------------------------------------------------------------------------------

default sample_executables := 33

sample_executables := 3 if rv_has("launch_digest", input.sample.launch_digest)

default sample_hardware := 97

sample_hardware := 2 if {
	rv_has("svn", input.sample.svn)
	rv_eq("major_version", input.sample.platform_version.major)
	rv_min("minimum_minor_version", input.sample.platform_version.minor)
}

default sample_configuration := 36

sample_configuration := 2 if input.sample.debug == false

# ---- AMD SEV-SNP --------------------------------------------------------------------------------------------------

default snp_executables := 33

snp_executables := 3 if rv_has("snp_launch_measurement", input.snp.measurement)

default snp_hardware := 97

snp_hardware := 2 if {
	rv_has("snp_bootloader", input.snp.reported_tcb_bootloader)
	rv_has("snp_microcode", input.snp.reported_tcb_microcode)
	rv_has("snp_snp_svn", input.snp.reported_tcb_snp)
	rv_has("snp_tee_svn", input.snp.reported_tcb_tee)
}

default snp_configuration := 36

snp_configuration := 2 if {
	snp_no_debug_no_migration
	rv_eq("snp_smt_enabled", input.snp.platform_smt_enabled)
	rv_eq("snp_tsme_enabled", input.snp.platform_tsme_enabled)
	rv_eq("snp_guest_abi_major", input.snp.policy_abi_major)
	rv_eq("snp_guest_abi_minor", input.snp.policy_abi_minor)
	rv_eq("snp_single_socket", input.snp.policy_single_socket)
	rv_eq("snp_smt_allowed", input.snp.policy_smt_allowed)
} else := 3 if snp_no_debug_no_migration

snp_no_debug_no_migration if {
	input.snp.policy_debug_allowed == false
	input.snp.policy_migrate_ma == false
}

# ---- Intel TDX ----------------------------------------------------------------------------------------------------

intel_vendor := "939a7233f79c4ca9940a0db3957f0607"

# Arca grades the DCAP TCB status (docs/policies.md "Intel TCB status"); upstream gives hardware 97 to all but UpToDate
intel_hardware := {
	"UpToDate": 2,
	"SWHardeningNeeded": 3,
	"ConfigurationNeeded": 3,
	"ConfigurationAndSWHardeningNeeded": 3,
	"OutOfDate": 32,
	"OutOfDateConfigurationNeeded": 32,
	"TDRelaunchAdvised": 32,
	"TDRelaunchAdvisedConfigurationNeeded": 32,
}

intel_sw_hardening := {"SWHardeningNeeded", "ConfigurationAndSWHardeningNeeded"}

intel_config_needed := {
	"ConfigurationNeeded", "ConfigurationAndSWHardeningNeeded",
	"OutOfDateConfigurationNeeded", "TDRelaunchAdvisedConfigurationNeeded",
}

tdx_rtmrs if {
	rv_has("rtmr_1", input.tdx.quote.body.rtmr_1)
	rv_has("rtmr_2", input.tdx.quote.body.rtmr_2)
}

# the kernel TDVF loaded, and its command line, are the registered ones
tdx_kernel if {
	some event in input.tdx.uefi_event_logs
	event.type_name == "EV_EFI_BOOT_SERVICES_APPLICATION"
	some path in event.details.device_paths
	contains(path, "File(kernel)")
	some digest in event.digests
	rv_eq("tdvfkernel", digest.digest)
}

tdx_kernel_parameters if {
	some event in input.tdx.uefi_event_logs
	event.type_name == "EV_EVENT_TAG"
	event.details.string == "LOADED_IMAGE::LoadOptions"
	some digest in event.digests
	rv_eq("tdvfkernelparams", digest.digest)
}

# 3: kernel and command line match; 4: only the RTMRs (GRUB or GKE boots)
default tdx_boot := 33

tdx_boot := 3 if {
	tdx_rtmrs
	tdx_kernel
	tdx_kernel_parameters
} else := 4 if tdx_rtmrs

tdx_executables := 32 if {
	tdx_boot != 33
	input.tdx.tcb_status in intel_sw_hardening
} else := tdx_boot

default tdx_hardware := 97

tdx_hardware := intel_hardware[input.tdx.tcb_status] if {
	input.tdx.quote.header.tee_type == "81000000"
	input.tdx.quote.header.vendor_id == intel_vendor
	rv_has("mr_td", input.tdx.quote.body.mr_td)
	input.tdx.collateral_expiration_status == "0"
}

# Arca refuses a debug TD (96; upstream 36): anything but an explicit debug false counts as debug
tdx_configuration := 96 if not input.tdx.td_attributes.debug == false
else := 36 if not rv_has("xfam", input.tdx.quote.body.xfam)
else := 32 if input.tdx.tcb_status in intel_config_needed
else := 2

# ---- Intel SGX (Arca's rules; upstream has none) ------------------------------------------------------------------

sgx_by_enclave if rv_registered("mr_enclave")

sgx_by_signer if rv_registered("mr_signer")

sgx_registered if sgx_by_enclave

sgx_registered if sgx_by_signer

sgx_enclave_matches if not sgx_by_enclave

sgx_enclave_matches if rv_has("mr_enclave", input.sgx.body.mr_enclave)

sgx_signer_matches if not sgx_by_signer

sgx_signer_matches if {
	rv_has("mr_signer", input.sgx.body.mr_signer)
	rv_has("isv_prod_id", input.sgx.body.isv_prod_id)
	rv_has("isv_svn", input.sgx.body.isv_svn)
}

default sgx_recognised := 33

sgx_recognised := 3 if {
	sgx_registered
	sgx_enclave_matches
	sgx_signer_matches
}

sgx_executables := 32 if {
	sgx_recognised != 33
	input.sgx.tcb_status in intel_sw_hardening
} else := sgx_recognised

default sgx_hardware := 97

sgx_hardware := intel_hardware[input.sgx.tcb_status] if {
	input.sgx.header.vendor_id == intel_vendor
	input.sgx.collateral_expiration_status == "0"
}

# attributes.flags is a little-endian u64 in hex: DEBUG (bit 1) is in the low nibble of the first byte
sgx_debug if substring(input.sgx.body["attributes.flags"], 1, 1) in {"2", "3", "6", "7", "a", "b", "e", "f"}

sgx_configuration := 96 if sgx_debug
else := 32 if input.sgx.tcb_status in intel_config_needed
else := 3

# ---- Azure SEV-SNP vTPM (every value a string) --------------------------------------------------------------------

default azsnp_executables := 33

azsnp_executables := 3 if {
	rv_has("measurement", input["az-snp-vtpm"].measurement)
	rv_has("snp_pcr11", input["az-snp-vtpm"].tpm.pcr11)
}

default azsnp_hardware := 97

azsnp_hardware := 2 if {
	rv_has("tcb_bootloader", input["az-snp-vtpm"].reported_tcb_bootloader)
	rv_has("tcb_microcode", input["az-snp-vtpm"].reported_tcb_microcode)
	rv_has("tcb_snp", input["az-snp-vtpm"].reported_tcb_snp)
	rv_has("tcb_tee", input["az-snp-vtpm"].reported_tcb_tee)
}

default azsnp_configuration := 36

azsnp_configuration := 2 if {
	rv_has("smt_enabled", input["az-snp-vtpm"].platform_smt_enabled)
	rv_has("tsme_enabled", input["az-snp-vtpm"].platform_tsme_enabled)
	rv_has("abi_major", input["az-snp-vtpm"].policy_abi_major)
	rv_has("abi_minor", input["az-snp-vtpm"].policy_abi_minor)
	rv_has("single_socket", input["az-snp-vtpm"].policy_single_socket)
	rv_has("smt_allowed", input["az-snp-vtpm"].policy_smt_allowed)
}

# ---- Azure TDX vTPM -----------------------------------------------------------------------------------------------

default aztdx_executables := 33

aztdx_executables := 3 if rv_has("tdx_pcr11", input["az-tdx-vtpm"].tpm.pcr11)

default aztdx_hardware := 97

aztdx_hardware := 2 if {
	input["az-tdx-vtpm"].quote.header.tee_type == "81000000"
	input["az-tdx-vtpm"].quote.header.vendor_id == intel_vendor
	rv_has("mr_td", input["az-tdx-vtpm"].quote.body.mr_td)
	input["az-tdx-vtpm"].tcb_status == "UpToDate"
}

default aztdx_configuration := 36

aztdx_configuration := 2 if rv_has("xfam", input["az-tdx-vtpm"].quote.body.xfam)

# ---- TPM 2.0 ------------------------------------------------------------------------------------------------------

default tpm_executables := 33

tpm_executables := 3 if {
	rv_has("tpm_pcr11", input.tpm.pcr11)
	rv_has("trusted_aks", input.tpm.ak_public)
}

# upstream: 2 unconditionally. Arca: only for an attestation key the verifier trusted (ak_trust certificate or
# listed) or one the reference value trusted_aks names
tpm_hardware := 2 if object.get(input.tpm, "ak_trust", "none") != "none"
else := 2 if rv_has("trusted_aks", input.tpm.ak_public)
else := 97

# ---- Arm CCA (Arca's rules; upstream has none) --------------------------------------------------------------------
# The verifier has already refused a platform without a trusted CPAK or whose sw-components are not affirmed, so the
# platform's PSA lifecycle decides hardware and configuration (0x3000-0x30ff secured; 0x4000-0x40ff non-PSA-RoT
# debug: genuine, but its firmware can be debugged; any other state is not fit to attest); the realm is recognised by
# its initial measurement (standard base64, as in the claim).

cca_lifecycle := object.get(input.cca, ["platform", "cca-platform-lifecycle"], -1)

cca_secured if {
	cca_lifecycle >= 12288
	cca_lifecycle <= 12543
}

cca_debug if {
	cca_lifecycle >= 16384
	cca_lifecycle <= 16639
}

default cca_executables := 33

cca_executables := 3 if rv_has("cca_realm_initial_measurement", input.cca.realm["cca-realm-initial-measurement"])

cca_hardware := 2 if cca_secured
else := 2 if cca_debug
else := 97

cca_configuration := 2 if cca_secured
else := 36 if cca_lifecycle < 0
else := 96

# ---- ear.trustee.identifiers: images and user ids of the Kata agent policy in init-data ---------------------------

containers := found if {
	found := input.init_data_claims.agent_policy_claims.containers
	is_array(found)
} else := []

images := [image | some container in containers; image := container.OCI.Annotations["io.kubernetes.cri.image-name"]]

uids := [uid | some container in containers; uid := container.OCI.Process.User.UID]

identifiers["container_images"] := images if count(images) > 0

identifiers["container_uids"] := uids if count(uids) > 0
