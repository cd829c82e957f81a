package render

import "testing"

func TestAZLetter(t *testing.T) {
	for name, want := range map[string]string{
		"Taobao": "T", "the Pirate Bay": "T", "Électro Market": "E", "Ölüdeniz Bazaar": "O",
		"1337x": "1", "123movies": "1", "¿Qué?": "Q", "★": "#", "": "#",
	} {
		if got := azLetter(name); got != want {
			t.Errorf("azLetter(%q) = %q, want %q", name, got, want)
		}
	}
}
