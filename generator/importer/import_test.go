package importer_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer"
	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/importer/report"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// want is a market as the test expects it read: every field the importer extracts.
type want struct {
	Name, Section, Kind string
	Development         bool
	Domains             []string
	Country, City       string
	Page                int
	Categories          []string
}

func got(m report.Market) want {
	return want{m.Name, m.Section, m.Kind, m.Development, m.Domains, m.Country, m.City, m.Page, m.Categories}
}

func strs(s ...string) []string { return s }

var cases = []struct {
	name, edition, title string
	pages                []page
	markets              []want
	// slugs are the entries' markets, in report order, and devs the developments'.
	slugs, devs []string
	newFiles    []string
}{
	{
		name: "ustr-2019-2025-style", edition: "ustr-2023", title: ustr2023Title, pages: ustr2023,
		markets: []want{
			{"OLD LOCKER", "Positive Developments", "online", true, strs("oldlocker.com"), "", "", 1, nil},
			{"FXB TORRENTS", "Online Markets", "online", false, strs("fixturebay.com", "xn--80ab5cdk.xn--p1ai"), "SE", "", 2, strs("torrent-index")},
			{"GLOBAL PACIFIC SOCIAL COMMERCE AND LIVE STREAMING MARKETPLACE", "Online Markets", "online", false, strs("gpscm.shop"), "SG", "", 2, strs("e-commerce-platform")},
			{"STREAMZILLA", "Online Markets", "online", false, strs("streamzilla.to", "streamzilla.net"), "VN", "", 2, strs("streaming-linking")},
			{"Mall of Fakes & Co", "Physical Markets: Argentina", "physical", false, nil, "AR", "Buenos Aires", 3, strs("physical-market")},
			{"Silk Street Market", "Physical Markets: China", "physical", false, nil, "CN", "Beijing", 3, strs("physical-market")},
		},
		slugs:    strs("fixture-bay", "global-pacific-social-commerce-and-live-streaming-marketplace", "streamzilla", "mall-of-fakes", "silk-street-market"),
		devs:     strs("old-locker"),
		newFiles: strs("global-pacific-social-commerce-and-live-streaming-marketplace", "streamzilla", "silk-street-market"),
	},
	{
		name: "ustr-2017-2018-style", edition: "ustr-2018", title: ustr2018Title, pages: ustr2018,
		markets: []want{
			{"Shop-o-Rama", "Positive Developments", "online", true, strs("shoporama.com.cn"), "", "", 1, nil},
			{"FIXTUREBAY.COM", "Online Markets", "online", false, strs("fixturebay.com"), "SE", "", 2, strs("torrent-index")},
			{"Megalocker", "Online Markets", "online", false, strs("megalocker.net"), "UA", "", 2, strs("cyberlocker")},
			{"Pirate Library of Everything Ever Printed and Scanned", "Online Markets", "online", false, strs("pleeps.org"), "RU", "", 2, strs("shadow-library")},
			{"La Salada", "Physical Markets: Argentina", "physical", false, nil, "AR", "Buenos Aires", 3, strs("physical-market")},
		},
		slugs:    strs("fixture-bay", "megalocker", "pirate-library-of-everything-ever-printed-and-scanned", "la-salada"),
		devs:     strs("shop-o-rama"),
		newFiles: strs("megalocker", "pirate-library-of-everything-ever-printed-and-scanned", "la-salada"),
	},
	{
		name: "eu-style", edition: "eu-2022", title: "Counterfeit and Piracy Watch List", pages: eu2022,
		markets: []want{
			{"Fixture Bay Mirrors", "Copyright-infringing sites: Cyberlockers", "online", false, strs("xn--80ab5cdk.xn--p1ai"), "SE", "", 1, strs("cyberlocker")},
			{"Lockbox Cloud", "Copyright-infringing sites: Cyberlockers", "online", false, strs("lockbox.cloud"), "RU", "", 1, strs("cyberlocker")},
			{"Ripperoo Converter and Downloader for Online Video Platforms", "Copyright-infringing sites: Stream-ripping sites", "online", false, strs("ripperoo.cc"), "NL", "", 2, strs("stream-ripping")},
			{"Shop-o-Rama", "E-commerce platforms", "online", false, strs("shoporama.com.cn"), "CN", "", 3, strs("e-commerce-platform")},
			{"Silk Market", "Physical marketplaces", "physical", false, nil, "CN", "Beijing", 3, strs("physical-market")},
		},
		slugs:    strs("fixture-bay", "lockbox-cloud", "ripperoo-converter-and-downloader-for-online-video-platforms", "shop-o-rama", "silk-market"),
		newFiles: strs("lockbox-cloud", "ripperoo-converter-and-downloader-for-online-video-platforms", "silk-market"),
	},
}

