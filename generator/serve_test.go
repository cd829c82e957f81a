package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/filechange"
	"github.com/notorious-markets-watch/nmw/generator/watch"
)

// syncBuffer is a bytes.Buffer the loop writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// devSite is a copy of the fixture's data with its generated content (and two hand-written
// pages) and open data, and serve's regeneration loop running on it, without Hugo.
type devSite struct {
	data, content, od string
	// sent is what the loop tells Hugo (filechange's protocol).
	stdout, stderr, sent *syncBuffer
	stop                 func()
}

func startDevLoop(t *testing.T) *devSite {
	t.Helper()
	s := &devSite{stdout: &syncBuffer{}, stderr: &syncBuffer{}, sent: &syncBuffer{}}
	s.data = filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(s.data, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	s.content, s.od = generated(t)
	l := &devLoop{dataDir: s.data, contentDir: s.content, dataOut: s.od, siteAddress: func() (string, error) { return siteAddress("", nil, "hugo.toml") }, stdout: s.stdout, stderr: s.stderr, hugo: s.sent}
	w, err := watch.New(s.data)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.watch(ctx, w) }()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("watch: %v", err)
			}
		})
	}
	t.Cleanup(s.stop)
	return s
}

// save writes a data file as many editors do: into a hidden temporary file, renamed over it.
func (s *devSite) save(t *testing.T, rel, text string) {
	t.Helper()
	path := filepath.Join(s.data, filepath.FromSlash(rel))
	tmp := filepath.Join(filepath.Dir(path), ".~"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func (s *devSite) read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.data, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// page returns a content page, or "" if it does not exist.
func (s *devSite) page(rel string) string {
	b, _ := os.ReadFile(filepath.Join(s.content, filepath.FromSlash(rel)))
	return string(b)
}

// eventually waits up to 20 s (the machine may be busy) for cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("after 20 s: %s", what)
}

// generatedTree lists the generated pages below content/ and their bytes, and the open data.
func (s *devSite) generatedTree(t *testing.T) string {
	t.Helper()
	return tree(t, s.content) + tree(t, filepath.Join(s.od, "files"))
}

func TestServeRegeneratesOnSave(t *testing.T) {
	s := startDevLoop(t)
	hand := s.page("about.md") + s.page("markets/how-to-read.md")
	marketPage := "markets/shop-o-rama.md"
	if !strings.Contains(s.page(marketPage), `"title": "Shop-o-Rama"`) {
		t.Fatalf("fixture page:\n%s", s.page(marketPage))
	}
	orig := s.read(t, "markets/shop-o-rama.yaml")

	// An edit: the page, the year pages and the open data follow.
	s.save(t, "markets/shop-o-rama.yaml", strings.Replace(orig, "name: Shop-o-Rama", "name: Shop-o-RamaZZ", 1))
	eventually(t, "the market page has the new name", func() bool { return strings.Contains(s.page(marketPage), `"title": "Shop-o-RamaZZ"`) })
	eventually(t, "the open data has the new name", func() bool {
		b, _ := os.ReadFile(filepath.Join(s.od, "files", "data", "nmw.json"))
		return bytes.Contains(b, []byte("Shop-o-RamaZZ"))
	})
	if !strings.Contains(s.page("years/2021.md"), "Shop-o-RamaZZ") {
		t.Error("the 2021 year page lacks the new name")
	}

	// A burst of saves: the last one wins.
	for i := range 6 {
		s.save(t, "markets/shop-o-rama.yaml", strings.Replace(orig, "name: Shop-o-Rama", "name: Burst"+string(rune('A'+i)), 1))
		time.Sleep(15 * time.Millisecond)
	}
	eventually(t, "the page has the last save's name", func() bool { return strings.Contains(s.page(marketPage), `"title": "BurstF"`) })

	// A new market, then renamed, then deleted: never a page of a market that is gone.
	s.save(t, "markets/brand-new-mart.yaml", "name: Brand New Mart\nkind: online\ncategories: [cyberlocker]\nsources: [https://news.example.org/new]\n")
	eventually(t, "the new market's page", func() bool { return strings.Contains(s.page("markets/brand-new-mart.md"), "Brand New Mart") })
	if err := os.Rename(filepath.Join(s.data, "markets", "brand-new-mart.yaml"), filepath.Join(s.data, "markets", "brand-mart.yaml")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the renamed market's page, and the old one gone", func() bool {
		return strings.Contains(s.page("markets/brand-mart.md"), "Brand New Mart") && s.page("markets/brand-new-mart.md") == ""
	})
	os.Remove(filepath.Join(s.data, "markets", "brand-mart.yaml"))
	eventually(t, "the deleted market's page gone", func() bool { return s.page("markets/brand-mart.md") == "" })

	// An edition added, then removed.
	ed := strings.NewReplacer("year: 2021", "year: 2022", "2021 Review", "2022 Review", "published: 2022-02", "published: 2023-01").Replace(s.read(t, "editions/ustr-2021.yaml"))
	s.save(t, "editions/ustr-2022.yaml", ed)
	eventually(t, "the new edition's year page", func() bool { return s.page("years/2022.md") != "" })
	os.Remove(filepath.Join(s.data, "editions", "ustr-2022.yaml"))
	eventually(t, "the removed edition's year page gone", func() bool { return s.page("years/2022.md") == "" })

	// Back to the fixture: the pages are exactly what generate makes of it.
	s.save(t, "markets/shop-o-rama.yaml", orig)
	eventually(t, "the original name back", func() bool { return strings.Contains(s.page(marketPage), `"title": "Shop-o-Rama"`) })
	s.stop()
	want, wantOD := generated(t)
	if got, want := s.generatedTree(t), tree(t, want)+tree(t, filepath.Join(wantOD, "files")); got != want {
		t.Errorf("after the edits, content/ or the open data differ from a fresh generate:\n%s", firstDiff(want, got))
	}
	if got := s.page("about.md") + s.page("markets/how-to-read.md"); got != hand {
		t.Error("a hand-written page changed")
	}
}

