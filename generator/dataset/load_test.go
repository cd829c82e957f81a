package dataset_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// minimal writes a data folder with empty vocabularies and returns it.
func minimal(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"markets", "editions"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "publishers.yaml"), "- id: ustr\n  name: U\n  short: U\n  list: L\n  url: https://u.example.org/\n")
	write(t, filepath.Join(dir, "categories.yaml"), "- id: cyberlocker\n  label: C\n  description: D\n")
	return dir
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRejectsUnreadableFiles(t *testing.T) {
	cases := []struct {
		name, file, data, want string
	}{
		{"not UTF-8", "a.yaml", "name: ok\nkind: \xff\xfe\n", "a.yaml:2: is not valid UTF-8 text"},
		{"NUL byte", "b.yaml", "name: ok\n\x00\n", "b.yaml:2: contains a NUL byte"},
		{"too large", "c.yaml", "name: " + strings.Repeat("x", int(dataset.MaxFileSize)) + "\n", "c.yaml:1: is 1048583 bytes, more than the 1048576 a data file may have; it passes the limit on line 1"},
		{"deeply nested", "d.yaml", "name: " + strings.Repeat("[", 30) + strings.Repeat("]", 30) + "\n", "d.yaml:1: name: values are nested more than 20 levels deep"},
		{"alias bomb", "e.yaml", aliasBomb(), "e.yaml:1: a: uses a YAML anchor or alias"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := minimal(t)
			write(t, filepath.Join(dir, "markets", c.file), c.data)
			set, problems, err := dataset.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Markets) != 0 || len(problems) != 1 {
				t.Fatalf("want the file left out with one problem, got %d markets, problems %v", len(set.Markets), problems)
			}
			got := strings.TrimPrefix(problems[0].String(), filepath.Join(dir, "markets")+"/")
			if !strings.HasPrefix(got, c.want) {
				t.Errorf("problem %q does not start with %q", got, c.want)
			}
		})
	}
}

// aliasBomb is a "billion laughs" document: a few lines that expand to billions of nodes.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	return b.String()
}

func TestLoadRejectsSymlinks(t *testing.T) {
	dir := minimal(t)
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	write(t, outside, "name: Outside\nkind: online\ncategories: [cyberlocker]\nsources: [https://x.example.org/]\n")
	if err := os.Symlink(outside, filepath.Join(dir, "markets", "outside.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	set, problems, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Markets) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Message, "symbolic link") {
		t.Fatalf("want the symlink refused, got %d markets, problems %v", len(set.Markets), problems)
	}
}

func TestLoadMissingFolder(t *testing.T) {
	if _, _, err := dataset.Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Fatal("want an error for a missing data folder")
	}
}
