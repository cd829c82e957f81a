package namekey

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Março":        "marco",
		"MARCO":        "marco",
		"OLDLOCKER":    "oldlocker",
		"Old Locker":   "oldlocker",
		"Fíxture Bäy":  "fixturebay",
		"Shop-o-Rama!": "shoporama",
		"淘宝":           "淘宝",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
