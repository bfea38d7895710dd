package p
x := 1e9999999990
