package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// TestDressedLayouts sets one roster of 44 markets in every pair of layout options at least
// once (a covering array over publisher style, table of contents, numbering, columns, entry
// form, physical form, country headings, page numbers and footnotes), prints them all with one
// run of Chromium with each family in its own dress, and requires the same (name, domains, kind, country, city) set from every
// layout, the developments apart, the stated counts found, and nothing left to check.
func TestDressedLayouts(t *testing.T) {
	var books []reportpdf.Book
	var names []string
	for i, r := range reportpdf.Pairwise(reportpdf.Factors) {
		books = append(books, reportpdf.Dressed(reportpdf.DressOf(r)))
		names = append(names, fmt.Sprintf("pairwise-%02d-%s", i, books[i].Dress.Style))
	}
	// Each family in its own dress too.
	for _, f := range reportpdf.Families {
		books = append(books, reportpdf.Dressed(f.Dress))
		names = append(names, "family-"+f.Name)
	}
	pdf, ranges := reportpdf.PrintBooks(t, "dressed", books)
	for i, b := range books {
		t.Run(names[i], func(t *testing.T) {
			pages, err := pdftext.ReadRange(pdf, ranges[i][0], ranges[i][1])
			if err != nil {
				t.Fatal(err)
			}
			ty, err := pdftext.ReadTypography(pdf, ranges[i][0], ranges[i][1])
			if err != nil {
				t.Fatal(err)
			}
			var h report.Hints
			if ty != nil {
				h = report.Hints{Strong: ty.Strong, Leads: ty.Leads, Outline: ty.Outline}
			}
			r, err := report.ParseWith(pages, h)
			if err != nil {
				t.Fatal(err)
			}
			checkDressed(t, b, r)
			// Without the typography (a text copy) some layouts lose their run-in names, but
			// never silently: found differs from stated, or a section is left to check.
			if r, err := report.Parse(pages); err == nil && !sameMarkets(b, r) && !warned(r) {
				t.Errorf("%+v: read from the text alone, markets were lost without a warning", b.Dress)
			}
		})
	}
}

// marketKey is what every layout must read the same: the name in any case (a layout may set
// names in capitals), domains, kind, country and city.
func marketKey(name string, domains []string, kind, country, city string) string {
	return strings.ToUpper(name) + " | " + strings.Join(domains, " ") + " | " + kind + " | " + country + " | " + strings.ToUpper(city)
}

func checkDressed(t *testing.T, b reportpdf.Book, r *report.Report) {
	t.Helper()
	var want, got, wantDev, gotDev []string
	for _, m := range b.Markets {
		want = append(want, marketKey(m.Name, m.Domains, m.Kind, m.Country, m.City))
	}
	for _, m := range r.Markets {
		if m.Development {
			gotDev = append(gotDev, strings.ToUpper(m.Name))
			continue
		}
		got = append(got, marketKey(m.Name, m.Domains, m.Kind, m.Country, m.City))
	}
	for _, d := range b.Developments {
		wantDev = append(wantDev, strings.ToUpper(d))
	}
	slices.Sort(want)
	slices.Sort(got)
	slices.Sort(wantDev)
	slices.Sort(gotDev)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%+v: missing %s", b.Dress, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("%+v: read %s", b.Dress, g)
		}
	}
	if !slices.Equal(gotDev, wantDev) {
		t.Errorf("%+v: developments %v, want %v", b.Dress, gotDev, wantDev)
	}
	if c := r.Counts; c == nil || c.Online != b.Online || c.Physical != b.Physical {
		t.Errorf("%+v: counts %+v, want %d online and %d physical", b.Dress, c, b.Online, b.Physical)
	}
	if r.Year != b.Year {
		t.Errorf("%+v: year %d, want %d", b.Dress, r.Year, b.Year)
	}
	for _, n := range append(r.Unreadable, r.Notes...) {
		t.Errorf("%+v: to check: %s", b.Dress, n)
	}
}

// TestOutline reads a report whose structure comes from its outline (bookmarks) alone: the
// bold type is not read, the table of contents lists sections only (not the country headings),
// and the two columns break headings over lines, which the text alone misreads.
func TestOutline(t *testing.T) {
	b := reportpdf.Dressed(reportpdf.Dress{Style: reportpdf.EU2020, TOC: reportpdf.TOCSections, Numbered: true, Columns: true,
		Entry: reportpdf.EntryHeading, Physical: reportpdf.PhysParen, CountryHead: true, PageNumbers: true})
	pdf := reportpdf.PrintOutlined(t, "outline", b.Pages)
	pages, err := pdftext.Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	ty, err := pdftext.ReadTypography(pdf, 0, 0)
	if err != nil || ty == nil {
		t.Fatalf("typography: %v", err)
	}
	if len(ty.Outline) < len(b.Markets) {
		t.Fatalf("outline of %d items, want one per heading: %q", len(ty.Outline), ty.Outline)
	}
	r, err := report.ParseWith(pages, report.Hints{Outline: ty.Outline})
	if err != nil {
		t.Fatal(err)
	}
	checkDressed(t, b, r)
}

// sameMarkets reports whether a report read the book's listed markets.
func sameMarkets(b reportpdf.Book, r *report.Report) bool {
	var want, got []string
	for _, m := range b.Markets {
		want = append(want, marketKey(m.Name, m.Domains, m.Kind, m.Country, m.City))
	}
	for _, m := range r.Markets {
		if !m.Development {
			got = append(got, marketKey(m.Name, m.Domains, m.Kind, m.Country, m.City))
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	return slices.Equal(want, got)
}

// warned reports whether the accounting tells the reviewer something is wrong: found differs
// from the stated counts, or something is left to check.
func warned(r *report.Report) bool {
	online, physical := 0, 0
	for _, m := range r.Markets {
		switch {
		case m.Development:
		case m.Kind == "physical":
			physical++
		default:
			online++
		}
	}
	return r.Counts == nil || r.Counts.Online != online || r.Counts.Physical != physical || len(r.Unreadable) > 0 || len(r.Notes) > 0
}
