package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// amazonMarket is a market of data/ written as the real file is: the report names it with
// three domains the file lacks.
const amazonMarket = `name: Amazon's foreign domains
aliases:
- Amazon
kind: online
categories:
- e-commerce-platform
domains:
  current:
  - amazon.co.uk
  - amazon.de
  - amazon.es
sources:
- https://docslib.org/doc/8849066/2019-review-of-notorious-markets-for-counterfeiting-and-piracy
`

// edition2024 is the 2024 edition with one entry, its report at url.
func edition2024(url string, withReport bool) string {
	report := ""
	if withReport {
		report = "report:\n  url: " + url + "\n"
	}
	return `publisher: ustr
year: 2024
title: 2024 Review of Notorious Markets for Counterfeiting and Piracy
published: 2025-01-08
url: ` + url + "\n" + report + `sources:
  - ` + url + `
entries:
  - market: fixture-bay
    section: Online Markets
    page: 1
    summary: Reported as a torrent index that ignores takedown notices.
    sources:
      - ` + url + `
`
}

// draftReport is a 2024 review that names Amazon with amazon.ca, amazon.fr and amazon.in
// (domains its file in data/ lacks) and a new market whose words give no category, which the
// import cannot settle.
func draftReport(t *testing.T) []byte {
	t.Helper()
	if _, err := exec.LookPath(pdftext.Tool); err != nil {
		t.Skip("no pdftotext: apt-get install -y poppler-utils")
	}
	f := reportpdf.USTR(reportpdf.Layout{Year: 2024, NumberedHeads: true, StateCounts: true, OnlineMarkets: 6, PhysicalPerLand: 1})
	velvet := regexp.MustCompile(`(?s)<h3>Tessera Locker 03 \(tessera03\.cc\)</h3><p>.*?</p>`)
	for i := range f.Pages {
		b := strings.ReplaceAll(f.Pages[i].Body, "Tessera Locker 01 (tessera01.cc)", "Amazon (amazon.ca, amazon.fr, amazon.in)")
		b = strings.ReplaceAll(velvet.ReplaceAllString(b, "<h3>Velvet Arcade (velvetarcade.shop)</h3><p>Right holders report that the site sells fake goods to buyers abroad and ignores their notices.</p>"),
			"Tessera Locker 03 (tessera03.cc)", "Velvet Arcade (velvetarcade.shop)")
		f.Pages[i].Body = b
	}
	pdf, err := os.ReadFile(reportpdf.Print(t, "ustr-draft", f.Pages))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestImportPRDraft: the weekly workflow's command on a report that names new domains of a
// market in data/ and a market it cannot settle (no category in the report's words). The
// domains are added to the market's file (only added: every other line as it was) and listed
// in the pull request; the new market is added all the same, and the pull request is opened as
// a draft with the problem validation finds at the top of its body. Main is not touched.
func TestImportPRDraft(t *testing.T) {
	pdf := draftReport(t)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	defer srv.Close()
	importClient = srv.Client()
	defer func() { importClient = nil }()
	t.Setenv("NMW_REPORT_CACHE", filepath.Join(t.TempDir(), "cache"))
	url := srv.URL + "/files/2024-nml.pdf"
	r := newImportRepo(t, map[string]string{
		"data/editions/ustr-2024.yaml":              edition2024(url, true),
		"data/markets/amazons-foreign-domains.yaml": amazonMarket,
	})
	mainHead := git(t, r.Remote, "rev-parse", "main")

	code, stdout, stderr := runCmd("-data", r.Data, "import-pr")
	if code != 0 {
		t.Fatalf("import-pr: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "import-pr ustr-2024: opened a pull request from import/ustr-2024 as a draft: 1 problem to settle") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if git(t, r.Remote, "rev-parse", "main") != mainHead || git(t, r.Repo, "status", "--porcelain") != "" {
		t.Errorf("main moved, or the work tree was left changed")
	}

	// The market's file: the three domains added as current and the report as a source, every
	// line it had kept.
	patch := git(t, r.Remote, "diff", "main", "import/ustr-2024", "--", "data/markets/amazons-foreign-domains.yaml")
	if !strings.Contains(patch, "   - amazon.es\n+  - amazon.ca\n+  - amazon.fr\n+  - amazon.in\n sources:\n") ||
		!strings.HasSuffix(patch, "\n+- "+url) {
		t.Errorf("amazon's file:\n%s", patch)
	}
	for _, l := range strings.Split(patch, "\n") {
		if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---") {
			t.Errorf("the merge removed or changed a line: %q", l)
		}
	}
	diff := git(t, r.Remote, "diff", "--name-status", "main", "import/ustr-2024")
	for _, want := range []string{"A\tdata/markets/velvet-arcade.yaml", "M\tdata/markets/amazons-foreign-domains.yaml", "M\tdata/editions/ustr-2024.yaml"} {
		if !strings.Contains(diff, want) {
			t.Errorf("branch diff lacks %q:\n%s", want, diff)
		}
	}

	// The pull request: a draft, the problem first (file:line: field: message), the domains added.
	log := r.ghLog(t)
	if !regexp.MustCompile(`gh pr create --base main --head import/ustr-2024 --title .* --body-file \S+ --draft\n`).MatchString(log) {
		t.Errorf("not created as a draft:\n%s", log)
	}
	body := log[strings.Index(log, "--- body\n")+len("--- body\n"):]
	problem := "- `data/markets/velvet-arcade.yaml:1: categories: is required"
	for _, want := range []string{
		"> **Draft: the merged data has 1 problem the import could not settle.**",
		"## Problems (1)\n\n" + problem,
		"## Changed: new domains of markets in data/ (1)",
		"- markets/amazons-foreign-domains.yaml: amazon.ca, amazon.fr, amazon.in added to domains.current (named for Amazon's foreign domains on page ",
		"markets/velvet-arcade.yaml: new market \"Velvet Arcade\"",
		"markets/velvet-arcade.yaml: no category found in the report's words: choose one from categories.yaml",
		"| after | not computed: the data has problems (above) | | |",
		"- Settle every problem above on this branch",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	// Found against stated opens the body, before the problems (issue 32).
	if !strings.HasPrefix(body, "**Found against stated:** Found ") && !strings.HasPrefix(body, "> [!WARNING]\n> **the report states ") {
		t.Errorf("the body does not open with the found-against-stated counts:\n%s", body)
	}
	if !strings.Contains(body, "is accounted for: ") {
		t.Errorf("the body lacks the accounting of every unit read:\n%s", body)
	}
	if p, i := strings.Index(body, "## Problems"), strings.Index(body, "Imported from"); p < 0 || p > i {
		t.Errorf("the problems are not at the top of the body:\n%s", body)
	}
	if strings.Contains(body, "is not a domain of") {
		t.Errorf("the entry's domains are not among Amazon's:\n%s", body)
	}

	// The next weekly run adds nothing and leaves the draft as it is.
	code, stdout, stderr = runCmd("-data", r.Data, "import-pr")
	if code != 0 || !strings.Contains(stdout, "import-pr ustr-2024: nothing to add") {
		t.Errorf("second run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if r.ghLog(t) != log {
		t.Errorf("second run called gh:\n%s", strings.TrimPrefix(r.ghLog(t), log))
	}
}
