# default_switch in Rego: Arca's own policy, deciding what default_switch.cel beside it decides (docs/policies.md):
# default_gpu's NRAS pattern over the x-nvidia-switch-* claims, with the reference value allowed_switch_bios_versions.
# Defaults: executables 33, hardware 97, configuration 36. Selected with arca.as.policy.default-language=rego.
package policy

import rego.v1

trust_claims := {
	"instance-identity": 0,
	"configuration": configuration,
	"executables": executables,
	"file-system": 0,
	"hardware": hardware,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}

rv_has(name, x) if query_reference_value(name) == x

rv_has(name, x) if {
	reference := query_reference_value(name)
	is_array(reference)
	x in reference
}

chain_good(name) if {
	input.nvidia[name]["x-nvidia-cert-ocsp-status"] == "good"
	input.nvidia[name]["x-nvidia-cert-status"] == "valid"
}

default hardware := 97

hardware := 2 if {
	chain_good("x-nvidia-switch-attestation-report-cert-chain")
	input.nvidia["x-nvidia-switch-attestation-report-cert-chain-fwid-match"] == true
	input.nvidia["x-nvidia-switch-attestation-report-parsed"] == true
	input.nvidia["x-nvidia-switch-attestation-report-signature-verified"] == true
	input.nvidia["x-nvidia-switch-arch-check"] == true
}

secure_boot_without_debug if {
	input.nvidia.secboot == true
	input.nvidia.dbgstat == "disabled"
}

default configuration := 36

configuration := 2 if {
	secure_boot_without_debug
	rv_has("allowed_switch_bios_versions", input.nvidia["x-nvidia-switch-bios-version"])
} else := 3 if secure_boot_without_debug

default executables := 33

executables := 3 if {
	chain_good("x-nvidia-switch-bios-rim-cert-chain")
	every check in ["fetched", "measurements-available", "schema-validated", "signature-verified", "version-match"] {
		input.nvidia[concat("", ["x-nvidia-switch-bios-rim-", check])] == true
	}
	input.nvidia.measres == "success"
}
