package main

import (
	"html"
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
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// TestImportPR runs the import-edition workflow's command end to end: a 70-market report printed
// by Chromium, served by a local HTTPS server, imported listing-only with -merge on a branch of a
// repository whose data lacks most of the edition; the branch's diff, the pull request body it
// sends gh, the edition's coverage (100%), validation and the built site's year page are checked.
// A second, scheduled run adds nothing and leaves the pull request alone.
func TestImportPR(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	if _, err := exec.LookPath(pdftext.Tool); err != nil {
		t.Skip("no pdftotext: apt-get install -y poppler-utils")
	}
	f := reportpdf.USTR(reportpdf.Layout{Year: 2024, NumberedHeads: true, StateCounts: true, OnlineMarkets: 40, PhysicalPerLand: 5})
	pdf, err := os.ReadFile(reportpdf.Print(t, "ustr", f.Pages))
	if err != nil {
		t.Fatal(err)
	}
	var downloads int
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/files/2024-nml.pdf" {
			http.NotFound(w, r)
			return
		}
		downloads++
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	defer srv.Close()
	importClient = localClient(srv)
	defer func() { importClient = nil }()
	t.Setenv("NMW_REPORT_CACHE", filepath.Join(t.TempDir(), "cache"))
	url := srv.URL + "/files/2024-nml.pdf"

	// A repository whose data has the 2024 edition with one entry and its report's address, and
	// a remote to push to.
	root := t.TempDir()
	repo, remote := filepath.Join(root, "repo"), filepath.Join(root, "remote.git")
	data := filepath.Join(repo, "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("importer", "testdata", "data"))); err != nil {
		t.Fatal(err)
	}
	edition := `# The 2024 review, recorded in part.
publisher: ustr
year: 2024
title: 2024 Review of Notorious Markets for Counterfeiting and Piracy
published: 2025-01-08
url: ` + url + `
report:
  url: ` + url + `
sources:
  - ` + url + `
entries:
  - market: fixture-bay
    section: Online Markets
    page: 1
    summary: Reported as a torrent index that ignores takedown notices.
    sources:
      - ` + url + `
`
	if err := os.WriteFile(filepath.Join(data, "editions", "ustr-2024.yaml"), []byte(edition), 0o644); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"} {
		t.Setenv(k, v)
	}
	git(t, root, "init", "--quiet", "--bare", "-b", "main", remote)
	git(t, repo, "init", "--quiet", "-b", "main")
	git(t, repo, "add", ".")
	git(t, repo, "commit", "--quiet", "-m", "data")
	git(t, repo, "remote", "add", "origin", remote)
	git(t, repo, "push", "--quiet", "origin", "main")
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(ghStub), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	ghLog := filepath.Join(root, "gh.log")
	t.Setenv("GH_LOG", ghLog)

	code, stdout, stderr := runCmd("-data", data, "import-pr", "-edition", "ustr-2024", "-url", url)
	if code != 0 {
		t.Fatalf("import-pr: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// The branch adds the edition's 69 missing entries and a file per new market, nothing else.
	diff := git(t, remote, "diff", "--name-status", "main", "import/ustr-2024")
	lines := strings.Split(diff, "\n")
	if lines[0] != "M\tdata/editions/ustr-2024.yaml" || len(lines) != 1+69 {
		t.Fatalf("branch diff: %d files:\n%s", len(lines), diff)
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "A\tdata/markets/") {
			t.Errorf("branch changes %q: only new market files may be added", l)
		}
	}
	// What was there is kept, line for line: the edition file only grows.
	patch := git(t, remote, "diff", "main", "import/ustr-2024", "--", "data/editions/ustr-2024.yaml")
	for _, l := range strings.Split(patch, "\n") {
		if strings.HasPrefix(l, "-") && !strings.HasPrefix(l, "---") {
			t.Errorf("the merge removed or changed a line: %q", l)
		}
	}
	for _, want := range []string{"+  sha256: ", "+  pages: ", "+  page_offset: 3\n", "+counts:\n+  online: 40\n+  physical: 30\n+  source: " + url, "+  - market: quillon-02\n"} {
		if !strings.Contains(patch, want) {
			t.Errorf("edition diff lacks %q:\n%s", want, patch)
		}
	}
	// The pull request: listed (none yet), then created with the to-check list and the coverage.
	logged, _ := os.ReadFile(ghLog)
	log := string(logged)
	for _, want := range []string{
		"gh pr list --head import/ustr-2024 --base main --state open",
		"gh pr create --base main --head import/ustr-2024 --title Import ustr-2024 from its report (listing-only) --body-file ",
		"Imported from the report at " + url,
		"## Added\n\n- editions/ustr-2024.yaml: 69 entries, report.sha256 and report.pages, counts\n- markets/",
		"## To check (",
		"counts: online 40 and physical 30 read from the report's words \"identifies 40 online markets and 30 physical markets\" (page 1): check them",
		"| before | 1/? | 0/? | 1/? |\n| after | 40/40 100% | 30/30 100% | 70/70 100% |",
		"## Before merging",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("gh calls lack %q:\n%s", want, log)
		}
	}
	if !strings.Contains(stdout, "import-pr ustr-2024: opened a pull request from import/ustr-2024") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if got := git(t, repo, "rev-parse", "--abbrev-ref", "HEAD"); got != "main" {
		t.Errorf("left the repository on %s, want main", got)
	}

	// The branch: valid, the edition complete, and every market on the year page, with the
	// pending note in every language.
	work := filepath.Join(root, "branch")
	git(t, root, "clone", "--quiet", "-b", "import/ustr-2024", remote, work)
	site, problems, err := pipeline.Load(filepath.Join(work, "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the branch's data: %v %v", err, problems)
	}
	for _, c := range model.Coverage(site) {
		if c.Edition.ID() == "ustr-2024" && (c.Total.Percent() != 100 || !model.Complete(c.Edition)) {
			t.Errorf("ustr-2024 coverage %s, want 100%%", c.Total)
		}
	}
	built := sitetest.Build(t, sitetest.Options{Data: filepath.Join(work, "data")})
	year := built.Read(t, "years/2024/index.html")
	for _, m := range f.Markets {
		if m.Name == "FXB TORRENTS" {
			m.Name = "Fixture Bay" // matched by its domain to the market in data/
		}
		if !strings.Contains(year, html.EscapeString(m.Name)) && !strings.Contains(year, ">"+m.Name+"<") {
			t.Errorf("year page lacks %q", m.Name)
		}
	}
	// Printed page 2 is the PDF's fifth: three unnumbered front pages come first.
	pending := regexp.MustCompile(`Named under “Online Markets” on <a href="` + regexp.QuoteMeta(url) + `#page=5" rel="nofollow noopener noreferrer">page 2 of the report</a>; what the report said is not summarised here yet.`)
	if !pending.MatchString(year) {
		t.Errorf("year page lacks the pending note for a page-2 entry")
	}
	if n := strings.Count(year, "not summarised here yet"); n != 69 {
		t.Errorf("year page has %d pending notes, want 69", n)
	}
	sitetest.Contains(t, "market page", built.Read(t, "markets/quillon-02/index.html"), "#page=5", "not summarised here yet")
	sitetest.Contains(t, "coverage page", built.Read(t, "coverage/index.html"), `id="summaries-to-write"`, ">QUILLON 02</a>")
	for lang, want := range map[string]string{"es": "la página 2 del informe", "fr": "la page 2 du rapport",
		"de": "Seite 2 des Berichts", "zh-hans": "报告第 2 页"} {
		sitetest.Contains(t, lang+" year page", built.Read(t, lang+"/years/2024/index.html"), want)
	}

	// The open data: the entry marked pending, its summary saying where the report names it.
	sitetest.Contains(t, "nmw.json", built.Read(t, "data/nmw.json"),
		`"summary":"Named under “Online Markets” on page 2 of the report (`+url+`#page=5); what the report said is not summarised here yet.","summary_pending":true`)
	sitetest.Contains(t, "listings.csv", built.Read(t, "data/listings.csv"), "what the report said is not summarised here yet.")

	// The weekly run: the edition has report.url and is incomplete on main, so it is imported
	// again, on its branch, where nothing is missing: no commit, no new pull request.
	head := git(t, remote, "rev-parse", "import/ustr-2024")
	code, stdout, stderr = runCmd("-data", data, "import-pr")
	if code != 0 {
		t.Fatalf("second import-pr: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "added nothing") || !strings.Contains(stdout, "import-pr ustr-2024: nothing to add") {
		t.Errorf("second run:\n%s", stdout)
	}
	if again := git(t, remote, "rev-parse", "import/ustr-2024"); again != head {
		t.Errorf("second run moved the branch from %s to %s", head, again)
	}
	if logged2, _ := os.ReadFile(ghLog); string(logged2) != log {
		t.Errorf("second run called gh:\n%s", strings.TrimPrefix(string(logged2), log))
	}
	if downloads != 1 {
		t.Errorf("%d downloads, want 1 (the second run reads the cached report by its hash)", downloads)
	}
}

