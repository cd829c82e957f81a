package importer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// TestPDFLayouts prints a 70-market review in two of the layouts real reports use (numbered
// headings and printed page numbers; neither) and checks every market's name, place, domains
// and page, the counts the report states, and that hyphenated words stay hyphenated.
func TestPDFLayouts(t *testing.T) {
	for i, l := range []reportpdf.Layout{
		{Year: 2024, NumberedHeads: true, StateCounts: true, OnlineMarkets: 40, PhysicalPerLand: 5},
		{Year: 2022, NoPageNumbers: true, OnlineMarkets: 40, PhysicalPerLand: 5},
	} {
		// Short names: Chromium's socket path, below the test's temporary folder, has a limit.
		t.Run([]string{"numbered", "plain"}[i], func(t *testing.T) {
			f := reportpdf.USTR(l)
			pages, err := pdftext.Read(reportpdf.Print(t, "layout", f.Pages))
			if err != nil {
				t.Fatal(err)
			}
			r, err := report.Parse(pages)
			if err != nil {
				t.Fatal(err)
			}
			checkLayout(t, r, f, l)
		})
	}
}

// TestTextLayouts reads the same reports as text (no Chromium needed).
func TestTextLayouts(t *testing.T) {
	l := reportpdf.Layout{Year: 2024, NumberedHeads: true, StateCounts: true, OnlineMarkets: 40, PhysicalPerLand: 5}
	f := reportpdf.USTR(l)
	r, err := report.Parse(pdftext.Split(f.Text()))
	if err != nil {
		t.Fatal(err)
	}
	checkLayout(t, r, f, l)
}

func checkLayout(t *testing.T, r *report.Report, f reportpdf.Fixture, l reportpdf.Layout) {
	t.Helper()
	if len(r.Markets) != len(f.Markets) || len(r.Unreadable) > 0 || len(r.Notes) > 0 {
		t.Errorf("%d markets (want %d), unreadable %v, notes %v", len(r.Markets), len(f.Markets), r.Unreadable, r.Notes)
	}
	for i := range min(len(r.Markets), len(f.Markets)) {
		g, w := r.Markets[i], f.Markets[i]
		if g.Name != w.Name || g.Kind != w.Kind || g.Country != w.Country || g.City != w.City || g.Page != w.Page || !slices.Equal(g.Domains, w.Domains) {
			t.Errorf("market %d:\n got %q %s %s %q %d %v\nwant %q %s %s %q %d %v", i, g.Name, g.Kind, g.Country, g.City, g.Page, g.Domains,
				w.Name, w.Kind, w.Country, w.City, w.Page, w.Domains)
		}
		if g.Kind == "online" && (!strings.Contains(g.Text, "copyright-protected") || strings.Contains(g.Text, "copyrightprotected")) {
			t.Errorf("market %d: a hyphenated word lost its hyphen: %q", i, g.Text)
		}
	}
	// Three unnumbered front pages (title, contents) come before printed page 1.
	if want := map[bool]int{false: 3, true: 0}[l.NoPageNumbers]; r.PageOffset != want {
		t.Errorf("page offset %d, want %d", r.PageOffset, want)
	}
	switch c := r.Counts; {
	case !l.StateCounts && c != nil:
		t.Errorf("counts %+v read from a report that states none", c)
	case l.StateCounts && (c == nil || c.Online != l.OnlineMarkets || c.Physical != 6*l.PhysicalPerLand):
		t.Errorf("counts %+v, want %d online and %d physical", c, l.OnlineMarkets, 6*l.PhysicalPerLand)
	}
}
