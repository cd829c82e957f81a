package merge_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/merge"
)

const edition = `# kept as written
publisher: ustr
url: https://ustr.example.org/2024.pdf
report:
    url: https://ustr.example.org/2024.pdf   # four-space indent
entries:
- market: a   # items at the key's indent
  summary: "A, as written"

# a comment before the next key
developments: []
`

func TestAppendAndAdd(t *testing.T) {
	out, err := merge.AppendItems([]byte(edition), "entries", []byte("- market: b\n  summary: B\n"))
	if err != nil {
		t.Fatal(err)
	}
	if out, err = merge.AddFields(out, "report", []byte("sha256: abc\npages: 3\n")); err != nil {
		t.Fatal(err)
	}
	if out, err = merge.AddAfter(out, "report", []byte("counts:\n  online: 1\n")); err != nil {
		t.Fatal(err)
	}
	want := `# kept as written
publisher: ustr
url: https://ustr.example.org/2024.pdf
report:
    url: https://ustr.example.org/2024.pdf   # four-space indent
    sha256: abc
    pages: 3
counts:
  online: 1
entries:
- market: a   # items at the key's indent
  summary: "A, as written"
- market: b
  summary: B

# a comment before the next key
developments: []
`
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if _, err := merge.AppendItems([]byte(edition), "developments", []byte("- market: c\n")); err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("append to a flow list: %v, want a refusal", err)
	}
}

// TestWriteAllOrNothing: one file that may not be written (it exists, or changed since it was
// read) and none is.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.yaml")
	os.WriteFile(old, []byte("a: 1\n"), 0o644)
	exists := filepath.Join(dir, "exists.yaml")
	os.WriteFile(exists, []byte("b: 1\n"), 0o644)
	for _, files := range [][]merge.File{
		{{Path: old, Data: []byte("a: 2\n"), Old: []byte("a: 1\n")}, {Path: filepath.Join(dir, "new.yaml"), Data: []byte("c: 1\n")}, {Path: exists, Data: []byte("x")}},
		{{Path: filepath.Join(dir, "new.yaml"), Data: []byte("c: 1\n")}, {Path: old, Data: []byte("a: 2\n"), Old: []byte("a: 0\n")}},
	} {
		if err := merge.Write(files); err == nil {
			t.Errorf("wrote %v", files)
		}
		entries, _ := os.ReadDir(dir)
		if b, _ := os.ReadFile(old); string(b) != "a: 1\n" || len(entries) != 2 {
			t.Errorf("a failed write changed the folder: %v, old.yaml %q", entries, b)
		}
	}
	if err := merge.Write([]merge.File{{Path: old, Data: []byte("a: 2\n"), Old: []byte("a: 1\n")}, {Path: filepath.Join(dir, "sub", "new.yaml"), Data: []byte("c: 1\n")}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sub", "new.yaml")); string(b) != "c: 1\n" {
		t.Errorf("new.yaml: %q", b)
	}
}
