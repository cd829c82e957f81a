package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAccounting imports a report that states more markets than it lists (one of its
// country sections is empty): the import prints found against stated first, as a warning,
// and the empty section as a line to check with its page; the summary never says nothing was
// left out.
func TestImportAccounting(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("importer", "report", "testdata", "empty-section.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := strings.Cut(string(b), "\n=== ")
	txt := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(txt, []byte(strings.ReplaceAll(text, "\n^L\n", "\n\f")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd("-data", fixture(t), "import", "-edition", "ustr-2021", "-url", "https://ustr.example.org/2021.pdf",
		"-published", "2022-02-17", "-o", filepath.Join(t.TempDir(), "draft"), txt)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "WARNING: the report states 2 online and 2 physical markets (page 1: ") ||
		!strings.Contains(lines[1], "found 1 online and 1 physical") {
		t.Errorf("found against stated is not printed first, as a warning:\n%s", stdout)
	}
	for _, want := range []string{
		"2 listed, 0 developments, ",
		"of which 1 were read as markets (or market sections) and not imported",
		`page 2: "Brazil": a market section in which no market was found: check the report: not imported; add it by hand`,
		", 1 of them read as markets and not placed\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, " 0 of them read as markets and not placed") {
		t.Errorf("the summary says nothing was left out:\n%s", stdout)
	}
}
