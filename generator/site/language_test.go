package site

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// realSite is the site built from data/ with the hand-written pages, every language, shared
// by the tests that only read it.
func realSite(t *testing.T) *sitetest.Site {
	return sitetest.Shared(t, sitetest.Options{HandWritten: true})
}

// langPrefix is where a language's pages are below the site's root.
func langPrefix(lang string) string {
	if lang == "en" {
		return ""
	}
	return lang + "/"
}

// i18nText returns an i18n value as a string: a plain one, or a plural's "other" form.
func i18nText(v any) string {
	if m, ok := v.(map[string]any); ok {
		v = m["other"]
	}
	s, _ := v.(string)
	return s
}

// placeholderExamples returns the examples a placeholder suggests: the words after its "e.g."
// (up to the first item's last space or full-width colon), separated by the language's
// list_separator.
func placeholderExamples(placeholder, separator string) []string {
	items := strings.Split(placeholder, separator)
	cut := strings.LastIndex(items[0], " ") + 1
	if i := strings.LastIndex(items[0], "："); i >= 0 && i+len("：") > cut { // Chinese "例如：淘宝"
		cut = i + len("：")
	}
	items[0] = items[0][cut:]
	return items
}

// TestPlaceholderExamplesFind types each example a language's search box suggests into that
// language's search page (and the name the check box suggests into its check) on the site
// built from data/, and expects at least one market for each: an example that finds nothing
// teaches a reader that the search does not work.
func TestPlaceholderExamplesFind(t *testing.T) {
	langs, _ := siteLanguages(t)
	s := realSite(t)
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	for _, lang := range langs {
		tr := translations(t, lang)
		t.Run(lang, func(t *testing.T) {
			examples := placeholderExamples(i18nText(tr["search_placeholder"]), i18nText(tr["list_separator"]))
			if len(examples) < 2 {
				t.Fatalf("search_placeholder %q: want examples separated by list_separator %q", i18nText(tr["search_placeholder"]), i18nText(tr["list_separator"]))
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+langPrefix(lang)+"search/"), chromedp.WaitVisible(chromedp.CSS("form.search.ready"))); err != nil {
				t.Fatal(err)
			}
			for _, ex := range examples {
				if strings.ContainsAny(ex, " ,、") || ex == "" {
					t.Errorf("search_placeholder: example %q is not one word", ex)
					continue
				}
				got := ask(t, ctx, "#search-q", "#search-results", ex, true)
				n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results li.market-item").length`))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("search %q: %d markets: %.120s", ex, n, got)
				if n == 0 {
					t.Errorf("%s: the search placeholder suggests %q, which finds no market: %s", lang, ex, got)
				}
			}
			// Whole category names with their short words ("de", "en", "la"), as the
			// reviewers typed them.
			for _, q := range wholeCategoryNames[lang] {
				got := ask(t, ctx, "#search-q", "#search-results", q, true)
				n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results li.market-item").length`))
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					t.Errorf("%s: the category name %q finds no market: %s", lang, q, got)
				}
			}
			// The check box's example name: its last word.
			check := i18nText(tr["check_placeholder"])
			// the last word; Chinese writes "或淘宝" ("or Taobao") without a space (i18n/README.md)
			name := strings.TrimPrefix(check[strings.LastIndex(check, " ")+1:], "或")
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+langPrefix(lang)), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
				t.Fatal(err)
			}
			got := ask(t, ctx, "#check-q", "#check-answer", name, true)
			href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#check-answer a[href*='/markets/']") || {}).href || ""`))
			if err != nil {
				t.Fatal(err)
			}
			if href == "" {
				t.Errorf("%s: the check placeholder suggests %q, which finds no market: %s", lang, name, got)
			}
		})
	}
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}

// wholeCategoryNames are translated category names of markets in data/, typed whole.
var wholeCategoryNames = map[string][]string{
	"es": {"Biblioteca en la sombra", "Sitio de descargas", "Índice de torrents"},
	"fr": {"Index de torrents", "Site de téléchargement"},
}

// removedEnglish are English words the templates and the generator used to write on every
// language's pages, before they went through i18n/.
var removedEnglish = []string{"No country stated", "other countries", "1 other country", "Page not found"}