// TestImportURLFailures: a report that cannot be downloaded (not https, too large, not a PDF,
// too slow, not found) leaves data/ and the cache as they were, with an error naming it.
func TestImportURLFailures(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page.html":
			w.Write([]byte("<!doctype html><title>Notorious markets</title>"))
		case "/big.pdf":
			w.Write([]byte("%PDF-1.7\n" + strings.Repeat("0", 80<<20)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	importClient = srv.Client()
	defer func() { importClient = nil }()
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("NMW_REPORT_CACHE", cache)
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(filepath.Join("importer", "testdata", "data"))); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, data)
	for _, c := range []struct{ url, want string }{
		{"http://ustr.example.org/2023.pdf", "must be an https URL"},
		{srv.URL + "/big.pdf", "bytes a report may take"},
		{srv.URL + "/page.html", "not a PDF"},
		{srv.URL + "/missing.pdf", "answered 404 Not Found"},
	} {
		code, _, stderr := runCmd("-data", data, "import", "-edition", "ustr-2023", "-listing-only", "-merge", c.url)
		if code != 1 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, c.url) {
			t.Errorf("%s: exit %d, %s; want an error saying %q", c.url, code, stderr, c.want)
		}
		if snapshot(t, data) != before {
			t.Errorf("%s: data/ changed", c.url)
		}
		if left, _ := os.ReadDir(cache); len(left) > 0 {
			t.Errorf("%s: left %v in the cache", c.url, left)
		}
	}
}
