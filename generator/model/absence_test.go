package model_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/model"
)

// absenceSet is a USTR list whose editions are all partly recorded (no official counts): Taobao
// is listed in 2011, a source says it is off the 2012 and 2013 editions, and it is listed in
// 2014; Other Site is listed in 2011 and recorded nowhere after.
func absenceSet() *dataset.Set {
	online := func(slug, name string, absences ...dataset.Absence) *dataset.Market {
		return &dataset.Market{Slug: slug, Name: name, Kind: dataset.Online, Absences: absences}
	}
	entry := func(slug string) dataset.Entry {
		return dataset.Entry{Market: slug, Section: "Online Markets", Summary: "Reported.", Sources: []string{"https://news.example.org/" + slug}}
	}
	edition := func(year int, entries ...dataset.Entry) *dataset.Edition {
		return &dataset.Edition{Publisher: "ustr", Year: year, Title: fmt.Sprint(year, " Review"), Entries: entries}
	}
	return &dataset.Set{
		Publishers: []*dataset.Publisher{{ID: "ustr", Short: "USTR"}},
		Markets: []*dataset.Market{
			online("other", "Other Site"),
			online("taobao", "Taobao", dataset.Absence{
				Editions: []string{"ustr-2012", "ustr-2013"}, Note: "Removed in 2012, back in 2014.",
				Sources: []string{"https://news.example.org/back"},
			}),
		},
		Editions: []*dataset.Edition{
			edition(2011, entry("taobao"), entry("other")),
			edition(2012),
			edition(2013),
			edition(2014, entry("taobao")),
		},
	}
}

func TestSourcedAbsenceInPartlyRecordedEdition(t *testing.T) {
	set := absenceSet()
	site := model.Build(set)
	taobao, other := site.Markets[1], site.Markets[0]
	e2012, e2013, e2014 := site.Editions[1], site.Editions[2], site.Editions[3]
	if model.SectionComplete(e2012, dataset.Online) {
		t.Fatal("fixture: 2012 must be partly recorded")
	}
	if got := e2012.State(taobao); got != model.NotListed {
		t.Errorf("Taobao in 2012: %v, want not listed (a source says so)", got)
	}
	a := e2012.Absence(taobao)
	if a == nil || !slices.Equal(a.Sources, []string{"https://news.example.org/back"}) || a.Edition != e2012 {
		t.Errorf("Taobao's 2012 absence: %+v, want it with its source", a)
	}
	if got := e2012.State(other); got != model.Unknown {
		t.Errorf("Other Site in 2012: %v, want unknown (no source, partly recorded)", got)
	}
	if e2012.Absence(other) != nil {
		t.Error("Other Site has no sourced absence")
	}
	slugs := func(ms []*model.Market) (out []string) {
		for _, m := range ms {
			out = append(out, m.Slug)
		}
		return out
	}
	if got := slugs(e2012.Dropped); !slices.Equal(got, []string{"taobao"}) {
		t.Errorf("2012 dropped %v, want only taobao (no drop across Other Site's unknown cell)", got)
	}
	if got := slugs(e2012.Unrecorded); !slices.Equal(got, []string{"other"}) {
		t.Errorf("2012 unrecorded %v, want other", got)
	}
	if got := slugs(e2014.Returning); !slices.Equal(got, []string{"taobao"}) {
		t.Errorf("2014 returning %v, want taobao", got)
	}
	if len(taobao.Absences) != 2 || taobao.Absences[0].Edition != e2012 || taobao.Absences[1].Edition != e2013 {
		t.Errorf("Taobao's absences: %v", taobao.Absences)
	}
	var cells []string
	for _, c := range taobao.Timeline(site)[0].Cells {
		cells = append(cells, c.State)
	}
	if want := []string{model.CellNew, model.CellDropped, model.CellAbsent, model.CellReturning}; !slices.Equal(cells, want) {
		t.Errorf("Taobao's timeline %v, want %v", cells, want)
	}
	cells = nil
	for _, c := range other.Timeline(site)[0].Cells {
		cells = append(cells, c.State)
	}
	if want := []string{model.CellNew, model.CellUnknown, model.CellUnknown, model.CellUnknown}; !slices.Equal(cells, want) {
		t.Errorf("Other Site's timeline %v, want %v", cells, want)
	}
}

