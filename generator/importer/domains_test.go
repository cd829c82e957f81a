package importer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

const amazon = `name: Amazon's foreign domains
aliases:
- Amazon
kind: online
categories:
- e-commerce-platform
domains:
  current:
  - amazon.co.uk
sources:
- https://docslib.org/doc/8849066/2019-review
`

// mergeReport is the text of a 2023 review naming Amazon with two domains its file lacks,
// and, as asked, a market with no category in its words and one whose second domain is
// another market's.
func mergeReport(t *testing.T, uncategorised, clash bool) string {
	t.Helper()
	f := reportpdf.USTR(reportpdf.Layout{Year: 2023, NumberedHeads: true, OnlineMarkets: 6, PhysicalPerLand: 1})
	velvet := regexp.MustCompile(`(?s)<h3>Tessera Locker 03 \(tessera03\.cc\)</h3><p>.*?</p>`)
	for i := range f.Pages {
		b := strings.ReplaceAll(f.Pages[i].Body, "Tessera Locker 01 (tessera01.cc)", "Amazon (amazon.ca, amazon.fr)")
		if uncategorised {
			b = strings.ReplaceAll(velvet.ReplaceAllString(b, "<h3>Velvet Arcade (velvetarcade.shop)</h3><p>Right holders report that the site sells fake goods to buyers abroad and ignores their notices.</p>"),
				"Tessera Locker 03 (tessera03.cc)", "Velvet Arcade (velvetarcade.shop)")
		}
		if clash {
			b = strings.ReplaceAll(b, "Tessera Locker 05 (tessera05.cc)", "Shop-o-Rama (shoporama.com.cn, oldlocker.com)")
		}
		f.Pages[i].Body = b
	}
	p := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(p, []byte(f.Text()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mergeData(t *testing.T) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("testdata", "data"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "markets", "amazons-foreign-domains.yaml"), []byte(amazon), 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestMergeNewDomains: a listing-only merge adds the domains the report names for a market in
// data/ to its file, and the report to its sources, every other byte kept, and says so.
func TestMergeNewDomains(t *testing.T) {
	data := mergeData(t)
	res, err := importer.Run(importer.Options{Edition: "ustr-2023", Report: mergeReport(t, false, false), DataDir: data, ListingOnly: true, Merge: true})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(data, "markets", "amazons-foreign-domains.yaml"))
	want := strings.Replace(amazon, "  - amazon.co.uk\n", "  - amazon.co.uk\n  - amazon.ca\n  - amazon.fr\n", 1) + "- https://ustr.example.org/2023.pdf\n"
	if string(got) != want {
		t.Errorf("amazon's file:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Changed) != 1 || !strings.HasPrefix(res.Changed[0], "markets/amazons-foreign-domains.yaml: amazon.ca, amazon.fr added to domains.current (named for Amazon's foreign domains on page ") {
		t.Errorf("changes: %q", res.Changed)
	}
	for _, n := range res.ToCheck() {
		if strings.Contains(n, "amazon") {
			t.Errorf("the added domains are still to check: %s", n)
		}
	}
}

// TestMergeProblems: what the import cannot settle (a new market with no category, a domain
// that is another market's) stops a plain merge, which writes nothing; with KeepProblems the
// merge is written and the problems returned, file:line: field: message.
func TestMergeProblems(t *testing.T) {
	report := mergeReport(t, true, true)
	data := mergeData(t)
	// The uncategorised market is left out of a plain merge, the clash refuses it.
	_, err := importer.Run(importer.Options{Edition: "ustr-2023", Report: report, DataDir: data, ListingOnly: true, Merge: true})
	if err == nil || !strings.Contains(err.Error(), "would not validate, so nothing was written") ||
		!strings.Contains(err.Error(), `markets/shop-o-rama.yaml:7: domains.current[1]: "oldlocker.com" is already a domain of Old Locker`) {
		t.Fatalf("a plain merge with a clash: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(data, "markets", "amazons-foreign-domains.yaml")); string(b) != amazon {
		t.Errorf("a refused merge changed amazon's file")
	}
	res, err := importer.Run(importer.Options{Edition: "ustr-2023", Report: report, DataDir: data, ListingOnly: true, Merge: true, KeepProblems: true})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, strings.TrimPrefix(p.String(), data+string(filepath.Separator)))
	}
	want := []string{
		`markets/shop-o-rama.yaml:7: domains.current[1]: "oldlocker.com" is already a domain of Old Locker (markets/old-locker.yaml): a domain belongs to one market`,
		`markets/velvet-arcade.yaml:1: categories: is required: at least one id from categories.yaml (or categories_not_stated: true where no source states one)`,
	}
	if strings.Join(problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(filepath.Join(data, "markets", "velvet-arcade.yaml")); err != nil {
		t.Errorf("the uncategorised market was not written: %v", err)
	}
}