// files reads every file below the folders, by absolute path.
func files(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				b, _ := os.ReadFile(p)
				m[p] = string(b)
			}
			return nil
		})
	}
	return m
}

// TestServeTellsHugoWhatChanged: after a one-market edit, the loop hands Hugo exactly the
// files whose bytes changed (the market page, the year pages, the open data; here also the
// problems file, which the first regeneration creates), each once, and
// none of the content folder's journal or temporary files.
func TestServeTellsHugoWhatChanged(t *testing.T) {
	s := startDevLoop(t)
	before := files(t, s.content, s.od)
	orig := s.read(t, "markets/shop-o-rama.yaml")
	s.save(t, "markets/shop-o-rama.yaml", strings.Replace(orig, "name: Shop-o-Rama", "name: Shop-o-RamaZZ", 1))
	eventually(t, "a batch of changes for Hugo", func() bool { return strings.HasSuffix(s.sent.String(), "\n\n") })
	s.stop()
	after := files(t, s.content, s.od)
	var batches [][]filechange.Change
	if err := filechange.Receive(strings.NewReader(s.sent.String()), func(b []filechange.Change) { batches = append(batches, b) }); err != nil || len(batches) != 1 {
		t.Fatalf("%d batches (%v):\n%s", len(batches), err, s.sent)
	}
	listed := map[string]bool{}
	for _, c := range batches[0] {
		if listed[c.Path] {
			t.Errorf("%s listed twice", c.Path)
		}
		listed[c.Path] = true
		old, was := before[c.Path]
		now, is := after[c.Path]
		ok := map[filechange.Op]bool{filechange.Written: was && is && old != now, filechange.Created: !was && is, filechange.Removed: was && !is}
		if strings.Contains(c.Path, "/.") || !ok[c.Op] {
			t.Errorf("%c %s: not what happened to the file", c.Op, c.Path)
		}
	}
	for p, now := range after {
		if before[p] != now && !listed[p] {
			t.Errorf("%s changed but Hugo was not told", p)
		}
	}
	if !listed[filepath.Join(s.content, "markets", "shop-o-rama.md")] || len(listed) < 3 {
		t.Errorf("the market page not among the changes: %v", batches[0])
	}
	t.Logf("%d files for Hugo", len(listed))
}

