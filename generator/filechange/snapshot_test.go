package filechange

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSince finds a file created, one replaced by a rename (as the content folder's writer
// does), one rewritten in place, one removed, and none of the hidden journal or temporary
// files; an untouched file is not listed.
func TestSince(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("same.md", "same")
	write("renamed.md", "old")
	write("rewritten.json", "old")
	write("gone/page.md", "old")
	before := Take(dir)
	if len(before) != 4 {
		t.Fatalf("snapshot of 4 files: %v", before)
	}

	write("new/page.md", "new")
	write(".nmw-tmp-x", "temporary")
	write(".nmw-journal.json", "{}")
	write(".hidden/file.md", "hidden")
	write("renamed.tmp", "new")
	os.Rename(filepath.Join(dir, "renamed.tmp"), filepath.Join(dir, "renamed.md"))
	write("rewritten.json", "newer, longer")
	os.RemoveAll(filepath.Join(dir, "gone"))

	got := Take(dir).Since(before)
	want := []Change{
		{Created, filepath.Join(dir, "new/page.md")},
		{Written, filepath.Join(dir, "renamed.md")},
		{Written, filepath.Join(dir, "rewritten.json")},
		{Removed, filepath.Join(dir, "gone/page.md")},
	}
	slices.SortFunc(want, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n got %v\nwant %v", got, want)
	}
	if again := Take(dir).Since(Take(dir)); len(again) != 0 {
		t.Errorf("no change, yet %v", again)
	}
}
