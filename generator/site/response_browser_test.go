package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// TestCheckShowsResponses: the check's answer says each public response to a market's listings
// in one line, "<by> disputes this listing" or, neutrally, "<by> responded", with the list, the
// year and the sources as links, in the page's language; the status lines stay as they were
// (issue 36). Taobao's response is in its market file, La Salada's in the edition's.
func TestCheckShowsResponses(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := sitefiles.CopyTree("testdata/data", data); err != nil {
		t.Fatal(err)
	}
	appendTo(t, filepath.Join(data, "markets", "taobao.yaml"), `responses:
- date: 2025-01-30
  by: Example Group <b>
  answers: ustr-2024
  disputes: true
  summary: Said the listing ignored its work against counterfeits.
  sources: [https://news.example.net/taobao-reply, https://news.example.org/taobao-reply]
`)
	appendTo(t, filepath.Join(data, "editions", "ustr-2025.yaml"), `responses:
- date: 2026-02
  by: Ministry of Examples
  markets: [la-salada]
  summary: Said it would keep working with right holders.
  sources: [https://news.example.net/ministry]
`)
	// in Chinese, the ministry's response is translated with who responded (`by`): its name
	// meets the sentence with no space, where an English name keeps one
	zh := filepath.Join(data, "translations", "zh-hans", "ustr-2025.yaml")
	if err := os.MkdirAll(filepath.Dir(zh), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zh, []byte("responses:\n  ustr-2025:\n  - sha256: "+translation.Hash("Said it would keep working with right holders.")+
		"\n    text: 表示将继续与权利人合作。\n    by: 示例部\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := sitetest.Build(t, sitetest.Options{Data: data})
	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	for _, c := range []struct {
		lang, text string
		want       []string
	}{
		{"", "taobao.com", []string{"On a current list: Taobao", "Listed in the latest USTR edition (2025).",
			"Example Group <b> disputes this listing (USTR Notorious Markets List, 2024): news.example.net, news.example.org."}},
		{"", "la salada", []string{"On a current list: La Salada", "Ministry of Examples responded to this listing (USTR Notorious Markets List, 2025): news.example.net."}},
		{"fr/", "taobao.com", []string{ // ask folds the no-break space before the colon
			"Example Group <b> conteste cette inscription sur la liste (Notorious Markets List de l’USTR, 2024) : news.example.net, news.example.org."}},
		{"zh-hans/", "la salada", []string{"示例部对此次列入名单作出了回应（美国贸易代表办公室 Notorious Markets List，2025 年）：news.example.net。"}},
		{"zh-hans/", "taobao.com", []string{"Example Group <b> 对此次列入名单提出异议（美国贸易代表办公室 Notorious Markets List，2024 年）："}},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+c.lang), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
			t.Fatal(err)
		}
		got := ask(t, ctx, "#check-q", "#check-answer", c.text, true)
		for _, want := range c.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s%s: answer %q\nwant it to contain %q", c.lang, c.text, got, want)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
		t.Fatal(err)
	}
	ask(t, ctx, "#check-q", "#check-answer", "taobao.com", true)
	links, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#check-answer .answer-response a")].map(a => a.getAttribute("href") + " " + a.rel).join("|")`))
	if want := "https://news.example.net/taobao-reply nofollow noopener noreferrer|https://news.example.org/taobao-reply nofollow noopener noreferrer"; err != nil || links != want {
		t.Errorf("response links %q (%v), want %q", links, err, want)
	}
	// the responder's name is text, never markup
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#check-answer b").length`)); err != nil || n != 0 {
		t.Errorf("%d <b> elements in the answer (%v): data was parsed as HTML", n, err)
	}
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}

// appendTo adds text at the end of a data file.
func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}
