package model_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

func load(t *testing.T) *model.Site {
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return site
}

func market(site *model.Site, slug string) *model.Market {
	for _, m := range site.Markets {
		if m.Slug == slug {
			return m
		}
	}
	return nil
}

func TestStatus(t *testing.T) {
	site := load(t)
	for slug, want := range map[string][]string{
		"fixture-bay":   {"Listed in the latest USTR edition (2021)", "Listed in the latest EU edition (2020)"},
		"old-locker":    {"Last listed by USTR in 2019; absent from the 2 editions since"},
		"shop-o-rama":   {"Listed in the latest USTR edition (2021)"},
		"mall-of-fakes": {"Listed in the latest USTR edition (2021)"},
	} {
		m := market(site, slug)
		if len(m.Statuses) != len(want) {
			t.Fatalf("%s: %d statuses, want %d", slug, len(m.Statuses), len(want))
		}
		for i, w := range want {
			if got := m.Statuses[i].Text(); got != w {
				t.Errorf("%s: %q, want %q", slug, got, w)
			}
		}
	}
	st := market(site, "old-locker").Statuses[0]
	for _, c := range []struct {
		since    int
		complete bool
		latest   model.State
		want     string
	}{
		{1, true, model.NotListed, "Last listed by USTR in 2019; absent from the latest edition (2021)"},
		{2, false, model.NotListed, "Last listed by USTR in 2019 as far as recorded here; absent from the latest edition (2021)"},
		{2, false, model.Unknown, "Last listed by USTR in 2019 as far as recorded here; the latest edition (2021) is only partly recorded, so it may still be on the list"},
		{1, false, model.Unknown, "Last listed by USTR in 2019 as far as recorded here; the latest edition (2021) is only partly recorded, so it may still be on the list"},
	} {
		st.Since, st.SinceComplete, st.Latest = c.since, c.complete, c.latest
		if got := st.Text(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestChanges(t *testing.T) {
	site := load(t)
	names := func(ms []*model.Market) (out []string) {
		for _, m := range ms {
			out = append(out, m.Slug)
		}
		return out
	}
	byID := map[string]*model.Edition{}
	for _, e := range site.Editions {
		byID[e.ID()] = e
	}
	for id, want := range map[string][3][]string{
		"ustr-2019": {{"fixture-bay", "mall-of-fakes", "old-locker", "shop-o-rama"}, nil, nil},
		"ustr-2020": {nil, nil, {"old-locker", "shop-o-rama"}},
		"ustr-2021": {nil, {"shop-o-rama"}, nil},
		"eu-2020":   {{"fixture-bay"}, nil, nil},
	} {
		e := byID[id]
		got := [3][]string{names(e.New), names(e.Returning), names(e.Dropped)}
		for i, label := range []string{"new", "returning", "dropped"} {
			if len(got[i]) != len(want[i]) {
				t.Errorf("%s %s: %v, want %v", id, label, got[i], want[i])
				continue
			}
			for j := range want[i] {
				if got[i][j] != want[i][j] {
					t.Errorf("%s %s: %v, want %v", id, label, got[i], want[i])
				}
			}
		}
	}
}

func TestTimeline(t *testing.T) {
	site := load(t)
	for slug, want := range map[string]string{
		// one row per list, one cell per edition: USTR 2019-2021 | EU 2020; * = development
		// EU 2020 gives no official count, so a market it does not record is unknown there
		"shop-o-rama": "new dropped returning | unknown",
		"old-locker":  "new dropped* absent | unknown",
		"fixture-bay": "new listed listed | new",
	} {
		var got []string
		for _, row := range market(site, slug).Timeline(site) {
			var cells []string
			for _, c := range row.Cells {
				s := c.State
				if c.Development {
					s += "*"
				}
				cells = append(cells, s)
			}
			got = append(got, strings.Join(cells, " "))
		}
		if g := strings.Join(got, " | "); g != want {
			t.Errorf("%s: timeline %q, want %q", slug, g, want)
		}
	}
}

func TestByYear(t *testing.T) {
	site := load(t)
	if first, last := site.YearSpan(); first != 2019 || last != 2021 {
		t.Fatalf("span %d-%d, want 2019-2021", first, last)
	}
	str := func(rows []model.Series) string {
		var out []string
		for _, r := range rows {
			out = append(out, fmt.Sprintf("%s:%v=%d", r.Key, r.Counts, r.Total))
		}
		return strings.Join(out, " ")
	}
	// fixture-bay is on both lists in 2020 but counts once that year.
	if got, want := str(site.ByCountry()), "AR:[1 1 1]=1 SE:[1 1 1]=1 CN:[1 0 1]=1 :[1 0 0]=1"; got != want {
		t.Errorf("by country %s, want %s", got, want)
	}
	if got, want := str(site.ByCategory()), "physical-market:[1 1 1]=1 torrent-index:[1 1 1]=1 e-commerce-platform:[1 0 1]=1 cyberlocker:[1 0 0]=1"; got != want {
		t.Errorf("by category %s, want %s", got, want)
	}
}

func TestLongestAndDevelopments(t *testing.T) {
	site := load(t)
	var got []string
	for _, l := range site.Longest(3) {
		got = append(got, fmt.Sprintf("%s:%v=%d %d-%d", l.Market.Slug, l.Editions, l.Total, l.First, l.Last))
	}
	if g, want := strings.Join(got, " "), "fixture-bay:[3 1]=4 2019-2021 mall-of-fakes:[3 0]=3 2019-2021 shop-o-rama:[2 0]=2 2019-2021"; g != want {
		t.Errorf("longest %s, want %s", g, want)
	}
	if n := len(site.Longest(0)); n != 4 {
		t.Errorf("Longest(0) returned %d markets, want all 4", n)
	}
	d := site.Developments()
	if len(d) != 1 || d[0].Market.Slug != "old-locker" || d[0].Edition.ID() != "ustr-2020" {
		t.Errorf("developments %v, want old-locker in ustr-2020", d)
	}
}

func TestState(t *testing.T) {
	site := load(t)
	edition := func(id string) *model.Edition {
		for _, e := range site.Editions {
			if e.ID() == id {
				return e
			}
		}
		t.Fatalf("no edition %s", id)
		return nil
	}
	for _, c := range []struct {
		edition, market string
		want            model.State
	}{
		{"ustr-2019", "mall-of-fakes", model.Listed},
		{"ustr-2021", "old-locker", model.NotListed},  // online section complete (2 of 2)
		{"ustr-2020", "shop-o-rama", model.NotListed}, // online section complete
		{"eu-2020", "shop-o-rama", model.Unknown},     // no official count
		{"eu-2020", "fixture-bay", model.Listed},
	} {
		if got := edition(c.edition).State(market(site, c.market)); got != c.want {
			t.Errorf("%s in %s: %v, want %v", c.market, c.edition, got, c.want)
		}
	}
}

// threeStates is one publisher's six editions, some fully recorded (the official online count
// reached) and some partly: the changes and timelines must never cross a partial edition.
func threeStates(t *testing.T) *model.Site {
	t.Helper()
	n := func(i int) *int { return &i }
	set := &dataset.Set{Publishers: []*dataset.Publisher{{ID: "p", Short: "P", List: "List"}}}
	for _, slug := range []string{"a", "b", "c", "d"} {
		set.Markets = append(set.Markets, &dataset.Market{Slug: slug, Name: strings.ToUpper(slug), Kind: dataset.Online})
	}
	set.Markets = append(set.Markets, &dataset.Market{Slug: "p", Name: "P", Kind: dataset.Physical})
	for _, e := range []struct {
		year     int
		official *int // online; physical is 0 unless declared
		physical *int
		declared []string
		listed   string
	}{
		{2019, n(2), n(0), nil, "a b"},               // complete
		{2020, n(5), nil, []string{"physical"}, "c"}, // online partial; physical declared full
		{2021, n(2), n(0), nil, "a c"},               // complete
		{2022, n(10), nil, nil, "c d"},               // partial, physical unknown
		{2023, n(2), n(0), nil, "a d"},               // complete
		{2024, n(1), n(0), nil, "c"},                 // complete
	} {
		ed := &dataset.Edition{Publisher: "p", Year: e.year, Counts: dataset.Counts{Online: e.official, Physical: e.physical}}
		ed.FullyRecorded.Sections = e.declared
		for _, slug := range strings.Fields(e.listed) {
			ed.Entries = append(ed.Entries, dataset.Entry{Market: slug})
		}
		set.Editions = append(set.Editions, ed)
	}
	return model.Build(set)
}

func TestThreeStatesChanges(t *testing.T) {
	site := threeStates(t)
	names := func(ms []*model.Market) string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Slug)
		}
		return strings.Join(out, " ")
	}
	for i, want := range []string{
		// new / first recorded / returning / dropped / unrecorded
		"a b////",
		"c////a b", // partial: a and b are not dropped, only unrecorded
		"////",     // a after a gap in the data is neither returning nor new; c continues
		"/d///a",   // d: 2020 too partial to call it new; a unrecorded, not dropped
		"///c/",    // complete after partial: c, listed in 2022, is known not listed
		"//c/a d/",
	} {
		e := site.Editions[i]
		got := strings.Join([]string{names(e.New), names(e.FirstRecorded), names(e.Returning), names(e.Dropped), names(e.Unrecorded)}, "/")
		if got != want {
			t.Errorf("%d: %q, want %q", e.Year, got, want)
		}
		if !model.Complete(e) && (len(e.Dropped) > 0 || len(e.Returning) > 0) {
			t.Errorf("%d is partly recorded but yields dropped %v or returning %v", e.Year, names(e.Dropped), names(e.Returning))
		}
	}
}

