package outdir

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteRemovesOnlyItsOwnFiles(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	st, err := Write(dir, []File{Bytes("api/a.json", []byte("a")), Bytes("api/b.json", []byte("b")), Bytes("data/x.csv", []byte("x"))})
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
	st, err = Write(dir, []File{Bytes("api/a.json", []byte("a")), Bytes("api/c.json", []byte("c"))})
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
		if _, err := Write(t.TempDir(), []File{Bytes(p, nil)}); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
}

func TestWriteComparesLargeFilesAsItWrites(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320 KB, several buffers
	dst := filepath.Join(dir, "files", "data", "big.json")
	cases := []struct {
		name    string
		content []byte
		written bool
	}{
		{"new", big, true},
		{"same", big, false},
		{"changed in the middle", append(append(append([]byte{}, big[:200000]...), 'X'), big[200001:]...), true},
		{"longer", append(append([]byte{}, big...), "tail"...), true},
		{"shorter", big[:100], true},
		{"same again", big[:100], false},
		{"empty", nil, true},
	}
	for _, c := range cases {
		before, _ := os.Stat(dst)
		st, err := Write(dir, []File{Bytes("data/big.json", c.content)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := st.Written == 1; got != c.written || st.Written+st.Unchanged != 1 {
			t.Errorf("%s: %+v, want written %v", c.name, st, c.written)
		}
		if b, err := os.ReadFile(dst); err != nil || !bytes.Equal(b, c.content) {
			t.Errorf("%s: file holds %d bytes (%v), want %d", c.name, len(b), err, len(c.content))
		}
		if after, _ := os.Stat(dst); !c.written && !os.SameFile(before, after) {
			t.Errorf("%s: an unchanged file was replaced", c.name)
		}
		if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", c.name, fi.Mode())
		}
	}
	assertNoTemp(t, dir)
}

func TestWriteFailureKeepsTheOldFileAndTracksNewOnes(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, []File{Bytes("a.json", []byte("old"))}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err := WriteEach(dir, func(yield func(File) error) error {
		if err := yield(Bytes("new.json", []byte("new"))); err != nil {
			return err
		}
		return yield(File{Path: "a.json", Write: func(w io.Writer) error {
			w.Write([]byte("ol")) // the same prefix, then a failure
			w.Write([]byte("X"))
			return boom
		}})
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "files", "a.json")); string(b) != "old" {
		t.Errorf("a.json = %q after a failed write, want the old content", b)
	}
	assertNoTemp(t, dir)
	// The failure may stop the run before or after new.json is written (the files are written
	// on several goroutines). The manifest claims it either way, so a next run removes a
	// written new.json rather than keeping it as a hand-written file.
	want := 0
	if _, err := os.Stat(filepath.Join(dir, "files", "new.json")); err == nil {
		want = 1
	}
	st, err := Write(dir, []File{Bytes("a.json", []byte("old"))})
	if err != nil || st.Removed != want || len(st.Kept) != 0 {
		t.Errorf("next run: %+v, %v; want %d removed, none kept", st, err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "files", "new.json")); !os.IsNotExist(err) {
		t.Errorf("new.json survived: %v", err)
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), tempPrefix) {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}
