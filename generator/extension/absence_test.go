package extension_test

import (
	"slices"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/model"
)

// TestIndexCitesAbsence: where a source, not a fully recorded section, says a list's latest
// edition does not name a market, the index says so with the source (issue 26); a complete
// section needs no source.
func TestIndexCitesAbsence(t *testing.T) {
	one := 1
	set := &dataset.Set{
		Publishers: []*dataset.Publisher{{ID: "ustr", Short: "USTR", List: "Notorious Markets List"}, {ID: "eu", Short: "EU", List: "Watch List"}},
		Markets: []*dataset.Market{
			{Slug: "gone", Name: "Gone", Kind: dataset.Online, Domains: dataset.Domains{Current: []string{"gone-shop.com"}},
				Absences: []dataset.Absence{{Editions: []string{"ustr-2021", "eu-2021"}, Note: "Removed.", Sources: []string{"https://news.example.org/gone"}}}},
			{Slug: "kept", Name: "Kept", Kind: dataset.Online, Domains: dataset.Domains{Current: []string{"kept-shop.com"}}},
		},
		Editions: []*dataset.Edition{
			{Publisher: "ustr", Year: 2020, Entries: []dataset.Entry{{Market: "gone"}, {Market: "kept"}}},
			{Publisher: "eu", Year: 2020, Entries: []dataset.Entry{{Market: "gone"}}},
			{Publisher: "ustr", Year: 2021}, // partly recorded: only the source says Gone is off it
			{Publisher: "eu", Year: 2021, Counts: dataset.Counts{Online: &one}, Entries: []dataset.Entry{{Market: "kept"}}}, // complete
		},
	}
	ix := extension.BuildIndex(model.Build(set), "https://example.org/")
	gone := ix.Entries[0]
	if !slices.Equal(gone.Latest, []string{"not-listed", "not-listed"}) {
		t.Errorf("Gone's latest states %v, want not listed in both", gone.Latest)
	}
	if len(gone.Absent) != 1 || gone.Absent[0].List != 0 || !slices.Equal(gone.Absent[0].Sources, []string{"https://news.example.org/gone"}) {
		t.Errorf("Gone's absences %+v, want USTR's with its source only (EU 2021 is complete)", gone.Absent)
	}
	if kept := ix.Entries[1]; len(kept.Absent) != 0 || kept.Latest[0] != "unknown" {
		t.Errorf("Kept: %+v, want no absence and USTR 2021 unknown", kept)
	}
}