func TestThreeStatesTimeline(t *testing.T) {
	site := threeStates(t)
	for slug, want := range map[string]string{
		"a": "new unknown listed unknown listed dropped",
		"b": "new unknown absent unknown absent absent",
		"c": "absent new listed listed dropped returning",
		"d": "absent unknown absent listed listed dropped",
		"p": "absent absent absent unknown absent absent", // 2020: physical declared fully recorded
	} {
		rows := market(site, slug).Timeline(site)
		var cells []string
		for _, c := range rows[0].Cells {
			cells = append(cells, c.State)
			if !model.Complete(c.Edition) && !model.SectionComplete(c.Edition, market(site, slug).Kind) &&
				(c.State == model.CellDropped || c.State == model.CellReturning || c.State == model.CellAbsent) {
				t.Errorf("%s %d: %s drawn in a partly recorded edition", slug, c.Edition.Year, c.State)
			}
		}
		if got := strings.Join(cells, " "); got != want {
			t.Errorf("%s: %q, want %q", slug, got, want)
		}
	}
}

// TestOverCountIsNotComplete: more markets recorded than the official count (a heading grouping
// sites recorded one by one) does not make a section complete, so absence stays unknown there.
func TestOverCountIsNotComplete(t *testing.T) {
	n := func(i int) *int { return &i }
	set := &dataset.Set{Publishers: []*dataset.Publisher{{ID: "p", Short: "P", List: "List"}}}
	for _, slug := range []string{"a", "b", "c", "d"} {
		set.Markets = append(set.Markets, &dataset.Market{Slug: slug, Name: strings.ToUpper(slug), Kind: dataset.Online})
	}
	for _, e := range []struct {
		year     int
		official int
		listed   string
	}{
		{2019, 2, "a b"},   // exactly the count: complete
		{2020, 2, "a c d"}, // three recorded against two counted: not proven complete
	} {
		ed := &dataset.Edition{Publisher: "p", Year: e.year, Counts: dataset.Counts{Online: n(e.official), Physical: n(0)}}
		for _, slug := range strings.Fields(e.listed) {
			ed.Entries = append(ed.Entries, dataset.Entry{Market: slug})
		}
		set.Editions = append(set.Editions, ed)
	}
	site := model.Build(set)
	if !model.SectionComplete(site.Editions[0], dataset.Online) || model.SectionComplete(site.Editions[1], dataset.Online) {
		t.Fatalf("complete: 2019 %v (want true), 2020 %v (want false)",
			model.SectionComplete(site.Editions[0], dataset.Online), model.SectionComplete(site.Editions[1], dataset.Online))
	}
	if got := site.Editions[1].State(market(site, "b")); got != model.Unknown {
		t.Errorf("b in 2020 (over-counted section): %v, want unknown, never a drop", got)
	}
}
