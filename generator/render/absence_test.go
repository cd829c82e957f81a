package render

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/model"
)

// absenceSite: Shop is listed by USTR in 2019; a source says the 2020 and 2021 editions, both
// partly recorded, do not list it.
func absenceSite() *model.Site {
	entry := dataset.Entry{Market: "shop", Section: "Online Markets", Summary: "Reported.", Sources: []string{"https://news.example.org/2019"}}
	set := &dataset.Set{
		Publishers: []*dataset.Publisher{{ID: "ustr", Short: "USTR", Name: "USTR office", List: "Notorious Markets List"}},
		Markets: []*dataset.Market{{Slug: "shop", Name: "Shop", Kind: dataset.Online, Absences: []dataset.Absence{{
			Editions: []string{"ustr-2020", "ustr-2021"}, Note: "Reported as *removed* in 2020.",
			Sources: []string{"https://www.news.example.org/removed"},
		}}}},
		Editions: []*dataset.Edition{
			{Publisher: "ustr", Year: 2019, Title: "2019 Review", URL: "https://ustr.example.org/2019", Entries: []dataset.Entry{entry}},
			{Publisher: "ustr", Year: 2020, Title: "2020 Review", URL: "https://ustr.example.org/2020"},
			{Publisher: "ustr", Year: 2021, Title: "2021 Review", URL: "https://ustr.example.org/2021"},
		},
	}
	return model.Build(set)
}

// TestAbsenceFront: a market's page cites its sourced absences as it cites a listing: the
// timeline's list, one history item for the statement, and the status of a latest edition
// that a source (not a complete section) says does not list it.
func TestAbsenceFront(t *testing.T) {
	site := absenceSite()
	p := marketFront(site, site.Markets[0], nil)
	abs := p.Params.Timeline.Absences
	if len(abs) != 1 || abs[0].Years != "2020–2021" || len(abs[0].Editions) != 2 || abs[0].Sources[0].Name != "news.example.org" {
		t.Fatalf("timeline absences %+v, want one for 2020–2021 citing news.example.org", abs)
	}
	var absent []historyItem
	for _, h := range p.Params.History {
		if h.Absent {
			absent = append(absent, h)
		}
	}
	if len(absent) != 1 || absent[0].Year != 2021 || absent[0].Years != "2020–2021" || !strings.Contains(absent[0].SummaryHTML, "<em>removed</em>") {
		t.Errorf("history absences %+v, want one item at 2021 with the note", absent)
	}
	if p.Params.History[0].Year != 2021 || !p.Params.History[0].Absent {
		t.Error("the absence, newest, should head the history")
	}
	st := p.Params.Status[0]
	if st.Latest != "not-listed" || len(st.LatestSources) != 1 || st.LatestSources[0].URL != "https://www.news.example.org/removed" {
		t.Errorf("status %+v, want not listed in the latest edition, citing the source", st)
	}
	y := yearFront(site, site.Years[1])
	if len(y.Params.Listing) != 1 || len(y.Params.Listing[0].Absent) != 1 || y.Params.Listing[0].Absent[0].Slug != "shop" {
		t.Errorf("2020 year page absences: %+v", y.Params.Listing)
	}
}
