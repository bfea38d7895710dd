# affirming (as kbs-client's --affirming): released when the token has at least one device and every device (cpu0,
# GPUs, ...) is affirming.
package policy

import rego.v1

default allow := false

allow if {
	count(input.submods) > 0
	every submod in input.submods {
		submod["ear.status"] == "affirming"
	}
}
