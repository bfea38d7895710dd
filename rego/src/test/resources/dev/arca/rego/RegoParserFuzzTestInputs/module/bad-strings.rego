package p
x := "\uZZZZ"
y := `raw
