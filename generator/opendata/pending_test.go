package opendata_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// TestPendingEntry: a listing-only entry is in the open data with summary_pending and the
// sentence the pages show, linking the report's PDF page, and the file still meets its schema.
func TestPendingEntry(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(filepath.Join(sitetest.Root(t), "generator", "testdata", "fixture"))); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(data, "editions", "ustr-2020.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "url: https://ustr.example.org/2020.pdf\n",
		"url: https://ustr.example.org/2020.pdf\nreport:\n  url: https://ustr.example.org/2020-report.pdf\n  sha256: "+strings.Repeat("ab", 32)+"\n  pages: 40\n  page_offset: 2\n", 1)
	s = strings.Replace(s, "    summary: Listed again.\n", "    page: 7\n    summary: \"PENDING(listing-only): named in the report; summary not written yet\"\n", 1)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	site, problems, err := pipeline.Load(data, sitetest.Today)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	out := t.TempDir()
	if _, err := pipeline.WriteOpenData(site, out, standardsBase); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(out, "files", opendata.DatasetJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := `"summary":"Named under “Physical Markets: Argentina” on page 7 of the report (https://ustr.example.org/2020-report.pdf#page=9); what the report said is not summarised here yet.","summary_pending":true`
	if !strings.Contains(string(js), want) {
		t.Errorf("%s lacks %s", opendata.DatasetJSON, want)
	}
	if strings.Count(string(js), "summary_pending") != 1 {
		t.Errorf("summary_pending on %d entries, want 1", strings.Count(string(js), "summary_pending"))
	}
	sch := compileSchemas(t)["v1/"+opendata.DatasetSchema]
	if err := validateJSON(sch, js); err != nil {
		t.Errorf("%s does not meet its schema: %v", opendata.DatasetJSON, err)
	}
}
