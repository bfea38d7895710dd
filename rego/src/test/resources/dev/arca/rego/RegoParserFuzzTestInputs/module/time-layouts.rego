package fuzz.time

t := 1704164645123456789

formatted := [
	time.format([t, "UTC", "Mon Jan _2 15:04:05.000 MST 2006"]),
	time.format([t, "Asia/Kolkata", "RFC1123Z"]),
	time.format([t, "UTC", "2006.002 3:04PM Z07:00:00 .999999999"]),
]

parsed := [
	time.parse_ns("2006-01-02 15:04:05", "2024-01-02 03:04:05.25"),
	time.parse_ns("Jan __2 2006 MST", "Jan   2 2024 GMT+3"),
	time.parse_ns("RFC3339", "2024-01-02T08:34:05+05:30"),
]

units := [units.parse("1.5e3Ki"), units.parse_bytes("2e1eib"), to_number("-inf")]
