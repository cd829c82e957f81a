package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// TestRealNames: data/place-names.yaml reads without problems, names only cities of markets,
// gives every named city a name in each language of the site with its source, and has the
// names the review asked for (北京, 曼谷, Moscú).
func TestRealNames(t *testing.T) {
	dir := filepath.Join("..", "..", "data")
	names, problems := LoadNames(dir)
	if len(problems) > 0 {
		t.Fatalf("data/place-names.yaml: %v", problems)
	}
	set, problems, err := dataset.Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if ps := CheckNames(names, set); len(ps) > 0 {
		t.Errorf("CheckNames: %v", ps)
	}
	if len(names) < 30 {
		t.Errorf("%d cities named, want the 34 that CLDR and Natural Earth name", len(names))
	}
	for k, c := range names {
		for lang := range place.Languages {
			if c.Names[lang] == "" || c.Sources[lang] == "" {
				t.Errorf("%s: no name or source in %s", k, lang)
			}
		}
	}
	for _, w := range []struct{ country, city, lang, want string }{
		{"CN", "Beijing", "zh-hans", "北京"},
		{"CN", "Beijing", "de", "Peking"},
		{"TH", "Bangkok", "zh-hans", "曼谷"},
		{"RU", "Moscow", "es", "Moscú"},
		{"KR", "Seoul", "fr", "Séoul"},
		{"MX", "Mexico City", "de", "Mexiko-Stadt"},
		{"CN", "Guangzhou", "zh-hans", "广州"}, // 廣州 in Natural Earth, simplified by opencc-js
		{"PK", "Karachi and Lahore", "de", "Karatschi und Lahore"},
		{"PK", "Karachi and Lahore", "zh-hans", "卡拉奇和拉合尔"},
		{"CN", "Yiwu", "zh-hans", ""}, // no source names it: it keeps its spelling
	} {
		if got := names.Name(w.country, w.city, w.lang); got != w.want {
			t.Errorf("%s (%s) in %s = %q, want %q", w.city, w.country, w.lang, got, w.want)
		}
	}
}

// TestBadNames: each broken entry is a problem naming file, line and field.
func TestBadNames(t *testing.T) {
	dir := t.TempDir()
	const file = `- city: Bangkok
  country: TH
  names:
    zh-hans: 曼谷
    it: Bangkok
  sources:
    zh-hans: cldr 48.2.0 Asia/Bangkok
    it: wikipedia
- city: Lima
  country: PE
  names:
    es: Lima
  sources:
    es: a guess
    fr: cldr 48.2.0 America/Lima
- city: Bangkok
  country: TH
- city: Nowhere
  country: FR
  names:
    fr: Nulle part
  sources:
    fr: natural-earth ne_id 1 (Q1)
- town: Oops
`
	if err := os.WriteFile(filepath.Join(dir, NamesFile), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	names, problems := LoadNames(dir)
	set := &dataset.Set{Markets: []*dataset.Market{
		{Slug: "mbk", Name: "MBK", Country: "TH", City: "Bangkok"},
		{Slug: "gamarra", Name: "Gamarra", Country: "PE", City: "Lima"},
	}}
	problems = append(problems, CheckNames(names, set)...)
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	path := filepath.Join(dir, NamesFile)
	want := []string{
		path + ":5: [0].names.it: is not a language of the site (es, fr, de, zh-hans)",
		path + `:8: [0].sources.it: is required: "cldr <version> <zone>" or "natural-earth ne_id <id> …"`,
		path + `:14: [1].sources.es: is required: "cldr <version> <zone>" or "natural-earth ne_id <id> …"`,
		path + ":15: [1].sources.fr: names no name",
		path + ":16: [2].city: Bangkok (TH) is already named at line 1",
		path + ":24: [4]: must be a city (city, country, names, sources): ",
		path + `:18: city: no market in data/markets/ has city "Nowhere" and country FR`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
}
