package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// smallReport is a short 2024 review, printed.
func smallReport(t *testing.T) []byte {
	t.Helper()
	if _, err := exec.LookPath(pdftext.Tool); err != nil {
		t.Skip("no pdftotext: apt-get install -y poppler-utils")
	}
	f := reportpdf.USTR(reportpdf.Layout{Year: 2024, NumberedHeads: true, OnlineMarkets: 4, PhysicalPerLand: 1})
	pdf, err := os.ReadFile(reportpdf.Print(t, "ustr-small", f.Pages))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestImportPRSecondRoad: the publisher's server refuses the download (403): the run says to
// save the PDF by hand and hand it over; handed over as a path in the repository or as an
// uploaded copy's address, the same import and the same pull request follow, the official
// address recorded as report.url.
func TestImportPRSecondRoad(t *testing.T) {
	pdf := smallReport(t)
	var agents []string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		if r.URL.Path == "/user-attachments/files/1/report.pdf" {
			w.Write(pdf)
			return
		}
		w.WriteHeader(http.StatusForbidden)
	}))
	defer srv.Close()
	importClient = localClient(srv)
	defer func() { importClient = nil }()
	url := srv.URL + "/files/2024-nml.pdf"
	for _, c := range []struct{ name, pdf, from string }{
		{"path", "reports/2024 review.pdf", "`reports/2024 review.pdf`"},
		{"uploaded", srv.URL + "/user-attachments/files/1/report.pdf", "`" + srv.URL + "/user-attachments/files/1/report.pdf`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			agents = nil
			t.Setenv("NMW_REPORT_CACHE", filepath.Join(t.TempDir(), "cache"))
			r := newImportRepo(t, map[string]string{
				"data/editions/ustr-2024.yaml": edition2024(url, false),
				"reports/2024 review.pdf":      string(pdf),
			})
			code, stdout, stderr := runCmd("-data", r.Data, "import-pr", "-edition", "ustr-2024", "-url", url)
			if code != 1 || !strings.Contains(stderr, "403 Forbidden") || !strings.Contains(stderr, "save the PDF") {
				t.Fatalf("a refused download: exit %d\n%s\n%s", code, stdout, stderr)
			}
			if len(agents) != 1 || !strings.HasPrefix(agents[0], "NotoriousMarketsWatch-importer/1.0 (+https://github.com/notorious-markets-watch/nmw;") {
				t.Errorf("User-Agents sent: %q", agents)
			}
			if out := git(t, r.Repo, "ls-remote", "--heads", "origin", "import/ustr-2024"); out != "" || r.ghLog(t) != "" {
				t.Errorf("a failed download pushed %q or called gh:\n%s", out, r.ghLog(t))
			}

			code, stdout, stderr = runCmd("-data", r.Data, "import-pr", "-edition", "ustr-2024", "-url", url, "-pdf", c.pdf)
			if code != 0 || !strings.Contains(stdout, "import-pr ustr-2024: opened a pull request from import/ustr-2024\n") {
				t.Fatalf("the PDF saved by hand: exit %d\n%s\n%s", code, stdout, stderr)
			}
			edition := git(t, r.Remote, "show", "import/ustr-2024:data/editions/ustr-2024.yaml")
			if !strings.Contains(edition, "report:\n  url: "+url+"\n  sha256: ") {
				t.Errorf("the edition does not record the official address and the copy's hash:\n%s", edition)
			}
			if strings.Contains(git(t, r.Remote, "diff", "--name-only", "main", "import/ustr-2024"), "reports/") {
				t.Errorf("the branch changes the saved PDF")
			}
			for _, want := range []string{"Imported from a copy of the report at " + url + " saved by hand (" + c.from + ")", "## Added\n\n- editions/ustr-2024.yaml: "} {
				if !strings.Contains(r.ghLog(t), want) {
					t.Errorf("body lacks %q:\n%s", want, r.ghLog(t))
				}
			}
			// The refused download, and the uploaded copy's.
			if want := map[string]int{"path": 1, "uploaded": 2}[c.name]; len(agents) != want {
				t.Errorf("%d requests, want %d", len(agents), want)
			}
		})
	}
}

// TestImportPRDiscovered: the weekly run takes an incomplete edition without report.url, finds
// the report's PDF link on its official page, imports from it, and the pull request says the
// address was discovered and must be confirmed.
func TestImportPRDiscovered(t *testing.T) {
	pdf := smallReport(t)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/notorious-markets-list":
			w.Write([]byte(`<!doctype html><ul><li><a href="/files/2024%20Special%20301%20Report.pdf">2024 Special 301 Report</a>
<li><a href="https://mirror.example.net/2024-notorious-markets.pdf">2024 Notorious Markets (copy)</a>
<li><a href="/files/2024%20Review%20of%20Notorious%20Markets.pdf">2024 Review of Notorious Markets for Counterfeiting and Piracy</a></ul>`))
		case "/files/2024 Review of Notorious Markets.pdf":
			w.Write(pdf)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	importClient = localClient(srv)
	defer func() { importClient = nil }()
	t.Setenv("NMW_REPORT_CACHE", filepath.Join(t.TempDir(), "cache"))
	page := srv.URL + "/notorious-markets-list"
	found := srv.URL + "/files/2024%20Review%20of%20Notorious%20Markets.pdf"
	r := newImportRepo(t, map[string]string{"data/editions/ustr-2024.yaml": edition2024(page, false)})

	code, stdout, stderr := runCmd("-data", r.Data, "import-pr")
	if code != 0 || !strings.Contains(stdout, "import-pr ustr-2024: found the report's address on "+page+": "+found+" (to confirm)") {
		t.Fatalf("weekly run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// ustr-2023 of the test data has no page to look on: skipped, said so, the run goes on.
	if !strings.Contains(stdout, "editions skipped, no report address found") {
		t.Errorf("stdout:\n%s", stdout)
	}
	edition := git(t, r.Remote, "show", "import/ustr-2024:data/editions/ustr-2024.yaml")
	if !strings.Contains(edition, "report:\n  url: "+found+"\n  sha256: ") {
		t.Errorf("the edition does not record the discovered address:\n%s", edition)
	}
	log := r.ghLog(t)
	for _, want := range []string{
		"> **The report's address was discovered, not given:** the import found " + found + " as the report's PDF link on the edition's official page " + page,
		"- Confirm the discovered address is the official report",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("body lacks %q:\n%s", want, log)
		}
	}
}
