package fuzz.notbody

import future.keywords.not

limit := 3

small if not { count(input.a) > limit; input.a[_] == "x" }

no_nulls(xs) if not {
	some v in xs
	v == null
}

clean if no_nulls(input.a)

obj if not {"k": 1}
