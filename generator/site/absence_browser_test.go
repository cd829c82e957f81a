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
)

// TestCheckCitesAbsence: where a source, not a fully recorded section, says the latest edition
// does not list a market, check.json carries that source and the check shows it as a link
// (issue 26). The fixture's USTR 2025 is partly recorded; a source here says it does not list
// Bücherpiraten, listed in 2024.
func TestCheckCitesAbsence(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := sitefiles.CopyTree("testdata/data", data); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(data, "markets", "buecher-piraten.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("absences:\n- editions: [ustr-2025]\n  note: Reported as taken off the list.\n  sources: [https://news.example.net/buecher-gone]\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s := sitetest.Build(t, sitetest.Options{Data: data})
	index := s.Read(t, "check.json")
	sitetest.Contains(t, "check.json", index, `"latest_sources":[{"name":"news.example.net","url":"https://news.example.net/buecher-gone"}]`)

	base := browser.Serve(t, s.Public, nil)
	ctx, console := browser.Start(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.check.ready"))); err != nil {
		t.Fatal(err)
	}
	got := ask(t, ctx, "#check-q", "#check-answer", "bücher-piraten.de", true)
	for _, want := range []string{"Formerly listed: Bücherpiraten", "absent from the latest edition (2025)", "Sources of this absence: news.example.net."} {
		if !strings.Contains(got, want) {
			t.Errorf("answer %q\nwant it to contain %q", got, want)
		}
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#check-answer .status a").getAttribute("href")`))
	if err != nil || href != "https://news.example.net/buecher-gone" {
		t.Errorf("source link %q, %v", href, err)
	}
	if p := console.Problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}
