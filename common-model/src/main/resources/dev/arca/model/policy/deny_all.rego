# deny-all (as kbs-client's --deny-all): nothing is released.
package policy

import rego.v1

default allow := false
