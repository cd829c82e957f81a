// Package sitetest builds the site from a data folder into a temporary folder, for tests that
// check generated content and the HTML Hugo makes of it.
package sitetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitefiles"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// Today is the fixed date tests validate against, so results do not change with the calendar.
var Today = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// Root returns the project's root folder: the nearest parent holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	root, err := sitefiles.Root()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Site is a built copy of the site.
type Site struct {
	Dir    string // the Hugo project: hugo.toml, layouts, assets, static, content, opendata
	Public string // Hugo's output
}

// Options say what to build.
type Options struct {
	Data    string   // data folder; default: the project's data/
	BaseURL string   // default: https://example.org/
	Args    []string // more Hugo flags
	// HandWritten copies the project's hand-written content pages (those without the
	// generator's marker, such as the About and Data pages) into the build.
	HandWritten bool
}

// Build generates content and open-data files from the data into a copy of the project's site sources and runs
// Hugo (the version go.mod pins) on it.
func Build(t testing.TB, opt Options) *Site {
	t.Helper()
	root := Root(t)
	if opt.Data == "" {
		opt.Data = filepath.Join(root, "data")
	}
	if opt.BaseURL == "" {
		opt.BaseURL = "https://example.org/"
	}
	dir := t.TempDir()
	if err := sitefiles.Copy(root, dir, "hugo.toml", "layouts", "assets", "static", "i18n"); err != nil {
		t.Fatal(err)
	}
	if opt.HandWritten {
		if err := copyHandWritten(filepath.Join(root, "content"), filepath.Join(dir, "content")); err != nil {
			t.Fatal(err)
		}
		if err := sitefiles.CopyTree(filepath.Join(root, "content-translations"), filepath.Join(dir, "content-translations")); err != nil {
			t.Fatal(err)
		}
	}
	site, _, problems, err := pipeline.Generate(opt.Data, filepath.Join(dir, "content"), Today)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("data %s has problems: %v", opt.Data, problems)
	}
	if _, err := pipeline.WriteOpenData(site, filepath.Join(dir, "opendata"), opt.BaseURL); err != nil {
		t.Fatal(err)
	}
	s := &Site{Dir: dir, Public: filepath.Join(dir, "public")}
	args := append([]string{"tool", "hugo", "--source", dir, "--destination", s.Public, "--baseURL", opt.BaseURL, "--printI18nWarnings", "--cacheDir", cacheDir(t)}, opt.Args...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out.String())
	}
	if missing := MissingTranslations(out.String()); len(missing) > 0 {
		t.Fatalf("hugo: %d strings have no translation (add them to i18n/<lang>.toml):\n%s", len(missing), strings.Join(missing, "\n"))
	}
	return s
}

// MissingTranslations returns Hugo's i18n|MISSING_TRANSLATION|<lang>|<key> warnings in a
// build's output (Hugo prints them with --printI18nWarnings), one "<lang> <key>" per string.
func MissingTranslations(output string) []string {
	var missing []string
	for _, line := range strings.Split(output, "\n") {
		_, rest, ok := strings.Cut(line, "i18n|MISSING_TRANSLATION|")
		if !ok {
			continue
		}
		missing = append(missing, strings.Replace(strings.TrimSpace(rest), "|", " ", 1))
	}
	return missing
}

// Shared returns a build of the site for opt made once per test binary and shared by every
// test that asks for the same options: a build of every language takes seconds, and most tests
// only read it. Call RemoveShared from TestMain to delete the builds. A test that changes the
// built files must use Build.
func Shared(t testing.TB, opt Options) *Site {
	t.Helper()
	key := fmt.Sprintf("%#v", opt)
	shared.Lock()
	defer shared.Unlock()
	if s := shared.builds[key]; s != nil {
		return s
	}
	s := Build(keepDir{t}, opt)
	if shared.builds == nil {
		shared.builds = map[string]*Site{}
	}
	shared.builds[key] = s
	return s
}

// RemoveShared deletes the builds Shared made.
func RemoveShared() {
	shared.Lock()
	defer shared.Unlock()
	for _, s := range shared.builds {
		os.RemoveAll(s.Dir)
	}
	shared.builds = nil
}

var shared struct {
	sync.Mutex
	builds map[string]*Site
}

// keepDir gives a build a temporary folder that outlives the test that asked for it.
type keepDir struct{ testing.TB }

func (k keepDir) TempDir() string {
	dir, err := os.MkdirTemp("", "nmw-site-")
	if err != nil {
		k.Fatal(err)
	}
	return dir
}

// Read returns a file of the built site, by its path below public/.
func (s *Site) Read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Public, filepath.FromSlash(path)))
	if err != nil {
		t.Fatalf("built site: %v", err)
	}
	return string(b)
}

// copyHandWritten copies the markdown files below src that the generator did not write.
func copyHandWritten(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		if generated, err := contentdir.IsGenerated(p, render.Markers); err != nil || generated {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// Contains fails the test unless s holds every one of want.
func Contains(t testing.TB, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

// cacheDir is the Hugo cache the test builds share (the preview cards, drawn once): a folder of
// their own, because `generator build` runs Hugo with --gc, which deletes from the default cache
// every card its own build did not use, including those a test build running beside it needs.
func cacheDir(t testing.TB) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "nmw-tests", "hugo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
