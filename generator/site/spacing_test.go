package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// blockTags end a run of text: what a reader sees as one line or paragraph.
var blockTags = map[string]bool{
	"html": true, "head": true, "body": true, "title": true, "p": true, "li": true, "dd": true,
	"dt": true, "td": true, "th": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "caption": true, "figcaption": true, "summary": true, "label": true, "button": true,
	"option": true, "div": true, "section": true, "article": true, "nav": true, "header": true,
	"footer": true, "main": true, "aside": true, "ul": true, "ol": true, "dl": true, "table": true,
	"tr": true, "thead": true, "tbody": true, "form": true, "figure": true, "details": true,
	"br": true, "text": true, "desc": true, "svg": true, "select": true, "input": true,
}

// textRuns returns a page's text as a reader sees it, a run per block (whitespace collapsed
// as a browser does), and the attributes a browser shows or reads out. Text marked with a
// language not the page's, lang="en" (the data: names, titles, summaries) or another (a
// name in its own script, 搜狗MP3), keeps only its first and last characters, joined by
// U+0000, so that where it meets the page's text is checked, not the data itself.
func textRuns(b []byte) ([]string, error) {
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return nil, err
	}
	var runs []string
	var cur strings.Builder
	flush := func() {
		// HTML collapses ASCII whitespace only: a no-break space stays (French before ":")
		if s := strings.TrimSpace(asciiSpace.ReplaceAllString(cur.String(), " ")); s != "" {
			runs = append(runs, s)
		}
		cur.Reset()
	}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var s strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "script" || c.Data == "style") {
				continue
			}
			s.WriteString(text(c))
		}
		return s.String()
	}
	page := "" // the page's language, as <html lang> gives it
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			cur.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, k := range []string{"title", "alt", "aria-label", "placeholder"} {
				if v := attr(n, k); v != "" {
					runs = append(runs, strings.TrimSpace(asciiSpace.ReplaceAllString(v, " ")))
				}
			}
			if n.Data == "meta" && (attr(n, "name") == "description" || strings.HasPrefix(attr(n, "property"), "og:")) && !strings.HasPrefix(attr(n, "content"), "http") {
				runs = append(runs, attr(n, "content"))
			}
			if n.Data == "html" {
				page = attr(n, "lang")
			} else if l := attr(n, "lang"); l != "" && !strings.EqualFold(l, page) {
				s := text(n)
				lead, trail := s != strings.TrimLeft(s, " \t\r\n"), s != strings.TrimRight(s, " \t\r\n")
				s = strings.TrimSpace(asciiSpace.ReplaceAllString(s, " "))
				if r := []rune(s); len(r) > 2 {
					s = string(r[0]) + "\x00" + string(r[len(r)-1])
				}
				if lead {
					s = " " + s
				}
				if trail {
					s += " "
				}
				cur.WriteString(s)
				return
			}
		}
		// a block, or what is set apart as a label or a button (a market's kind, its badge)
		block := n.Type == html.ElementNode && (blockTags[n.Data] || hasClass(n, "badge") || hasClass(n, "meta") || hasClass(n, "button") || hasClass(n, "map-key"))
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(doc)
	flush()
	return runs, nil
}

// hasClass reports whether an element has the class c.
func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), c)
}

var (
	asciiSpace = regexp.MustCompile(`[ \t\n\r\f]+`)
	// Chinese: a space between Han characters and Latin letters or digits, none beside
	// full-width punctuation (i18n/README.md, "Typography").
	hanLatin     = regexp.MustCompile(`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`)
	spacedFull   = regexp.MustCompile(`[。，、；：！？（）“”《》] | [。，、；：！？（）”》]`)
	hanSpaceHan  = regexp.MustCompile(`\p{Han} \p{Han}`)
	spaceBefore  = regexp.MustCompile(`[^\s\x00] [,.;:!?)](\s|$)`)
	spacingLangs = []string{"es", "fr", "de", "zh-hans"}
)

// spacingProblems returns what is wrong with a run of text of a page in a language.
func spacingProblems(lang, run string) []string {
	var out []string
	run = strings.ReplaceAll(run, " · ", "\x01") // a separator between links, spaced in every language
	if lang == "zh-hans" {
		for _, m := range hanLatin.FindAllString(run, -1) {
			out = append(out, "no space in "+m)
		}
		for _, m := range spacedFull.FindAllString(run, -1) {
			out = append(out, "space beside full-width punctuation in "+m)
		}
		for _, m := range hanSpaceHan.FindAllString(run, -1) {
			out = append(out, "space between Han characters in "+m)
		}
	}
	for _, m := range spaceBefore.FindAllString(run, -1) {
		out = append(out, "space before punctuation in "+strings.TrimSpace(m))
	}
	return out
}

// TestSpacing reads every page of the translated sites built from data/ with the hand-written
// pages: no space before a comma or full stop ("Datenabdeckung ,"), and in Chinese a space
// between Han characters and Latin letters or digits and none beside full-width punctuation
// ("。 阅读", "本站从USTR", "数据覆盖情况 会显示").
func TestSpacing(t *testing.T) {
	for run, want := range map[string]int{
		"本站从USTR收录": 2, "被列入 USTR 最新一版（2025 年版）。": 0, "数据截至 2026 年 3 月 3 日。 http": 1,
		"数据覆盖情况 会显示": 1, "die Datenabdeckung , wie viele": 1, "l\x00p ,": 1,
	} {
		if got := spacingProblems("zh-hans", run); len(got) != want {
			t.Fatalf("spacingProblems(%q) = %q: want %d", run, got, want)
		}
	}
	if runs, _ := textRuns([]byte(`<p>被列入<span lang="en">Notorious Markets List</span>。</p>`)); len(runs) != 1 || runs[0] != "被列入N\x00t。" {
		t.Fatalf("textRuns = %q", runs)
	}
	// text in the page's language is read however its lang is written; a name in another is not
	if runs, _ := textRuns([]byte(`<html lang="zh-Hans"><p><b lang="zh-hans">本站从USTR</b>、<span lang="zh">搜狗MP3</span></p></html>`)); len(runs) != 1 || runs[0] != "本站从USTR、搜\x003" {
		t.Fatalf("textRuns = %q", runs)
	}
	s := realSite(t)
	for _, lang := range spacingLangs {
		found := 0
		err := filepath.WalkDir(filepath.Join(s.Public, lang), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			runs, err := textRuns(b)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(s.Public, p)
			for _, run := range runs {
				for _, pr := range spacingProblems(lang, run) {
					if found++; found <= 30 {
						t.Errorf("%s: %s: %q", rel, pr, clip(run))
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if found > 30 {
			t.Errorf("%s: %d spacing problems in all", lang, found)
		}
	}
}

// clip shortens a long run of text for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	return string([]rune(s)[:120]) + "…"
}
