package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

func fixture(t *testing.T) string {
	return filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture")
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestGenerateTwiceWritesNothingTheSecondTime(t *testing.T) {
	content := t.TempDir()
	hand := filepath.Join(content, "about.md")
	os.WriteFile(hand, []byte("---\ntitle: About\n---\nBy hand.\n"), 0o644)

	od := t.TempDir()
	code, out, errs := runCmd("-data", fixture(t), "-content", content, "-opendata", od, "generate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	summary := regexp.MustCompile(`^generate: 4 editions, 4 markets; (\d+) files written, 0 unchanged, 0 removed, 0 hand-written kept; open data: \d+ written, 0 unchanged, 0 removed; \S+\n$`)
	if !summary.MatchString(out) {
		t.Fatalf("first run summary: %q", out)
	}
	code, out, _ = runCmd("-data", fixture(t), "-content", content, "-opendata", od, "generate")
	if code != 0 || !strings.Contains(out, "; 0 files written, ") || !strings.Contains(out, " 0 removed") {
		t.Fatalf("second run must write nothing: %q", out)
	}
	if b, _ := os.ReadFile(hand); string(b) != "---\ntitle: About\n---\nBy hand.\n" {
		t.Error("the hand-written page changed")
	}
}

func TestValidateReportsEveryProblemAndFails(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(data, "markets", "bad.yaml"), []byte("name: Bad\nkind: webshop\ncategories: [nope]\nsources: [https://news.example.org/]\n"), 0o644)
	code, _, errs := runCmd("-data", data, "validate")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		filepath.Join(data, "markets", "bad.yaml") + `:2: kind: "webshop" is not a kind`,
		filepath.Join(data, "markets", "bad.yaml") + `:3: categories[0]: "nope" is not in categories.yaml`,
		"2 problems in " + data,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestGenerateWithBadDataChangesNothing(t *testing.T) {
	content := t.TempDir()
	if code, _, errs := runCmd("-data", fixture(t), "-content", content, "-opendata", t.TempDir(), "generate"); code != 0 {
		t.Fatal(errs)
	}
	before := snapshot(t, content)
	data := t.TempDir()
	os.CopyFS(data, os.DirFS(fixture(t)))
	os.Remove(filepath.Join(data, "markets", "old-locker.yaml"))
	if code, _, _ := runCmd("-data", data, "-content", content, "-opendata", t.TempDir(), "generate"); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if after := snapshot(t, content); after != before {
		t.Error("content/ changed although the data was invalid")
	}
}

func TestCoverage(t *testing.T) {
	code, out, errs := runCmd("-data", fixture(t), "coverage")
	if code != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"ustr-2019  3/3 100%   1/2 50%   4/5 80%", "eu-2020       1/?       0/?       1/?", "ustr-2020  1/1 100%  1/1 100%  2/2 100%"} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage lacks %q:\n%s", want, out)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, errs := runCmd("bake"); code != 2 || !strings.Contains(errs, `unknown command "bake"`) {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data))
		}
		return nil
	})
	return b.String()
}

// TestImportText drafts an edition from a report's text into a folder of its own and prints
// what it found; it refuses to write into data/ and to overwrite the draft.
func TestImportText(t *testing.T) {
	report := filepath.Join("importer", "report", "testdata", "ustr-text.txt")
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := strings.Cut(string(b), "\n=== ")
	txt := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(txt, []byte(strings.ReplaceAll(text, "\n^L\n", "\n\f")), 0o644)
	out := filepath.Join(t.TempDir(), "draft")
	args := []string{"-data", fixture(t), "import", "-edition", "ustr-2023", "-url", "https://ustr.example.org/2023.pdf", "-published", "2024-01-30", "-o", out, txt}
	code, stdout, stderr := runCmd(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`"2023 Review of Notorious Markets for Counterfeiting and Piracy", 4 pages, as USTR 2019–2025`,
		"  Positive Developments                      1\n",
		"  Online Markets                             2\n",
		"  Physical Markets: China                    1\n",
		"4 markets: 2 matched a market in " + fixture(t) + ", 2 new; ",
		", 0 of them read as markets and not placed\n",
		"markets/fixture-bay.yaml: add fixture-bay.co, fixturebay.ws (named on page 2) to its domains",
		filepath.Join(out, "editions", "ustr-2023.yaml") + "\n",
		filepath.Join(out, "markets", "silk-street-market.yaml") + "\n",
		"4 summaries are the placeholder \"TODO(import): write this summary in your own words\" (0 kept from ",
		"`generator validate` rejects the draft until each is written in your own words.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	draft, err := os.ReadFile(filepath.Join(out, "editions", "ustr-2023.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The same import into another folder writes the same bytes.
	out2 := filepath.Join(t.TempDir(), "draft")
	args[len(args)-2] = out2
	if code, _, stderr := runCmd(args...); code != 0 {
		t.Fatalf("second import: exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(out2, "editions", "ustr-2023.yaml")); !bytes.Equal(again, draft) {
		t.Errorf("a second import wrote different bytes:\n%s\n---\n%s", draft, again)
	}
	// Never over the draft, never into data/.
	args[len(args)-2] = out
	if code, _, stderr := runCmd(args...); code != 1 || !strings.Contains(stderr, "not overwriting") {
		t.Errorf("import over a draft: exit %d, %s", code, stderr)
	}
	args[len(args)-2] = filepath.Join(fixture(t), "draft")
	if code, _, stderr := runCmd(args...); code != 1 || !strings.Contains(stderr, "is inside") {
		t.Errorf("import into data/: exit %d, %s", code, stderr)
	}
	if code, _, _ := runCmd("import", txt); code != 2 {
		t.Errorf("import without -edition and -o: exit %d, want 2", code)
	}
}
