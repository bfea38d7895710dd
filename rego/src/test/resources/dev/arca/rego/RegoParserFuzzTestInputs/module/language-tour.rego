package tour
import data.lib.helpers as h
xs := [1, 2, 3]
s contains x if some x in xs
o[k] := v if { some k, v in {"a": 1} }
f(x) := y if { y := x * 2 } else := 0
every_pos if every x in xs { x > 0 }
c := {k: v | some v, k in xs}
n if not 4 in xs
w := r if r := f(2) with input.a as 1
e := sprintf("%v %d", [s, count(xs)])
r := regex.match(`^[a-z]+$`, "abc")
z := [a | a := xs[_]; a > 1]
