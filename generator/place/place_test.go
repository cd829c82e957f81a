package place

import "testing"

// TestCLDR48Names: renamed countries have their CLDR 48 names in every language, and Hong Kong
// and Macao their short names in de/es/fr, so that lists sort them under H and M.
func TestCLDR48Names(t *testing.T) {
	for _, w := range []struct{ code, lang, want string }{
		{"MK", "en", "North Macedonia"},
		{"MK", "de", "Nordmazedonien"},
		{"MK", "zh-hans", "北马其顿"},
		{"SZ", "en", "Eswatini"},
		{"SZ", "es", "Esuatini"},
		{"HK", "de", "Hongkong"},
		{"HK", "es", "Hong Kong"},
		{"MO", "fr", "Macao"},
		{"HK", "zh-hans", "中国香港特别行政区"}, // as golang.org/x/text has it
		{"TH", "fr", "Thaïlande"},
	} {
		if got := CountryNames(w.code)[w.lang]; got != w.want {
			t.Errorf("CountryNames(%s)[%s] = %q, want %q", w.code, w.lang, got, w.want)
		}
	}
	if got := CountryName("SZ"); got != "Eswatini" {
		t.Errorf("CountryName(SZ) = %q, want Eswatini", got)
	}
	if got := Location("Skopje", "MK"); got != "Skopje, North Macedonia" {
		t.Errorf("Location = %q", got)
	}
	if got := OutlineNames("Indian Ocean Ter.")["de"]; got != "Weihnachtsinsel und Kokosinseln" {
		t.Errorf("OutlineNames(Indian Ocean Ter.)[de] = %q", got)
	}
	if got := OutlineNames("Somaliland"); got["zh-hans"] != "索马里兰" || got["de"] != "" {
		t.Errorf("OutlineNames(Somaliland) = %v, want only its Chinese name", got)
	}
	if got := OutlineNames("N. Cyprus"); got != nil {
		t.Errorf("OutlineNames(N. Cyprus) = %v, want nil: no source read names it", got)
	}
}
