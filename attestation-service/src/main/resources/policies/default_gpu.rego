# default_gpu in Rego: Arca's own policy, deciding what default_gpu.cel beside it decides (docs/policies.md). Upstream's
# contract (Trustee attestation-service policy.md): package policy, data.policy.trust_claims with all eight AR4SI
# categories, reference values through query_reference_value(id). Selected with arca.as.policy.default-language=rego.
#
# Defaults: executables 33, hardware 97, configuration 36. Claims are those of Arca's local NVIDIA verifier
# (measurements, config; an Arca branch, upstream has no rule for them) or of NVIDIA's remote attestation service
# (NRAS, upstream's rules); a claim that is missing fails its rule, never the evaluation.
package policy

import rego.v1

trust_claims := {
	"instance-identity": 0,
	"configuration": device.configuration,
	"executables": device.executables,
	"file-system": 0,
	"hardware": device.hardware,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}

device := vector(local_executables, 2, local_configuration) if input.nvidia.measurements
else := vector(nras_executables, nras_hardware, nras_configuration) if input.nvidia
else := vector(33, sample_device_hardware, 36) if input.sampledevice
else := vector(33, 97, 36)

vector(executables, hardware, configuration) := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
}

# rv_has: the reference value is a list holding x, or is x itself (as the CEL function)
rv_has(name, x) if query_reference_value(name) == x

rv_has(name, x) if {
	reference := query_reference_value(name)
	is_array(reference)
	x in reference
}

# ---- a GPU verified locally: hardware 2, since these claims exist only when the chain to the pinned NVIDIA root,
# the FWID, the signature and the nonce verified --------------------------------------------------------------------

default local_configuration := 36

local_configuration := 2 if {
	rv_has("allowed_vbios_versions", input.nvidia.config.vbios_version)
	rv_has("allowed_driver_versions", input.nvidia.config.driver_version)
}

# an all-zero measurement is an index the GPU did not measure
unmeasured(value) if regex.match("^0*$", value)

local_measured if {
	some value in input.nvidia.measurements
	not unmeasured(value)
}

allowed_measurement(_, value) if unmeasured(value)

allowed_measurement(index, value) if rv_has(concat("", ["nvidia_measurement_", index]), value)

# the GPU measured something, and every measurement it took is one the reference values allow
default local_executables := 33

local_executables := 3 if {
	local_measured
	every index, value in input.nvidia.measurements {
		allowed_measurement(index, value)
	}
}

# ---- NRAS claims (upstream's rules) -------------------------------------------------------------------------------

chain_good(name) if {
	input.nvidia[name]["x-nvidia-cert-ocsp-status"] == "good"
	input.nvidia[name]["x-nvidia-cert-status"] == "valid"
}

default nras_hardware := 97

nras_hardware := 2 if {
	chain_good("x-nvidia-gpu-attestation-report-cert-chain")
	input.nvidia["x-nvidia-gpu-attestation-report-cert-chain-fwid-match"] == true
	input.nvidia["x-nvidia-gpu-attestation-report-parsed"] == true
	input.nvidia["x-nvidia-gpu-attestation-report-signature-verified"] == true
	input.nvidia["x-nvidia-gpu-arch-check"] == true
}

secure_boot_without_debug if {
	input.nvidia.secboot == true
	input.nvidia.dbgstat == "disabled"
}

default nras_configuration := 36

nras_configuration := 2 if {
	secure_boot_without_debug
	rv_has("allowed_vbios_versions", input.nvidia["x-nvidia-gpu-vbios-version"])
	rv_has("allowed_driver_versions", input.nvidia["x-nvidia-gpu-driver-version"])
} else := 3 if secure_boot_without_debug

rim_checks := ["fetched", "measurements-available", "schema-validated", "signature-verified", "version-match"]

default nras_executables := 33

nras_executables := 3 if {
	chain_good("x-nvidia-gpu-vbios-rim-cert-chain")
	every rim in ["driver", "vbios"] {
		every check in rim_checks {
			input.nvidia[concat("", ["x-nvidia-gpu-", rim, "-rim-", check])] == true
		}
	}
	input.nvidia.measres == "success"
}

# ---- sample device (tests only): upstream reads data.reference.device_svn, which upstream never loads, so its rule
# never fires; Arca reads the reference value device_svn -----------------------------------------------------------

default sample_device_hardware := 97

sample_device_hardware := 2 if rv_has("device_svn", input.sampledevice.svn)