// englishPhrases lists the English UI's phrases: each i18n/en.toml value cut at its fields and
// markup, keeping the parts of three words or more, which no translated page should show.
func englishPhrases(t *testing.T) []string {
	// names the English itself marks as English, such as the lists' names, are not UI words
	names := regexp.MustCompile(`<(\w+) lang="en">[^<]*</(\w+)>`)
	cut := regexp.MustCompile(`\{\{[^}]*\}\}|\{[a-z]+\}|<[^>]*>|[“”"«»()]`)
	set := map[string]bool{}
	for _, v := range translations(t, "en") {
		var values []string
		if m, ok := v.(map[string]any); ok {
			for _, f := range m {
				values = append(values, i18nText(f))
			}
		} else {
			values = append(values, i18nText(v))
		}
		for _, s := range values {
			for _, part := range cut.Split(names.ReplaceAllString(s, "{name}"), -1) {
				part = strings.Trim(strings.TrimSpace(part), ".,;:!?–-·… ")
				if len(strings.Fields(part)) >= 2 {
					set[part] = true
				}
			}
		}
	}
	for _, s := range removedEnglish {
		set[s] = true
	}
	// Names a translation marks as English (<em lang="en">Notorious Markets List</em>) are names.
	langs, _ := siteLanguages(t)
	for _, lang := range langs {
		for _, v := range translations(t, lang) {
			for _, m := range names.FindAllStringSubmatch(i18nText(v), -1) {
				delete(set, regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[0], ""))
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// readerText returns what a reader sees of an HTML page, outside elements marked lang="en"
// (the data's names and summaries): its text, and the attributes browsers show or read out.
func readerText(b []byte) ([]string, error) {
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return nil, err
	}
	var out []string
	add := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			out = append(out, s)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if l, ok := attr["lang"]; ok && (l == "en" || strings.HasPrefix(l, "en-")) && n.Data != "html" {
				return
			}
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, k := range []string{"title", "alt", "aria-label", "placeholder"} {
				add(attr[k])
			}
			if n.Data == "meta" && (attr["name"] == "description" || strings.HasPrefix(attr["property"], "og:")) && !strings.HasPrefix(attr["content"], "http") {
				add(attr["content"])
			}
			if s := attr["data-strings"]; s != "" { // the check's words, shown by its script
				var m map[string]string
				if err := json.Unmarshal([]byte(s), &m); err != nil {
					return
				}
				for _, k := range slices.Sorted(maps.Keys(m)) {
					add(m[k])
				}
			}
		}
		if n.Type == html.TextNode {
			add(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out, nil
}

// TestNoEnglishOnTranslatedPages builds every language from data/ and fails on any phrase of
// the English UI (i18n/en.toml, and the words templates used to hard-code) that a page in
// another language shows outside the data marked lang="en".
func TestNoEnglishOnTranslatedPages(t *testing.T) {
	langs, _ := siteLanguages(t)
	phrases := englishPhrases(t)
	if len(phrases) < 200 || !slices.Contains(phrases, "No country stated") {
		t.Fatalf("%d English phrases: is i18n/en.toml read?", len(phrases))
	}
	// The check must be able to fail: a page with an English phrase outside lang="en".
	if seen, _ := readerText([]byte(`<html lang="es"><p>Hola</p><p lang="en">Built from the published watchlists</p><svg><title>No country stated, 2024</title></svg></html>`)); !slices.Contains(seen, "No country stated, 2024") || slices.Contains(seen, "Built from the published watchlists") {
		t.Fatalf("readerText = %q: want the SVG title, not the lang=en paragraph", seen)
	}
	if wordIndex("Städte in allen Sprachen", "in all") >= 0 || wordIndex("x, in all, y", "in all") != 3 {
		t.Fatal("wordIndex must match whole words only")
	}
	// data/ with the hand-written pages, and the fixture, which has a market without a country
	for _, s := range []*sitetest.Site{realSite(t), fixture(t)} {
		noEnglish(t, s, langs, phrases)
	}
}

// noEnglish checks one build's pages in every language but English for the English phrases.
func noEnglish(t *testing.T, s *sitetest.Site, langs, phrases []string) {
	for _, lang := range langs {
		if lang == "en" {
			continue
		}
		// Every piece of text once, with the first page that shows it.
		where := map[string]string{}
		pages := 0
		err := filepath.WalkDir(filepath.Join(s.Public, lang), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			seen, err := readerText(b)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			rel, _ := filepath.Rel(s.Public, p)
			for _, x := range seen {
				if _, ok := where[x]; !ok {
					where[x] = rel
				}
			}
			pages++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages < 10 {
			t.Fatalf("%s: only %d pages built", lang, pages)
		}
		texts := slices.Sorted(maps.Keys(where))
		all := "\x00" + strings.Join(texts, "\x00") + "\x00"
		found := 0
		for _, ph := range phrases {
			if slices.Contains(sameWords[lang], ph) || slices.Contains(sameWords[""], ph) {
				continue
			}
			i := wordIndex(all, ph)
			if i < 0 {
				continue
			}
			start := strings.LastIndexByte(all[:i], 0) + 1
			end := i + strings.IndexByte(all[i:], 0)
			seg := all[start:end]
			if found++; found <= 40 {
				t.Errorf("%s: English %q on %s (outside lang=\"en\"): %q", lang, ph, where[seg], seg)
			}
		}
		if found > 40 {
			t.Errorf("%s: %d English phrases in all", lang, found)
		}
		t.Logf("%s: %d pages, %d distinct texts, %d English phrases checked", lang, pages, len(texts), len(phrases))
	}
}

// sameWords are English UI phrases that a language writes the same way, and under "" those
// that are no language's words (a licence's short name).
var sameWords = map[string][]string{
	"": {"CC BY 4.0"},
}

// wordIndex is the index of the first occurrence of phrase in s that starts and ends at a word
// boundary ("in all" is not in "in allen"), or -1.
func wordIndex(s, phrase string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(phrase):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return i
		}
		off = i + 1
	}
}

// TestFirstOfMonthDates reads a date on the first of a month (the EU list of 2022, published
// 1 December 2022 in data/) on the year's page in each language: French writes "1er".
func TestFirstOfMonthDates(t *testing.T) {
	s := realSite(t)
	for lang, want := range map[string]string{
		"en": "1 December 2022", "es": "1 de diciembre de 2022", "fr": "1er décembre 2022",
		"de": "1. Dezember 2022", "zh-hans": "2022 年 12 月 1 日",
	} {
		page := s.Read(t, langPrefix(lang)+"years/2022/index.html")
		if !strings.Contains(page, want) {
			t.Errorf("%s/years/2022/: no %q", lang, want)
		}
		if lang == "fr" && strings.Contains(page, " 1 décembre") {
			t.Errorf("fr/years/2022/: %q, want %q", "1 décembre", want)
		}
	}
}

// TestChinesePunctuation reads the Chinese home and market pages of the fixture: lists are
// joined with 、, no space comes after a full stop or before a full-width parenthesis, a space
// comes between Han and Latin text or digits, and the publishers have their Chinese names.
func TestChinesePunctuation(t *testing.T) {
	s := fixture(t)
	home := s.Read(t, "zh-hans/index.html")
	sitetest.Contains(t, "zh-hans/index.html", home,
		`<h3>美国贸易代表办公室：<span lang=en>Notorious Markets List</span></h3>`,
		`发布于 2026 年 1 月 29 日。<a href=/zh-hans/years/2025/>`)
	market := s.Read(t, "zh-hans/markets/taobao/index.html")
	sitetest.Contains(t, "zh-hans/markets/taobao/index.html", market, `<dd>2024–2025<span class=meta>（2 版）</span></dd>`, `<dd><span lang=zh>淘宝</span>、<span lang=en>Taobao Marketplace</span></dd>`,
		"列入年份 2024、2025", "<td>2024、2025</td>")
	for _, bad := range []string{"。 <a", " <span class=meta>（", "淘宝, ", "2024, 2025"} {
		if strings.Contains(home+market, bad) {
			t.Errorf("zh-hans: %q on the home or Taobao page", bad)
		}
	}
}
