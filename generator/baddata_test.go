package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/bad/*.txtar from the output")

// TestBadData runs `generate` and `validate` on each testdata/bad/*.txtar case: a copy of the
// valid fixture with the archive's files added or replaced. Sections named "delete PATH" remove
// a file, "quoted PATH" hold a Go-quoted string (for bytes a text file cannot hold), "symlink
// PATH" hold a link target ($OUTSIDE is a folder outside data/ holding a valid market file), and
// "$10MB" in a file stands for ten megabytes of text. The "want" section is the exact error
// output, with $DATA for the data folder. Both commands must exit 1 and leave content/ (generated
// and hand-written pages) and the open-data folder byte for byte as they were.
func TestBadData(t *testing.T) {
	cases, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil || len(cases) < 25 {
		t.Fatalf("want at least 25 cases, have %d: %v", len(cases), err)
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			data := badData(t, ar)
			content, od := generated(t)
			before := tree(t, content) + tree(t, od)

			var want string
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = string(f.Data)
				}
			}
			code, out, errs := runCmd("-data", data, "-content", content, "-opendata", od, "generate")
			got := strings.ReplaceAll(errs, data, "$DATA")
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got)
					}
				}
				os.WriteFile(c, txtar.Format(ar), 0o644)
				want = got
			}
			if code != 1 || out != "" {
				t.Errorf("generate: exit %d, stdout %q; want exit 1 and no output", code, out)
			}
			if got != want || !strings.Contains(want, " in $DATA: fix") {
				t.Errorf("generate's errors:\n%s\nwant:\n%s", got, want)
			}
			if after := tree(t, content) + tree(t, od); after != before {
				t.Errorf("generate changed content/ or the open data:\n%s", firstDiff(before, after))
			}
			code, out, errs = runCmd("-data", data, "validate")
			if code != 1 || out != "" || strings.ReplaceAll(errs, data, "$DATA") != want {
				t.Errorf("validate: exit %d, stdout %q, errors:\n%s", code, out, errs)
			}
		})
	}
}

// badData writes the fixture with the archive's changes into a new data folder.
func badData(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(data, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("name: Outside\nkind: online\ncategories: [cyberlocker]\nsources: [https://news.example.org/x]\n"), 0o644)
	for _, f := range ar.Files {
		verb, name, ok := strings.Cut(f.Name, " ")
		if !ok {
			verb, name = "", f.Name
		}
		if name == "want" {
			continue
		}
		path := filepath.Join(data, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(path), 0o755)
		var err error
		switch verb {
		case "delete":
			err = os.Remove(path)
		case "symlink":
			err = os.Symlink(strings.ReplaceAll(strings.TrimSpace(string(f.Data)), "$OUTSIDE", outside), path)
		case "quoted":
			var s string
			if s, err = strconv.Unquote(strings.TrimSpace(string(f.Data))); err == nil {
				err = os.WriteFile(path, []byte(s), 0o644)
			}
		case "":
			b := bytes.ReplaceAll(f.Data, []byte("$10MB"), bytes.Repeat([]byte("x"), 10<<20))
			err = os.WriteFile(path, b, 0o644)
		default:
			err = fmt.Errorf("unknown section %q", f.Name)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// generated returns a content folder with the fixture's pages and two hand-written pages, and an
// open-data folder, as a successful run leaves them.
func generated(t *testing.T) (content, od string) {
	t.Helper()
	content, od = t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(content, "about.md"), []byte("---\ntitle: About\n---\nWritten by hand.\n"), 0o644)
	os.MkdirAll(filepath.Join(content, "markets"), 0o755)
	os.WriteFile(filepath.Join(content, "markets", "how-to-read.md"), []byte("---\ntitle: How to read a market page\n---\nBy hand.\n"), 0o644)
	if code, _, errs := runCmd("-data", fixture(t), "-content", content, "-opendata", od, "generate"); code != 0 {
		t.Fatalf("generating the fixture: %s", errs)
	}
	return content, od
}

// tree lists every folder and file below dir with its mode and content.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", rel, info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %q", data)
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// firstDiff returns the first line that differs between two trees.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d\n was: %.300s\n now: %.300s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines were, %d now", len(al), len(bl))
}

// TestGenerateIntoUnwritableContent points -content at a file, which no one can write into,
// even root: the run fails with the reason and leaves the file and the open data alone.
func TestGenerateIntoUnwritableContent(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	os.WriteFile(content, []byte("not a folder\n"), 0o644)
	od := t.TempDir()
	code, out, errs := runCmd("-data", fixture(t), "-content", content, "-opendata", od, "generate")
	if code != 1 || out != "" || errs != "generator generate: content folder "+content+" is not a folder\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(content); string(b) != "not a folder\n" || tree(t, od) != ". drwxr-xr-x\n" {
		t.Error("the run changed something")
	}
}
