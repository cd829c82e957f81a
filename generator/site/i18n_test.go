package site

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

// siteLanguages returns the language keys of hugo.toml and the default one.
func siteLanguages(t *testing.T) (langs []string, def string) {
	t.Helper()
	var cfg struct {
		DefaultContentLanguage string         `toml:"defaultContentLanguage"`
		Languages              map[string]any `toml:"languages"`
	}
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("hugo.toml: %v", err)
	}
	return slices.Sorted(maps.Keys(cfg.Languages)), cfg.DefaultContentLanguage
}

// translations reads i18n/<lang>.toml: each key with its text, or its plural forms.
func translations(t *testing.T, lang string) map[string]any {
	t.Helper()
	path := filepath.Join(sitetest.Root(t), "i18n", lang+".toml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("language %s has no translations: %v", lang, err)
	}
	m := map[string]any{}
	if err := toml.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// TestTranslationsComplete: every string of i18n/en.toml is in every other language's file, and
// no language has a string English lacks (a misspelt key). The build test catches strings a
// template uses but no file has (sitetest.Build fails on Hugo's missing-translation warnings).
func TestTranslationsComplete(t *testing.T) {
	langs, def := siteLanguages(t)
	if def != "en" || len(langs) < 2 {
		t.Fatalf("hugo.toml: default language %q, languages %v", def, langs)
	}
	en := translations(t, "en")
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		tr := translations(t, lang)
		for k, v := range en {
			got, ok := tr[k]
			if !ok {
				t.Errorf("i18n/%s.toml has no %q (English: %v)", lang, k, v)
				continue
			}
			if s, ok := got.(string); ok && strings.TrimSpace(s) == "" {
				t.Errorf("i18n/%s.toml: %q is empty", lang, k)
			}
			if forms, ok := got.(map[string]any); ok && forms["other"] == nil {
				t.Errorf("i18n/%s.toml: %q has no \"other\" form", lang, k)
			}
		}
		for k := range tr {
			if _, ok := en[k]; !ok {
				t.Errorf("i18n/%s.toml has %q, which i18n/en.toml does not", lang, k)
			}
		}
	}
	t.Logf("%d strings in each of %d languages", len(en), len(langs))
}

// TestLanguagesAgree: the languages of hugo.toml, the generator's country-name languages and the
// translated hand-written pages are the same, so no language lacks a country name or a page.
func TestLanguagesAgree(t *testing.T) {
	langs, _ := siteLanguages(t)
	others := slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return l == "en" })
	if got := slices.Sorted(maps.Keys(place.Languages)); !slices.Equal(got, others) {
		t.Errorf("generator/place.Languages = %v, hugo.toml's languages other than English = %v", got, others)
	}
	root := filepath.Join(sitetest.Root(t), "content-translations")
	pages := func(lang string) []string {
		var out []string
		filepath.WalkDir(filepath.Join(root, lang), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(filepath.Join(root, lang), p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out
	}
	want := pages(others[0])
	if len(want) == 0 {
		t.Fatalf("content-translations/%s has no pages", others[0])
	}
	for _, lang := range others {
		if got := pages(lang); !slices.Equal(got, want) {
			t.Errorf("content-translations/%s has %v, content-translations/%s has %v", lang, got, others[0], want)
		}
		for _, p := range want {
			if _, err := os.Stat(filepath.Join(sitetest.Root(t), "content", p)); err != nil {
				t.Errorf("content-translations/%s/%s translates no English page: %v", lang, p, err)
			}
		}
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(others, e.Name()) {
			t.Errorf("content-translations/%s is not a language of hugo.toml", e.Name())
		}
	}
}

// TestPublisherNames: every publisher of data/publishers.yaml has its names in every language
// (hugo.toml's translatedPublishers, and the pub_<short> strings TestTranslationsComplete finds
// in every file), and the English ones are the data's.
func TestPublisherNames(t *testing.T) {
	set, problems, err := dataset.Load(filepath.Join(sitetest.Root(t), "data"))
	if err != nil || len(problems) > 0 {
		t.Fatalf("data/: %v %v", err, problems)
	}
	var cfg struct {
		Params struct {
			TranslatedPublishers []string `toml:"translatedPublishers"`
		} `toml:"params"`
	}
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	en := langStrings(translations(t, "en"))
	for _, p := range set.Publishers {
		k := strings.ToLower(p.Short)
		if !slices.Contains(cfg.Params.TranslatedPublishers, k) {
			t.Errorf("publisher %s: not in hugo.toml's translatedPublishers", p.ID)
		}
		if en.one("pub_"+k) != p.Short || en.one("pub_"+k+"_name") != p.Name || en.one("js_list_"+k) != p.Short+" "+p.List {
			t.Errorf("publisher %s: en.toml says %q, %q, %q; data/publishers.yaml %q, %q, %q", p.ID,
				en.one("pub_"+k), en.one("pub_"+k+"_name"), en.one("js_list_"+k), p.Short, p.Name, p.Short+" "+p.List)
		}
	}
	if len(set.Publishers) < 2 {
		t.Fatalf("%d publishers: is data/publishers.yaml read?", len(set.Publishers))
	}
}
