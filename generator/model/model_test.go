package model_test

import (
	"path/filepath"
	"testing"

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
		want     string
	}{
		{1, true, "Last listed by USTR in 2019; absent from the latest edition (2021)"},
		{2, false, "Last listed by USTR in 2019 as far as recorded here; the 2 editions since are only partly recorded"},
		{1, false, "Last listed by USTR in 2019 as far as recorded here; the latest edition (2021) is only partly recorded"},
	} {
		st.Since, st.SinceComplete = c.since, c.complete
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
