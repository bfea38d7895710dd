package p
import rego.v1
p[x].q[y] contains z if { x := "a"; y := 1; z := {1} }
p.b := 2