// TestHeadings: the 2016 review counts 21 online headings; data/ records 30 sites, some grouped
// under one heading. Coverage counts headings: 21 of 21, complete, never above 100%.
func TestHeadings(t *testing.T) {
	build := func(grouped bool) *model.Edition {
		n := 21
		set := &dataset.Set{Publishers: []*dataset.Publisher{{ID: "ustr", Short: "USTR"}}}
		e := &dataset.Edition{Publisher: "ustr", Year: 2016, Counts: dataset.Counts{Online: &n}}
		for i := range 30 {
			slug := fmt.Sprintf("site-%02d", i)
			set.Markets = append(set.Markets, &dataset.Market{Slug: slug, Name: slug, Kind: dataset.Online})
			en := dataset.Entry{Market: slug, Section: "Online Markets"}
			if grouped && i >= 20 { // sites 20–29 under one heading: 20 + 1 = 21 headings
				en.Heading = "Movshare Group"
			}
			e.Entries = append(e.Entries, en)
		}
		set.Editions = []*dataset.Edition{e}
		return model.Build(set).Editions[0]
	}
	e := build(true)
	c := model.CoverageOf(e)
	if c.Online.Recorded != 21 || c.Online.Markets != 30 || c.Online.Percent() != 100 || !c.Online.Complete() || c.Online.Over() {
		t.Errorf("grouped: %+v (%s), want 21 headings of 21, 30 markets, 100%%, complete", c.Online, c.Online)
	}
	if !model.SectionComplete(e, dataset.Online) {
		t.Error("grouped: the online section should be complete")
	}
	if got := c.Online.String(); got != "21/21 100%" {
		t.Errorf("grouped: %q", got)
	}
	e = build(false)
	c = model.CoverageOf(e)
	if c.Online.Recorded != 30 || c.Online.Percent() != 100 || c.Online.Complete() || !c.Online.Over() {
		t.Errorf("ungrouped: %+v, want 30 headings, shown as 100%% but over the count and not complete", c.Online)
	}
	if model.SectionComplete(e, dataset.Online) {
		t.Error("ungrouped: 30 headings against 21 prove nothing; the section is not complete")
	}
	if got := c.Online.String(); got != "30/21 100%+" {
		t.Errorf("ungrouped: %q", got)
	}
}

// TestRemovedDevelopment: a positive development whose sources report the market removed is
// an absence from its edition; one without removed says nothing of the list.
func TestRemovedDevelopment(t *testing.T) {
	set := absenceSet()
	set.Markets[1].Absences = nil
	set.Editions[1].Developments = []dataset.Development{
		{Market: "taobao", Summary: "Removed from the list.", Sources: []string{"https://news.example.org/removed"}, Removed: true},
		{Market: "other", Summary: "Cooperating with right holders.", Sources: []string{"https://news.example.org/other"}},
	}
	site := model.Build(set)
	taobao, other, e2012 := site.Markets[1], site.Markets[0], site.Editions[1]
	if got := e2012.State(taobao); got != model.NotListed {
		t.Errorf("Taobao, removed in 2012: %v, want not listed", got)
	}
	if a := e2012.Absence(taobao); a == nil || a.Development == nil || !slices.Equal(a.Sources, []string{"https://news.example.org/removed"}) {
		t.Errorf("Taobao's 2012 absence %+v, want it from the development, with its sources", a)
	}
	if got := e2012.State(other); got != model.Unknown {
		t.Errorf("Other Site, a development without removed: %v, want unknown", got)
	}
	if got := site.Editions[2].State(taobao); got != model.Unknown {
		t.Errorf("Taobao in 2013: %v, want unknown (the removal says nothing of later editions)", got)
	}
}
