# Arca's default resource policy in Rego (the KBS's until an admin stores one): resources only (no other plugin), to
# an affirming cpu0 that is not the sample TEE. Upstream's default (Trustee KBS) is the same without the affirming
# test; docs/policies.md "Upstream's default, and Arca's".
package policy

import rego.v1

default allow := false

allow if {
	data.plugin == "resource"
	input.submods.cpu0["ear.status"] == "affirming"
	# a token without annotated evidence is not released (fail closed); a sample member of any value is the sample TEE
	evidence := input.submods.cpu0["ear.veraison.annotated-evidence"]
	not "sample" in object.keys(evidence)
}
