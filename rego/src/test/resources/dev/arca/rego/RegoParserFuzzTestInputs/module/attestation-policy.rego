package policy

import rego.v1

default executables := 33

default hardware := 97

executables := 3 if {
	input.tdx.quote.body.mr_td in query_reference_value("mr_td")
}

hardware := 2 if {
	input.tdx.quote.header.tee_type == "81000000"
	semver.compare(input.tdx.version, "1.0.0") >= 0
}

trust_claims := {"executables": executables, "hardware": hardware}