// TestPDFReports prints each test report to a PDF, reads it back and checks every field of
// every market, then the draft written from it.
func TestPDFReports(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := printPDF(t, c.name, c.pages)
			if dir := os.Getenv("IMPORT_KEEP_PDF"); dir != "" {
				copyFile(t, pdf, filepath.Join(dir, c.name+".pdf"))
			}
			start := time.Now()
			pages, err := pdftext.Read(pdf)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := report.Parse(pages)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("read and parsed in %s", time.Since(start))
			checkReport(t, rep, c.title, c.markets)
			checkDraft(t, pdf, c.edition, c.slugs, c.devs, c.newFiles)
		})
	}
}

func checkReport(t *testing.T, rep *report.Report, title string, markets []want) {
	t.Helper()
	if rep.Title != title {
		t.Errorf("title %q, want %q", rep.Title, title)
	}
	for i := range max(len(rep.Markets), len(markets)) {
		switch {
		case i >= len(markets):
			t.Errorf("extra market %+v", got(rep.Markets[i]))
		case i >= len(rep.Markets):
			t.Errorf("missing market %+v", markets[i])
		case !reflect.DeepEqual(got(rep.Markets[i]), markets[i]):
			t.Errorf("market %d:\n got %+v\nwant %+v\ntext: %q", i, got(rep.Markets[i]), markets[i], rep.Markets[i].Text)
		}
	}
	if len(rep.Unreadable) > 0 {
		t.Errorf("unreadable headings: %v", rep.Unreadable)
	}
}

// checkDraft imports the report against the test data and checks the files written: the
// entries' markets, the new market files, and that the draft validates except for its
// placeholder summaries, each reported with file, line and field.
func checkDraft(t *testing.T, path, edition string, slugs, devs, newFiles []string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "draft")
	opt := importer.Options{Edition: edition, Report: path, DataDir: "testdata/data", OutDir: out,
		URL: "https://report.example.org/" + edition + ".pdf", Published: edition[len(edition)-4:] + "-12-20"}
	res, err := importer.Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	set, problems, err := dataset.Load(out) // the draft alone: an edition and new markets
	if err != nil {
		t.Fatal(err)
	}
	_ = problems
	var e *dataset.Edition
	if len(set.Editions) == 1 {
		e = set.Editions[0]
	} else {
		t.Fatalf("draft has %d editions", len(set.Editions))
	}
	// What data/ already says of the edition, and the report does not, is carried over.
	old, _, err := dataset.Load(opt.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	var wantFull dataset.FullyRecorded
	for _, oe := range old.Editions {
		if oe.ID() == edition {
			wantFull = oe.FullyRecorded
		}
	}
	if !reflect.DeepEqual(e.FullyRecorded, wantFull) {
		t.Errorf("draft fully_recorded %+v, want %+v as in data/", e.FullyRecorded, wantFull)
	}
	var gotSlugs, gotDevs, gotNew []string
	for _, en := range e.Entries {
		gotSlugs = append(gotSlugs, en.Market)
		if en.Sources[0] != opt.URL {
			t.Errorf("entry %s cites %v, want the report's URL first", en.Market, en.Sources)
		}
	}
	for _, d := range e.Developments {
		gotDevs = append(gotDevs, d.Market)
	}
	for _, m := range set.Markets {
		gotNew = append(gotNew, m.Slug)
	}
	slices.Sort(gotNew)
	newFiles = slices.Sorted(slices.Values(newFiles))
	if !slices.Equal(gotSlugs, slugs) || !slices.Equal(gotDevs, devs) || !slices.Equal(gotNew, newFiles) {
		t.Errorf("draft: entries %v, developments %v, new markets %v;\nwant %v, %v, %v", gotSlugs, gotDevs, gotNew, slugs, devs, newFiles)
	}
	if res.Matched+res.New != len(slugs)+len(devs) || res.New != len(newFiles) {
		t.Errorf("matched %d, new %d; want %d new of %d", res.Matched, res.New, len(newFiles), len(slugs)+len(devs))
	}
	// Moved into a copy of the data, the draft is valid but for its placeholder summaries.
	data := copyTree(t, "testdata/data")
	for _, f := range res.Written {
		rel, _ := filepath.Rel(out, f)
		dst := filepath.Join(data, rel)
		os.Remove(dst)
		copyFile(t, f, dst)
	}
	full, problems, err := dataset.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	problems = append(problems, validate.Check(full, validate.Options{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})...)
	placeholders := 0
	for _, p := range problems {
		if strings.Contains(p.Message, "placeholder") && strings.HasSuffix(p.Field, ".summary") && p.Line > 0 &&
			strings.HasSuffix(p.File, filepath.Join("editions", edition+".yaml")) {
			placeholders++
			continue
		}
		t.Errorf("draft problem: %s", p)
	}
	if placeholders != res.Placeholders || placeholders == 0 {
		t.Errorf("%d placeholder problems, want %d (one per placeholder summary)", placeholders, res.Placeholders)
	}
	// A second import into the same folder writes nothing.
	if _, err := importer.Run(opt); err == nil || !strings.Contains(err.Error(), "not overwriting") {
		t.Errorf("second import: %v, want a refusal to overwrite", err)
	}
}

func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