func TestServeKeepsTheLastGoodSite(t *testing.T) {
	s := startDevLoop(t)
	problemsFile := filepath.Join(s.od, filepath.FromSlash(ServeProblems))
	before := s.generatedTree(t)
	orig := s.read(t, "markets/shop-o-rama.yaml")

	s.save(t, "markets/shop-o-rama.yaml", strings.Replace(strings.Replace(orig, "kind: online", "kind: <b>webshop</b>", 1), "name: Shop-o-Rama", "name: Renamed", 1))
	want := filepath.Join(s.data, "markets", "shop-o-rama.yaml") + `:3: kind: "<b>webshop</b>" is not a kind`
	eventually(t, "the problem in the terminal", func() bool { return strings.Contains(s.stderr.String(), want) })
	// The regeneration ends by telling Hugo what changed: the problems file.
	eventually(t, "Hugo told of the problems file", func() bool {
		return strings.Contains(s.sent.String(), " "+problemsFile+"\n") && strings.HasSuffix(s.sent.String(), "\n\n")
	})
	if !strings.Contains(s.stderr.String(), "serve: still serving the last good site") {
		t.Errorf("stderr:\n%s", s.stderr)
	}
	var list []string
	b, err := os.ReadFile(problemsFile)
	if err != nil || json.Unmarshal(b, &list) != nil || len(list) != 1 || !strings.HasPrefix(list[0], want) {
		t.Errorf("%s: %q (%v), want [%q]", problemsFile, b, err, want)
	}
	if after := s.generatedTree(t); after != before {
		t.Errorf("invalid data changed content/ or the open data:\n%s", firstDiff(before, after))
	}

	// The next good save clears the list and updates the site.
	s.save(t, "markets/shop-o-rama.yaml", strings.Replace(orig, "name: Shop-o-Rama", "name: Renamed", 1))
	eventually(t, "the fixed data's page", func() bool { return strings.Contains(s.page("markets/shop-o-rama.md"), `"title": "Renamed"`) })
	eventually(t, "the problems cleared", func() bool {
		b, _ := os.ReadFile(problemsFile)
		return string(b) == "[]\n"
	})
}

// TestServeStopsBetweenRegenerations stops the loop right after a save, when a regeneration
// may be running: content/ holds either the old site or the new one, complete, and no journal.
func TestServeStopsBetweenRegenerations(t *testing.T) {
	for _, wait := range []time.Duration{0, quiet, quiet + 20*time.Millisecond, quiet + 100*time.Millisecond} {
		s := startDevLoop(t)
		old := s.generatedTree(t)
		orig := s.read(t, "markets/shop-o-rama.yaml")
		s.save(t, "markets/shop-o-rama.yaml", strings.Replace(orig, "name: Shop-o-Rama", "name: Stopped", 1))
		time.Sleep(wait)
		s.stop()
		if _, err := os.Stat(filepath.Join(s.content, contentdir.JournalName)); err == nil {
			t.Fatalf("stopped %v after the save: the journal of an unfinished run is left", wait)
		}
		got := s.generatedTree(t)
		if got == old {
			continue
		}
		// Not the old site: then the complete new one, as generate makes it.
		content, od := t.TempDir(), t.TempDir()
		os.WriteFile(filepath.Join(content, "about.md"), []byte("---\ntitle: About\n---\nWritten by hand.\n"), 0o644)
		os.MkdirAll(filepath.Join(content, "markets"), 0o755)
		os.WriteFile(filepath.Join(content, "markets", "how-to-read.md"), []byte("---\ntitle: How to read a market page\n---\nBy hand.\n"), 0o644)
		if code, _, errs := runCmd("-data", s.data, "-content", content, "-opendata", od, "generate"); code != 0 {
			t.Fatal(errs)
		}
		if want := tree(t, content) + tree(t, filepath.Join(od, "files")); got != want {
			t.Errorf("stopped %v after the save: content/ is neither the old site nor the new:\n%s", wait, firstDiff(want, got))
		}
	}
}
