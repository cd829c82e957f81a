package report_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// FuzzParse reads any text as a report, seeded with the test reports: the parser never
// panics, and what it returns holds together (a named market of a known kind, on a page, in a
// section; domains in lower case; counts only as the report states them).
//
//	go test ./generator/importer/report -run '^$' -fuzz FuzzParse -fuzztime 3m
//
// countVerb is how a report's count sentence opens.
var countVerb = regexp.MustCompile(`(?i)^(identifies|names|lists|includes|contains|highlights)\s`)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		text, _, _ := strings.Cut(string(b), "\n=== ")
		f.Add(strings.ReplaceAll(text, "\n^L\n", "\n\f"))
	}
	for _, l := range []reportpdf.Layout{
		{Year: 2024, NumberedHeads: true, StateCounts: true, OnlineMarkets: 6, PhysicalPerLand: 2},
		{Year: 2021, NoPageNumbers: true, OnlineMarkets: 4, PhysicalPerLand: 1},
	} {
		f.Add(reportpdf.USTR(l).Text())
	}
	for _, row := range [][]int{{4, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 0, 0, 0, 2, 2, 0, 0, 0}} {
		f.Add(reportpdf.Dressed(reportpdf.DressOf(row)).Text())
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := report.Parse(pdftext.Split(text))
		if err != nil {
			return
		}
		if r.Publisher != "ustr" && r.Publisher != "eu" || r.Pages < 1 {
			t.Fatalf("publisher %q, %d pages", r.Publisher, r.Pages)
		}
		for _, m := range r.Markets {
			if strings.TrimSpace(m.Name) == "" || m.Kind != "online" && m.Kind != "physical" || m.Section == "" || m.Page < 1 {
				t.Fatalf("market %+v", m)
			}
			for _, d := range m.Domains {
				if d != strings.ToLower(d) || strings.ContainsAny(d, " /") {
					t.Fatalf("domain %q of %q", d, m.Name)
				}
			}
		}
		if c := r.Counts; c != nil && (c.Online < 0 || c.Physical < 0 || !countVerb.MatchString(c.Phrase)) {
			t.Fatalf("counts %+v", c)
		}
	})
}
