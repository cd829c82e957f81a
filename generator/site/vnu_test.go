package site

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// vnuJar returns the path of the Nu Html Checker, installed by
// `npm ci --prefix generator/site/testdata/vnu --ignore-scripts` (.ci/run does), and Java's,
// or skips the test.
func vnuJar(t *testing.T) (java, jar string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java is not installed: apt-get install default-jre-headless (the Nu Html Checker needs it)")
	}
	jar, err = filepath.Abs(filepath.Join("testdata", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); err != nil {
		t.Skipf("the Nu Html Checker is not installed (%v): run npm ci --prefix generator/site/testdata/vnu --ignore-scripts", err)
	}
	return java, jar
}

// vnuMessage is one message of the checker's JSON output.
type vnuMessage struct {
	Type, SubType, URL, Message, Extract string
	LastLine                             int
}

// TestHTMLIsValid runs the Nu Html Checker, the W3C's validator, over every page of the site built
// from data/ with the hand-written pages, and allows no error.
func TestHTMLIsValid(t *testing.T) {
	java, jar := vnuJar(t)
	site := realSite(t) // shared with the other tests that read the site built from data/
	var pages []string
	walkHTML(t, site.Public, func(path, _ string) { pages = append(pages, path) })
	sort.Strings(pages)
	// A page the checker must reject, so that a checker reporting nothing cannot pass the test.
	bad := filepath.Join(t.TempDir(), "invalid.html")
	if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><html lang="en"><title>x</title><figure><p>chart</p><figcaption>legend</figcaption><p>table</p></figure>`), 0o644); err != nil {
		t.Fatal(err)
	}
	// One Java process for all pages: starting the checker takes longer than checking a page.
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", "--stdout", bad}, pages...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu.jar: %v\n%s", err, stderr.String())
	}
	var report struct{ Messages []vnuMessage }
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("vnu.jar output is not its JSON report: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	failed := map[string]bool{}
	errors := 0
	sawBad := false
	for _, m := range report.Messages {
		page := strings.TrimPrefix(m.URL, "file:")
		if page == bad {
			sawBad = true
			continue
		}
		errors++
		if rel, err := filepath.Rel(site.Public, page); err == nil {
			page = rel
		}
		failed[page] = true
		t.Errorf("%s:%d: %s: %s\n  %s", page, m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if !sawBad {
		t.Errorf("the checker reported no error on an invalid page: is it working?\n%s", stdout.String())
	}
	if len(failed) > 0 {
		t.Errorf("%d errors on %d of %d pages", errors, len(failed), len(pages))
	}
	t.Logf("%d pages checked", len(pages))
}
