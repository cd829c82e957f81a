package opendata_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
)

// TestPublishedFilesMatchTheData builds the site from data/ and reads every open-data file,
// the feed and the sitemap back, checking each against the data as loaded from the YAML.
func TestPublishedFilesMatchTheData(t *testing.T) {
	root := sitetest.Root(t)
	set, problems, err := dataset.Load(filepath.Join(root, "data"))
	if err != nil || len(problems) > 0 {
		t.Fatalf("data: %v %v", err, problems)
	}
	s := sitetest.Build(t, sitetest.Options{BaseURL: "https://example.github.io/watch/", HandWritten: true})
	exists := func(rel string) bool {
		_, err := os.Stat(filepath.Join(s.Public, filepath.FromSlash(rel)))
		return err == nil
	}
	readJSON := func(rel string, v any) []byte {
		t.Helper()
		b := []byte(s.Read(t, rel))
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		// Every field of the schema is written, at every level: the file read into its type
		// and written again is the same JSON value.
		again, _ := json.Marshal(v)
		if got, want := generic(t, b), generic(t, again); !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from its schema type written back:\n got %.300v\nwant %.300v", rel, got, want)
		}
		return b
	}
	var docKeys []string // every JSON key published, to check against the Data page
	keys := func(b []byte) {
		var v any
		json.Unmarshal(b, &v)
		collectKeys(v, &docKeys)
	}

	// The whole dataset.
	var ds opendata.Dataset
	keys(readJSON(opendata.DatasetJSON, &ds))
	if ds.SchemaVersion != opendata.SchemaVersion || ds.Documentation != "data/" || !exists("data/index.html") {
		t.Errorf("nmw.json: schema_version %d, documentation %q", ds.SchemaVersion, ds.Documentation)
	}
	if len(ds.Editions) != len(set.Editions) || len(ds.Markets) != len(set.Markets) || len(ds.Publishers) != len(set.Publishers) {
		t.Fatalf("nmw.json: %d editions, %d markets, %d publishers; data has %d, %d, %d",
			len(ds.Editions), len(ds.Markets), len(ds.Publishers), len(set.Editions), len(set.Markets), len(set.Publishers))
	}
	rows := 0
	for i, e := range set.Editions {
		got := ds.Editions[i]
		if got.ID != e.ID() || got.Title != e.Title || got.Published != e.Published || got.URL != e.URL || got.Year != e.Year {
			t.Errorf("nmw.json edition %d = %s %q %s; data: %s %q %s", i, got.ID, got.Title, got.Published, e.ID(), e.Title, e.Published)
		}
		if !exists(got.Page + "index.html") {
			t.Errorf("edition %s: page %s does not exist", got.ID, got.Page)
		}
		if len(got.Entries) != len(e.Entries) || len(got.Developments) != len(e.Developments) {
			t.Errorf("edition %s: %d entries, %d developments; data has %d, %d", e.ID(), len(got.Entries), len(got.Developments), len(e.Entries), len(e.Developments))
			continue
		}
		rows += len(e.Entries)
		for j, en := range e.Entries {
			g := got.Entries[j]
			if g.Market != en.Market || g.Section != en.Section || g.Summary != strings.TrimSpace(en.Summary) || !slices.Equal(g.Sources, en.Sources) {
				t.Errorf("edition %s entry %d = %+v; data: %+v", e.ID(), j, g, en)
			}
		}

		// The edition's own file.
		var ef opendata.EditionFile
		keys(readJSON(opendata.EditionsDir+e.ID()+".json", &ef))
		if ef.Edition.ID != e.ID() || len(ef.Edition.Entries) != len(e.Entries) || ef.Publisher.ID != e.Publisher {
			t.Errorf("%s.json: edition %s with %d entries by %s", e.ID(), ef.Edition.ID, len(ef.Edition.Entries), ef.Publisher.ID)
		}
		named := map[string]bool{}
		for _, m := range ef.Markets {
			named[m.Slug] = true
		}
		for _, en := range e.Entries {
			if !named[en.Market] {
				t.Errorf("%s.json: market %s listed but not described", e.ID(), en.Market)
			}
		}
	}
	wantDomains := map[string][]string{} // domain → "slug relation"
	for i, m := range set.Markets {
		g := ds.Markets[i]
		if g.Slug != m.Slug || g.Name != m.Name || g.Kind != m.Kind || g.Country != m.Country || !slices.Equal(g.Categories, m.Categories) {
			t.Errorf("nmw.json market %d = %s %q %s; data: %s %q %s", i, g.Slug, g.Name, g.Kind, m.Slug, m.Name, m.Kind)
		}
		if !exists(g.Page + "index.html") {
			t.Errorf("market %s: page %s does not exist", g.Slug, g.Page)
		}
		for rel, ds := range map[string][]string{"current": m.Domains.Current, "former": m.Domains.Former, "mirror": m.Domains.Mirrors} {
			for _, d := range ds {
				c, err := domain.Canonical(d)
				if err != nil {
					t.Fatal(err)
				}
				wantDomains[c] = append(wantDomains[c], m.Slug+" "+rel)
			}
		}
	}

	// The CSV: one row per market per edition.
	f, err := os.Open(filepath.Join(s.Public, "data", "listings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("listings.csv: %v", err)
	}
	if !slices.Equal(records[0], opendata.CSVHeader) || len(records)-1 != rows {
		t.Fatalf("listings.csv: header %v and %d rows; want %d rows", records[0], len(records)-1, rows)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	r := 1
	for _, e := range set.Editions {
		for _, en := range e.Entries {
			row := records[r]
			r++
			m := set.Market(en.Market)
			page := ""
			if en.Page > 0 {
				page = strconv.Itoa(en.Page)
			}
			if row[col["edition"]] != e.ID() || row[col["market"]] != en.Market || row[col["market_name"]] != m.Name ||
				row[col["section"]] != en.Section || row[col["report_page"]] != page ||
				row[col["summary"]] != strings.Join(strings.Fields(en.Summary), " ") ||
				row[col["sources"]] != strings.Join(en.Sources, " ") || row[col["published"]] != e.Published {
				t.Errorf("listings.csv row %d = %v; data: %s %+v", r-1, row, e.ID(), en)
			}
		}
	}

	// The look-up API: one file per listed domain, and an index naming exactly those files.
	var index opendata.DomainIndex
	keys(readJSON(opendata.DomainsJSON, &index))
	if len(index.Domains) != len(wantDomains) {
		t.Errorf("domains.json lists %d domains; the data has %d", len(index.Domains), len(wantDomains))
	}
	files, _ := filepath.Glob(filepath.Join(s.Public, "api", "domains", "*.json"))
	if len(files) != len(wantDomains) {
		t.Errorf("%d files in api/domains/; the data has %d domains", len(files), len(wantDomains))
	}
	for _, e := range index.Domains {
		var df opendata.DomainFile
		keys(readJSON(e.Path, &df))
		var got []string
		for _, m := range df.Markets {
			got = append(got, m.Slug+" "+m.Relation)
			if !exists(m.Page + "index.html") {
				t.Errorf("%s: page %s does not exist", e.Path, m.Page)
			}
		}
		want := wantDomains[e.Domain]
		sort.Strings(got)
		sort.Strings(want)
		if df.Domain != e.Domain || !slices.Equal(got, want) {
			t.Errorf("%s: domain %s, markets %v; data: %v", e.Path, df.Domain, got, want)
		}
	}
	if len(wantDomains) > 0 && len(index.Domains) == 0 {
		t.Error("no look-up files")
	}

	// The feed: one item per edition, and one per public response (issue 36), linking to the
	// market it concerns.
	var feed struct {
		Items []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			PubDate string `xml:"pubDate"`
			GUID    string `xml:"guid"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal([]byte(s.Read(t, "index.xml")), &feed); err != nil {
		t.Fatalf("index.xml: %v", err)
	}
	var guids []string
	for _, it := range feed.Items {
		guids = append(guids, it.GUID)
		page := "https://example.github.io/watch/years/"
		if strings.HasPrefix(it.GUID, "nmw-response-") && !strings.HasPrefix(it.Link, page) {
			page = "https://example.github.io/watch/markets/" // a response concerning one market
		}
		if !strings.HasPrefix(it.Link, page) || it.PubDate == "" {
			t.Errorf("feed item %q: link %q, date %q", it.Title, it.Link, it.PubDate)
		}
	}
	for _, e := range set.Editions {
		if !slices.Contains(guids, "nmw-edition-"+e.ID()) {
			t.Errorf("feed announces no edition %s", e.ID())
		}
	}
	responses := 0
	for _, m := range set.Markets {
		responses += len(m.Responses)
	}
	for _, e := range set.Editions {
		responses += len(e.Responses)
	}
	if len(feed.Items) != len(set.Editions)+responses {
		t.Errorf("feed has %d items for %d editions and %d responses", len(feed.Items), len(set.Editions), responses)
	}

	// The English sitemap names every market page, under the base URL.
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	// With several languages sitemap.xml is an index; English is en/sitemap.xml.
	if err := xml.Unmarshal([]byte(s.Read(t, "en/sitemap.xml")), &sm); err != nil {
		t.Fatalf("en/sitemap.xml: %v", err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
	}
	for _, m := range set.Markets {
		if !locs["https://example.github.io/watch/markets/"+m.Slug+"/"] {
			t.Errorf("sitemap lacks market %s", m.Slug)
		}
	}
	if !locs["https://example.github.io/watch/data/"] {
		t.Error("sitemap lacks the Data page")
	}

	// The Data page documents every field the files hold.
	page := s.Read(t, "data/index.html")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`<code>([^<]+)</code>`).FindAllStringSubmatch(page, -1) {
		documented[m[1]] = true
	}
	for _, k := range docKeys {
		if !documented[k] {
			t.Errorf("field %q is published but not documented on the Data page", k)
		}
	}
	for _, h := range opendata.CSVHeader {
		if !documented[h] {
			t.Errorf("CSV column %q is not documented on the Data page", h)
		}
	}
	sitetest.Contains(t, "Data page", page, "CC BY 4.0", `rel="license"`, "sources")
}

// collectKeys appends every object key found in v, once.
func collectKeys(v any, keys *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !slices.Contains(*keys, k) {
				*keys = append(*keys, k)
			}
			collectKeys(e, keys)
		}
	case []any:
		for _, e := range x {
			collectKeys(e, keys)
		}
	}
}

// generic reads JSON into maps, slices and plain values.
func generic(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
