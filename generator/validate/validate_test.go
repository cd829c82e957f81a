package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// TestCases runs each testdata/*.txtar case: the files in the archive replace or add files in
// a copy of the valid fixture ("delete PATH" sections remove one), and the "want" section lists
// every problem the data must then have, one per line, as file:line: field: message.
func TestCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			dir := copyFixture(t)
			var want []string
			for _, f := range ar.Files {
				switch {
				case f.Name == "want":
					want = lines(string(f.Data))
				case strings.HasPrefix(f.Name, "delete "):
					if err := os.Remove(filepath.Join(dir, strings.TrimPrefix(f.Name, "delete "))); err != nil {
						t.Fatal(err)
					}
				default:
					write(t, filepath.Join(dir, f.Name), f.Data)
				}
			}
			if len(want) == 0 {
				t.Fatal("case has no want section")
			}
			_, problems, err := pipeline.Load(dir, sitetest.Today)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n got:\n  %s\n want:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

func TestFixtureIsValid(t *testing.T) {
	_, problems, err := pipeline.Load(copyFixture(t), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("fixture: %v %v", err, problems)
	}
}

// TestRealData keeps data/ valid: a pull request that breaks it fails here too.
func TestRealData(t *testing.T) {
	_, problems, err := pipeline.Load(filepath.Join(sitetest.Root(t), "data"), sitetest.Today)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func copyFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	src := filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture")
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, filepath.Join(dir, rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestIsCountry(t *testing.T) {
	for code, want := range map[string]bool{"CN": true, "GB": true, "XK": true, "HK": true,
		"UK": false, "EU": false, "UN": false, "YU": false, "ZR": false, "AN": false, "ZZ": false, "gb": false, "GBR": false} {
		if got := validate.IsCountry(code); got != want {
			t.Errorf("IsCountry(%q) = %v, want %v", code, got, want)
		}
	}
}
