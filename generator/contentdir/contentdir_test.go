package contentdir_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
)

const marker = "# generated"

var markers = []string{marker}

func page(body string) []byte { return []byte("---\n" + marker + "\ntitle: x\n---\n" + body) }

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteThenNothingChanges(t *testing.T) {
	dir := t.TempDir()
	files := []contentdir.File{{Path: "markets/a.md", Data: page("a")}, {Path: "_index.md", Data: page("home")}}
	st, err := contentdir.Write(dir, markers, files)
	if err != nil || st.Written != 2 {
		t.Fatalf("first run: %+v %v", st, err)
	}
	info, _ := os.Stat(filepath.Join(dir, "markets", "a.md"))
	st, err = contentdir.Write(dir, markers, files)
	if err != nil || st.Written != 0 || st.Unchanged != 2 || st.Removed != 0 {
		t.Fatalf("second run must write nothing: %+v %v", st, err)
	}
	again, _ := os.Stat(filepath.Join(dir, "markets", "a.md"))
	if !again.ModTime().Equal(info.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
}

func TestHandWrittenPagesSurvive(t *testing.T) {
	dir := t.TempDir()
	hand := filepath.Join(dir, "markets", "a.md")
	os.MkdirAll(filepath.Dir(hand), 0o755)
	os.WriteFile(hand, []byte("---\ntitle: written by hand\n---\n"), 0o644)
	about := filepath.Join(dir, "about.md")
	os.WriteFile(about, []byte("# About\n"), 0o644)

	st, err := contentdir.Write(dir, markers, []contentdir.File{{Path: "markets/a.md", Data: page("a")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Kept) != 1 || st.Kept[0] != "markets/a.md" || st.Written != 0 {
		t.Errorf("want the hand-written page kept, got %+v", st)
	}
	if read(t, hand) != "---\ntitle: written by hand\n---\n" || read(t, about) != "# About\n" {
		t.Error("a hand-written page changed")
	}
	// a later run that no longer generates anything still leaves them alone
	if _, err := contentdir.Write(dir, markers, nil); err != nil {
		t.Fatal(err)
	}
	if read(t, hand) == "" || read(t, about) == "" {
		t.Error("a hand-written page was removed")
	}
}

func TestStaleGeneratedPagesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	contentdir.Write(dir, markers, []contentdir.File{{Path: "markets/a.md", Data: page("a")}, {Path: "years/2019.md", Data: page("y")}})
	st, err := contentdir.Write(dir, markers, []contentdir.File{{Path: "markets/a.md", Data: page("a2")}})
	if err != nil || st.Written != 1 || st.Removed != 1 {
		t.Fatalf("%+v %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "years")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the emptied folder years/ should be gone")
	}
	if read(t, filepath.Join(dir, "markets", "a.md")) != string(page("a2")) {
		t.Error("changed page not written")
	}
}

func TestLeftoverTempFilesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".nmw-tmp-123")
	os.WriteFile(tmp, []byte("half"), 0o644)
	if _, err := contentdir.Write(dir, markers, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Error("a temporary file from an interrupted run was left")
	}
}

func TestRefusesPathsOutsideContent(t *testing.T) {
	for _, p := range []string{"../evil.md", "/etc/evil.md", "a/../../evil.md", "markets/a.html"} {
		if _, err := contentdir.Write(t.TempDir(), markers, []contentdir.File{{Path: p, Data: page("x")}}); err == nil {
			t.Errorf("%s: want an error", p)
		}
	}
}

func TestReadOnlyContentFailsClearlyAndChangesNothing(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions; covered where tests run unprivileged")
	}
	dir := t.TempDir()
	contentdir.Write(dir, markers, []contentdir.File{{Path: "a.md", Data: page("a")}})
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if _, err := contentdir.Write(dir, markers, []contentdir.File{{Path: "a.md", Data: page("b")}}); err == nil {
		t.Fatal("want an error writing into a read-only folder")
	}
	if read(t, filepath.Join(dir, "a.md")) != string(page("a")) {
		t.Error("the page changed")
	}
}

// TestPagesOfAnEarlierMarkerAreReplaced: a page written under an earlier marker (YAML front
// matter) is the generator's, so a run with the new marker (JSON) replaces or removes it.
func TestPagesOfAnEarlierMarkerAreReplaced(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "markets"), 0o755)
	os.WriteFile(filepath.Join(dir, "markets", "a.md"), []byte("---\n# old marker\ntitle: a\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "markets", "gone.md"), []byte("---\n# old marker\ntitle: gone\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "markets", "hand.md"), []byte("---\ntitle: by hand\n---\n"), 0o644)
	newPage := []byte("{\n  \"generated\": \"new\",\n  \"title\": \"a\"\n}\n")
	st, err := contentdir.Write(dir, []string{`  "generated": "new",`, "# old marker"}, []contentdir.File{{Path: "markets/a.md", Data: newPage}})
	if err != nil || st.Written != 1 || st.Removed != 1 || len(st.Kept) != 0 {
		t.Fatalf("run: %+v %v", st, err)
	}
	if got := read(t, filepath.Join(dir, "markets", "a.md")); got != string(newPage) {
		t.Errorf("a.md = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "markets", "gone.md")); !os.IsNotExist(err) {
		t.Error("a stale page of the earlier marker was kept")
	}
	if got := read(t, filepath.Join(dir, "markets", "hand.md")); got != "---\ntitle: by hand\n---\n" {
		t.Errorf("hand-written page changed: %q", got)
	}
}
