package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/ from the built site")

// goldenPages are built pages kept byte for byte: every page kind and output format the
// layouts make for the fixture, and some in each other language, so a change to a template (an optimisation, a cached partial)
// that changes any byte of them fails here. Rewrite them with -update after a deliberate change
// and read the diff.
var goldenPages = []string{
	"index.html",
	"check.json",
	"index.xml",
	"markets/index.html",
	"markets/taobao/index.html",
	"markets/taobao/timeline.svg",
	"markets/taobao/cite.bib",
	"markets/taobao/cite.json",
	"markets/la-salada/index.html",
	"years/index.html",
	"years/2024/index.html",
	"years/2024/cite.json",
	"statistics/index.html",
	"coverage/index.html",
	"categories/index.html",
	"countries/ar/index.html",
	"search/index.html",
	"es/index.html",
	"es/markets/taobao/index.html",
	"es/markets/taobao/timeline.svg",
	"fr/markets/la-salada/cite.bib",
	"de/statistics/index.html",
	"zh-hans/years/2024/index.html",
	"zh-hans/categories/index.html",
}

func TestGoldenPages(t *testing.T) {
	s := fixture(t)
	for _, p := range goldenPages {
		got := []byte(s.Read(t, p))
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/site -run TestGoldenPages -update to write it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s at byte %d:\n got: %q\nwant: %q\n(if the change is meant, rewrite with -update and read the diff)", p, golden, firstDiff(got, want), around(got, firstDiff(got, want)), around(want, firstDiff(got, want)))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func around(b []byte, i int) []byte {
	return b[max(0, i-60):min(len(b), i+60)]
}
