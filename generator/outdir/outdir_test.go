package outdir

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWriteRemovesOnlyItsOwnFiles(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	st, err := Write(dir, []File{{"api/a.json", []byte("a")}, {"api/b.json", []byte("b")}, {"data/x.csv", []byte("x")}})
	if err != nil || st.Written != 3 {
		t.Fatalf("first write: %+v, %v", st, err)
	}
	// Someone adds files by hand, one of them where the generator will want to write.
	if err := os.WriteFile(filepath.Join(files, "api", "mine.json"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(files, "api", "c.json"), []byte("hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = Write(dir, []File{{"api/a.json", []byte("a")}, {"api/c.json", []byte("c")}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 0 || st.Unchanged != 1 || st.Removed != 2 || !slices.Equal(st.Kept, []string{"api/c.json"}) {
		t.Errorf("second write: %+v", st)
	}
	for p, want := range map[string]string{"api/a.json": "a", "api/mine.json": "mine", "api/c.json": "hand"} {
		if b, err := os.ReadFile(filepath.Join(files, filepath.FromSlash(p))); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", p, b, err, want)
		}
	}
	for _, p := range []string{"api/b.json", "data/x.csv", "data"} {
		if _, err := os.Stat(filepath.Join(files, filepath.FromSlash(p))); !os.IsNotExist(err) {
			t.Errorf("%s still exists", p)
		}
	}
	m, err := readManifest(dir)
	if err != nil || len(m) != 1 || !m["api/a.json"] {
		t.Errorf("manifest = %v, %v; want only api/a.json", m, err)
	}
}

func TestWriteRefusesPathsOutsideTheFolder(t *testing.T) {
	for _, p := range []string{"../x.json", "/etc/x", "a/../../x", ""} {
		if _, err := Write(t.TempDir(), []File{{p, nil}}); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
}
