# default_ppcie in Rego: Arca's own policy, deciding what default_ppcie.cel beside it decides (docs/policies.md): the
# PPCIE item exists only when the NVIDIA verifier found a consistent 8-GPU/4-switch topology, which is accepted as an
# approved configuration. Selected with arca.as.policy.default-language=rego.
package policy

import rego.v1

trust_claims := {
	"instance-identity": 0,
	"configuration": 2,
	"executables": 0,
	"file-system": 0,
	"hardware": 0,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}
