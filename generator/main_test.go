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
