package p
x := 1e999999999 * 2
y := 1 / 3
z := 7 % 0
