package render_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// TestGolden renders the fixture data and compares every page with testdata/golden/.
func TestGolden(t *testing.T) {
	site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	pages, err := render.Pages(site)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
	}
	seen := map[string]bool{}
	for _, p := range pages {
		path := filepath.Join(golden, filepath.FromSlash(p.Path))
		seen[path] = true
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, p.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: generated but has no golden file (run go test ./generator/render -update and review the diff)", p.Path)
			continue
		}
		if string(want) != string(p.Data) {
			t.Errorf("%s differs from its golden file:\n--- got\n%s\n--- want\n%s", p.Path, p.Data, want)
		}
	}
	filepath.Walk(golden, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !seen[p] {
			t.Errorf("%s: golden file for a page no longer generated", p)
		}
		return nil
	})
}

func TestPagesAreDeterministic(t *testing.T) {
	dir := filepath.Join(sitetest.Root(t), "data")
	var first []render.Page
	for i := 0; i < 3; i++ {
		site, problems, err := pipeline.Load(dir, sitetest.Today)
		if err != nil || len(problems) > 0 {
			t.Fatal(err, problems)
		}
		pages, err := render.Pages(site)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = pages
			continue
		}
		if len(pages) != len(first) {
			t.Fatalf("run %d: %d pages, first run %d", i, len(pages), len(first))
		}
		for j := range pages {
			if pages[j].Path != first[j].Path || string(pages[j].Data) != string(first[j].Data) {
				t.Fatalf("run %d: %s differs from the first run", i, pages[j].Path)
			}
		}
	}
}

// TestTimelineKeysAreLaidOut: every part a market's timeline names (params.timeline.cells) is laid
// out in the markets section, for the real data and the fixture, or the templates would draw nothing.
func TestTimelineKeysAreLaidOut(t *testing.T) {
	for _, dir := range []string{"data", filepath.Join("generator", "testdata", "fixture")} {
		site, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), dir), sitetest.Today)
		if err != nil || len(problems) > 0 {
			t.Fatal(dir, err, problems)
		}
		pages, err := render.Pages(site)
		if err != nil {
			t.Fatal(err)
		}
		type front struct {
			Params struct {
				Timeline struct {
					Rows  []struct{ Key string }
					Cells any
				}
			}
		}
		laidOut := map[string]bool{"years": true}
		var markets []front
		for _, p := range pages {
			var f front
			if !strings.HasPrefix(p.Path, "markets/") {
				continue
			}
			if err := json.Unmarshal(p.Data, &f); err != nil {
				t.Fatalf("%s: %v", p.Path, err)
			}
			if p.Path != "markets/_index.md" {
				markets = append(markets, f)
				continue
			}
			for _, r := range f.Params.Timeline.Rows {
				laidOut[r.Key] = true
			}
			cells, _ := f.Params.Timeline.Cells.([]any)
			for _, c := range cells {
				laidOut[c.(map[string]any)["key"].(string)] = true
			}
		}
		if len(markets) == 0 || len(laidOut) < 3 {
			t.Fatalf("%s: %d markets, %d parts laid out", dir, len(markets), len(laidOut))
		}
		for _, m := range markets {
			keys, _ := m.Params.Timeline.Cells.(string)
			for _, k := range strings.Split(keys, render.KeySep) {
				if !laidOut[k] {
					t.Errorf("%s: timeline part %q is not laid out in markets/_index.md", dir, k)
				}
			}
		}
	}
}
