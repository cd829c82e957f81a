package site

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// TestTranslatedSearchWords: in the site built from data/, each language's check.json carries
// the words of the summaries as translated into it (data/translations/), folded as the check
// folds them, beside the English ones, and the search in that language finds a market by a
// word only its translated summaries hold: Fmovies' dismantling, reported in 2024.
func TestTranslatedSearchWords(t *testing.T) {
	s := sitetest.Shared(t, sitetest.Options{})
	words := func(lang, market string) string {
		for _, m := range readIndexAt(t, s, lang).Markets {
			if m.Name == market {
				return " " + m.Words + " "
			}
		}
		t.Fatalf("%s check.json has no %s", lang, market)
		return ""
	}
	english := words("", "Fmovies")
	for _, c := range []struct{ lang, has string }{
		{"fr/", " demantelement "}, // "démantèlement", folded
		{"de/", " zerschlagen "},
		{"zh-hans/", "盗版团伙"}, // a run of Chinese
	} {
		if got := words(c.lang, "Fmovies"); !strings.Contains(got, c.has) || !strings.Contains(got, english) {
			t.Errorf("/%scheck.json Fmovies words = %q\nwant %q in them, after the English words %q", c.lang, got, c.has, english)
		}
		if strings.Contains(english, strings.TrimSpace(c.has)) {
			t.Errorf("/check.json Fmovies words = %q: want no %q in English", english, c.has)
		}
	}
	// English words stay, so an English search finds the market on every page
	if got := words("fr/", "Taobao"); !strings.Contains(got, " counterfeit") || !strings.Contains(got, " contrefacon") {
		t.Errorf("fr Taobao words = %q: want English and French words", got)
	}

	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	for _, c := range []struct {
		lang  string
		cases []askCase
	}{
		{"fr", []askCase{
			{"translated word", "démantèlement", []string{"1 marché trouvé", "Fmovies"}, nil},
			{"translated word, another", "contrefaçon", []string{"marchés trouvés", "AliExpress"}, []string{"Fmovies"}},
		}},
		{"de", []askCase{{"translated word", "zerschlagen", []string{"1 Markt gefunden", "Fmovies"}, nil}}},
		{"zh-hans", []askCase{
			{"translated word", "捣毁", []string{"找到 1 个市场", "Fmovies"}, nil},
			// 团伙 (ring) only inside a run of Chinese: 盗版团伙
			{"translated word inside a run", "团伙", []string{"找到 1 个市场", "Fmovies"}, nil},
		}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+c.lang+"/search/"), chromedp.WaitVisible(chromedp.CSS("form.search.ready"))); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, "#search-q", "#search-results", c.cases)
		})
	}
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}

// readIndexAt reads the check.json of the language below dir ("" for English, "fr/").
func readIndexAt(t *testing.T, s *sitetest.Site, dir string) index {
	var ix index
	if err := json.Unmarshal([]byte(s.Read(t, dir+"check.json")), &ix); err != nil {
		t.Fatalf("%scheck.json: %v", dir, err)
	}
	return ix
}
