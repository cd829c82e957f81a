package dataset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// fuzzFiles are the files of the test fixture a fuzz input replaces, chosen by its first byte.
var fuzzFiles = []string{"markets/fixture-bay.yaml", "editions/ustr-2019.yaml", "categories.yaml", "publishers.yaml", "markets/new-market.yaml"}

// FuzzLoad replaces one file of the valid test fixture with the fuzzer's bytes and runs the
// generator's load, validation and rendering on it: nothing may panic, every problem names a
// file of the folder, and data without problems must render.
func FuzzLoad(f *testing.F) {
	src := filepath.Join(sitetest.Root(f), "generator", "testdata", "fixture")
	for i, name := range fuzzFiles[:4] {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(byte(i), b)
	}
	f.Add(byte(4), []byte("name: New\nkind: online\ncategories: [cyberlocker]\nsources: [https://news.example.org/x]\n"))
	dir := filepath.Join(f.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		name := fuzzFiles[int(which)%len(fuzzFiles)]
		path := filepath.Join(dir, filepath.FromSlash(name))
		orig, _ := os.ReadFile(filepath.Join(src, filepath.FromSlash(name)))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if orig == nil {
				os.Remove(path)
			} else {
				os.WriteFile(path, orig, 0o644)
			}
		}()
		site, problems, err := pipeline.Load(dir, sitetest.Today)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			if !strings.HasPrefix(p.File, dir) || p.Line < 0 || p.Message == "" {
				t.Fatalf("problem without file, line or message: %+v", p)
			}
			if n := strings.Count(string(data), "\n") + 1; p.File == path && p.Line > n {
				t.Fatalf("problem at line %d of a %d-line file: %v", p.Line, n, p)
			}
		}
		if len(problems) > 0 {
			return
		}
		pages, err := render.Pages(site)
		if err != nil {
			t.Fatalf("valid data does not render: %v", err)
		}
		for _, p := range pages {
			if !strings.HasPrefix(string(p.Data), "{\n"+render.Marker+"\n") {
				t.Fatalf("page %s lacks the generated marker", p.Path)
			}
		}
	})
}
