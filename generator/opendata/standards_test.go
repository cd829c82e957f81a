package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
	"github.com/notorious-markets-watch/nmw/generator/place"
)

const standardsBase = "https://example.github.io/watch/"

// TestStandards builds the site from data/ and checks its machine-readable files against the
// standards their readers expect: every JSON file against its published JSON Schema, the
// Frictionless data package against the files it describes, the RSS feed and the sitemap, and
// robots.txt, the sitemaps and the feeds as crawlers and feed readers parse them.
func TestStandards(t *testing.T) {
	s := sitetest.Build(t, sitetest.Options{BaseURL: standardsBase, HandWritten: true})
	t.Run("schemas", func(t *testing.T) { testSchemas(t, s) })
	t.Run("datapackage", func(t *testing.T) { testDataPackage(t, s) })
	t.Run("feed", func(t *testing.T) { testFeed(t, s) })
	t.Run("sitemap", func(t *testing.T) { testSitemap(t, s) })
	t.Run("readers", func(t *testing.T) { testReaders(t, s) })
}

// compileSchemas compiles every published schema, each known by its $id, and returns them by
// path below data/schema/ (v1/nmw.schema.json).
func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	ids := map[string]string{}
	err := fs.WalkDir(opendata.Schemas(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(opendata.Schemas(), p)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		obj, _ := doc.(map[string]any)
		id, _ := obj["$id"].(string)
		if want := opendata.SiteURL + opendata.SchemaDir + p; id != want {
			t.Errorf("schema %s: $id %q, want %q (its published address)", p, id, want)
		}
		if obj["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("schema %s: $schema %v, want draft 2020-12", p, obj["$schema"])
		}
		ids[p] = id
		return c.AddResource(id, doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*jsonschema.Schema{}
	for p, id := range ids {
		sch, err := c.Compile(id)
		if err != nil {
			t.Fatalf("schema %s: %v", p, err)
		}
		out[p] = sch
	}
	return out
}

// schemaFor names the schema, of the current version, of a published JSON file.
func schemaFor(rel string) string {
	// Each language has its own check index and statistics numbers, below its folder.
	for lang := range place.Languages {
		if r, ok := strings.CutPrefix(rel, lang+"/"); ok && (r == "check.json" || r == "statistics/index.json") {
			rel = r
		}
	}
	switch {
	case rel == opendata.DatasetJSON:
		return opendata.DatasetSchema
	case strings.HasPrefix(rel, opendata.EditionsDir):
		return opendata.EditionSchema
	case rel == opendata.DomainsJSON:
		return opendata.DomainsSchema
	case strings.HasPrefix(rel, opendata.DomainsDir):
		return opendata.DomainSchema
	case rel == "statistics/index.json":
		return opendata.StatisticsSchema
	case rel == "check.json":
		return opendata.CheckSchema
	}
	return ""
}

func validateJSON(sch *jsonschema.Schema, b []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(v)
}

func testSchemas(t *testing.T, s *sitetest.Site) {
	schemas := compileSchemas(t)
	current := fmt.Sprintf("v%d/", opendata.SchemaVersion)
	for _, name := range []string{opendata.DatasetSchema, opendata.EditionSchema, opendata.DomainsSchema, opendata.DomainSchema, opendata.StatisticsSchema, opendata.CheckSchema} {
		if schemas[current+name] == nil {
			t.Fatalf("no schema %s%s", current, name)
		}
		if opendata.SchemaID(name) != opendata.SiteURL+opendata.SchemaPath(name) || !strings.Contains(opendata.SchemaPath(name), "/"+current) {
			t.Errorf("schema %s: path %s and $id %s do not name version %d", name, opendata.SchemaPath(name), opendata.SchemaID(name), opendata.SchemaVersion)
		}
	}
	// The version a file states is the version of the schema it follows: every schema of a
	// version folder requires exactly that schema_version.
	for p, sch := range schemas {
		v, _ := strconv.Atoi(strings.TrimPrefix(strings.SplitN(p, "/", 2)[0], "v"))
		for _, sv := range []int{v, v + 1} {
			err := sch.Validate(map[string]any{"schema_version": json.Number(strconv.Itoa(sv))})
			says := err == nil || !strings.Contains(fmt.Sprintf("%#v", err), "schema_version")
			if says != (sv == v) {
				t.Errorf("schema %s: schema_version %d accepted = %v, want %v: %v", p, sv, says, sv == v, err)
			}
		}
	}

	// Every JSON file of the built site matches its schema; every schema is published.
	files := 0
	bySchema := map[string]int{}
	err := filepath.WalkDir(s.Public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, _ := filepath.Rel(s.Public, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, opendata.SchemaDir) || rel == opendata.DataPackageJSON || strings.HasPrefix(rel, extension.Folder+"/") || path.Base(rel) == "cite.json" {
			// Not open data: the browser extension's manifest, and the pages' CSL-JSON citations
			// (a format with its own schema, checked in generator/sitecheck).
			return nil
		}
		name := schemaFor(rel)
		if name == "" {
			t.Errorf("%s: a published JSON file with no schema", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var head struct {
			SchemaVersion *int `json:"schema_version"`
		}
		if err := json.Unmarshal(b, &head); err != nil || head.SchemaVersion == nil || *head.SchemaVersion != opendata.SchemaVersion {
			t.Errorf("%s: schema_version is not %d (%v)", rel, opendata.SchemaVersion, err)
		}
		if err := validateJSON(schemas[current+name], b); err != nil {
			t.Errorf("%s does not match %s:\n%v", rel, name, err)
		}
		files++
		bySchema[name]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{opendata.DatasetSchema, opendata.EditionSchema, opendata.DomainsSchema, opendata.DomainSchema, opendata.StatisticsSchema, opendata.CheckSchema} {
		if bySchema[name] == 0 {
			t.Errorf("no built file was checked against %s", name)
		}
	}
	t.Logf("%d JSON files valid: %v", files, bySchema)

	dataPage := s.Read(t, "data/index.html")
	for p := range schemas {
		rel := opendata.SchemaDir + p
		if _, err := os.Stat(filepath.Join(s.Public, filepath.FromSlash(rel))); err != nil {
			t.Errorf("schema %s is not published: %v", p, err)
		}
		if strings.HasPrefix(p, current) && !strings.Contains(dataPage, `href="/watch/`+rel+`"`) {
			t.Errorf("the Data page does not link the schema %s", rel)
		}
	}
	sitetest.Contains(t, "Data page", dataPage, `href="/watch/`+opendata.DataPackageJSON+`"`)

	// A file that does not match is rejected, with the place named.
	nmw := []byte(s.Read(t, opendata.DatasetJSON))
	broken := map[string]func(ds map[string]any){
		"a market of an unknown kind": func(ds map[string]any) { ds["markets"].([]any)[0].(map[string]any)["kind"] = "flying" },
		"an edition without a year":   func(ds map[string]any) { delete(ds["editions"].([]any)[0].(map[string]any), "year") },
		"an unknown field":            func(ds map[string]any) { ds["extra"] = true },
		"a later schema_version":      func(ds map[string]any) { ds["schema_version"] = opendata.SchemaVersion + 1 },
		"a domain with a path": func(ds map[string]any) {
			ds["markets"].([]any)[0].(map[string]any)["domains"].(map[string]any)["current"] = []any{"example.com/shop"}
		},
		"a source that is no URL": func(ds map[string]any) { ds["editions"].([]any)[0].(map[string]any)["sources"] = []any{"the report"} },
		// issue 36: data/ records Taobao's response to USTR 2016 and that edition's issue focus
		"a response without sources": func(ds map[string]any) {
			delete(withField(t, ds["markets"], "responses")["responses"].([]any)[0].(map[string]any), "sources")
		},
		"a market's response without its edition": func(ds map[string]any) {
			delete(withField(t, ds["markets"], "responses")["responses"].([]any)[0].(map[string]any), "edition")
		},
		"a response of an unknown field": func(ds map[string]any) {
			withField(t, ds["markets"], "responses")["responses"].([]any)[0].(map[string]any)["changes_status"] = true
		},
		"a focus without a title": func(ds map[string]any) {
			delete(withField(t, ds["editions"], "focus")["focus"].(map[string]any), "title")
		},
	}
	for what, breakIt := range broken {
		var ds map[string]any
		if err := json.Unmarshal(nmw, &ds); err != nil {
			t.Fatal(err)
		}
		breakIt(ds)
		b, _ := json.Marshal(ds)
		if err := validateJSON(schemas[current+opendata.DatasetSchema], b); err == nil {
			t.Errorf("nmw.json with %s passes its schema", what)
		}
	}
}

// withField returns the first object of a JSON list that has the field.
func withField(t *testing.T, list any, field string) map[string]any {
	t.Helper()
	for _, o := range list.([]any) {
		if m := o.(map[string]any); m[field] != nil {
			return m
		}
	}
	t.Fatalf("no object with %s in nmw.json", field)
	return nil
}

func testDataPackage(t *testing.T, s *sitetest.Site) {
	var dp opendata.DataPackage
	dec := json.NewDecoder(strings.NewReader(s.Read(t, opendata.DataPackageJSON)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&dp); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	// The licence is the one the Data page states.
	var conf struct {
		Params struct{ Data struct{ LicenceURL string } }
	}
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := toml.Unmarshal(b, &conf); err != nil {
		t.Fatal(err)
	}
	if len(dp.Licenses) != 1 || dp.Licenses[0].Path != conf.Params.Data.LicenceURL || conf.Params.Data.LicenceURL == "" {
		t.Errorf("datapackage.json licences %+v; hugo.toml states %q", dp.Licenses, conf.Params.Data.LicenceURL)
	}
	if len(dp.Sources) == 0 || dp.Name == "" || dp.Profile != "data-package" {
		t.Errorf("datapackage.json: name %q, profile %q, sources %+v", dp.Name, dp.Profile, dp.Sources)
	}
	name := regexp.MustCompile(`^[a-z0-9._-]+$`)
	seen := map[string]bool{}
	csvs, editions := 0, 0
	for _, r := range dp.Resources {
		if !name.MatchString(r.Name) || seen[r.Name] {
			t.Errorf("resource name %q is not a unique lower-case name", r.Name)
		}
		seen[r.Name] = true
		if strings.Contains(r.Path, "..") || strings.HasPrefix(r.Path, "/") {
			t.Errorf("resource %s: path %q is not below the package", r.Name, r.Path)
		}
		data, err := os.ReadFile(filepath.Join(s.Public, filepath.FromSlash(r.Path)))
		if err != nil {
			t.Errorf("resource %s: %v", r.Name, err)
			continue
		}
		switch r.Format {
		case "csv":
			csvs++
			checkCSV(t, r, data)
		case "json":
			if !json.Valid(data) {
				t.Errorf("resource %s: %s is not JSON", r.Name, r.Path)
			}
			if _, err := os.Stat(filepath.Join(s.Public, filepath.FromSlash(r.JSONSchema))); err != nil || r.JSONSchema != opendata.SchemaPath(schemaFor(r.Path)) {
				t.Errorf("resource %s: JSON Schema %q (%v)", r.Name, r.JSONSchema, err)
			}
			if strings.HasPrefix(r.Path, opendata.EditionsDir) {
				editions++
			}
		default:
			t.Errorf("resource %s: format %q", r.Name, r.Format)
		}
	}
	files, _ := filepath.Glob(filepath.Join(s.Public, filepath.FromSlash(opendata.EditionsDir), "*.json"))
	if csvs != 2 || editions != len(files) || !seen["dataset"] || !seen["domains"] {
		t.Errorf("datapackage.json describes %d CSV, %d of %d edition files; dataset %v, domains %v", csvs, editions, len(files), seen["dataset"], seen["domains"])
	}
}

// checkCSV checks a CSV resource against its Table Schema: the header names the declared fields
// in order, every value has its field's type and constraints, and the primary key is unique.
func checkCSV(t *testing.T, r opendata.Resource, data []byte) {
	if r.Schema == nil || r.Dialect == nil || !r.Dialect.Header || r.Dialect.Delimiter != "," {
		t.Fatalf("resource %s: schema %v, dialect %+v", r.Name, r.Schema, r.Dialect)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("resource %s: %d rows, %v", r.Name, len(rows), err)
	}
	var names []string
	for _, f := range r.Schema.Fields {
		names = append(names, f.Name)
	}
	if !slices.Equal(rows[0], names) {
		t.Fatalf("resource %s: header %v, declared fields %v", r.Name, rows[0], names)
	}
	keys := map[string]int{}
	for i, row := range rows[1:] {
		line := i + 2
		var key []string
		for j, f := range r.Schema.Fields {
			v := row[j]
			if slices.Contains(r.Schema.PrimaryKey, f.Name) {
				key = append(key, v)
			}
			if err := checkValue(f, v, slices.Contains(r.Schema.MissingValues, v)); err != nil {
				t.Errorf("%s line %d, %s: %v", r.Path, line, f.Name, err)
			}
		}
		k := strings.Join(key, "\x00")
		if prev, dup := keys[k]; dup && len(r.Schema.PrimaryKey) > 0 {
			t.Errorf("%s line %d: primary key %v repeats line %d", r.Path, line, key, prev)
		}
		keys[k] = line
	}
}

func checkValue(f opendata.CSVField, v string, missing bool) error {
	c := f.Constraints
	if missing {
		if c != nil && c.Required {
			return fmt.Errorf("required, but empty")
		}
		return nil
	}
	switch f.Type {
	case "integer":
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%q is not an integer", v)
		}
		if c != nil && c.Minimum != nil && n < *c.Minimum {
			return fmt.Errorf("%d is below %d", n, *c.Minimum)
		}
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
	case "string":
		if f.Format == "uri" {
			if u, err := url.Parse(v); err != nil || !u.IsAbs() {
				return fmt.Errorf("%q is not an absolute URI", v)
			}
		}
	default:
		return fmt.Errorf("type %q is not checked here", f.Type)
	}
	if c != nil && len(c.Enum) > 0 && !slices.Contains(c.Enum, v) {
		return fmt.Errorf("%q is not one of %v", v, c.Enum)
	}
	if c != nil && c.Pattern != "" && !regexp.MustCompile(`^(?:`+c.Pattern+`)$`).MatchString(v) {
		return fmt.Errorf("%q does not match %s", v, c.Pattern)
	}
	return nil
}

// xmlText is an element's name and text.
type xmlText struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

func testFeed(t *testing.T, s *sitetest.Site) {
	raw := s.Read(t, "index.xml")
	var feed struct {
		XMLName xml.Name
		Version string `xml:"version,attr"`
		Channel struct {
			Title       string    `xml:"title"`
			Links       []xmlText `xml:"link"` // RSS's link, and atom:link
			Description string    `xml:"description"`
			Items       []struct {
				Title       string `xml:"title"`
				Link        string `xml:"link"`
				Description string `xml:"description"`
				GUID        string `xml:"guid"`
				PubDate     string `xml:"pubDate"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	dec := xml.NewDecoder(strings.NewReader(raw))
	dec.Strict = true
	if err := dec.Decode(&feed); err != nil {
		t.Fatalf("index.xml is not well-formed XML: %v", err)
	}
	ch := feed.Channel
	link := ""
	for _, l := range ch.Links {
		if l.XMLName.Space == "" {
			link = l.Text
		}
	}
	if feed.XMLName.Local != "rss" || feed.Version != "2.0" {
		t.Errorf("index.xml: root <%s version=%q>, want <rss version=\"2.0\">", feed.XMLName.Local, feed.Version)
	}
	if ch.Title == "" || ch.Description == "" || link != standardsBase {
		t.Errorf("channel: title %q, link %q, description %q", ch.Title, link, ch.Description)
	}
	if len(ch.Items) == 0 {
		t.Fatal("the feed has no items")
	}
	guids := map[string]bool{}
	for _, it := range ch.Items {
		if it.Title == "" || it.Description == "" || it.GUID == "" || !strings.HasPrefix(it.Link, standardsBase) {
			t.Errorf("item %q: link %q, guid %q, description %q", it.Title, it.Link, it.GUID, it.Description)
		}
		if guids[it.GUID] {
			t.Errorf("item %q: guid %q repeats", it.Title, it.GUID)
		}
		guids[it.GUID] = true
		// RFC 822 with a four-digit year and a numeric zone, as RSS 2.0 asks.
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("item %q: pubDate %q is not an RFC 822 date: %v", it.Title, it.PubDate, err)
		}
	}
}

// w3cDate is a W3C Datetime (https://www.w3.org/TR/NOTE-datetime), as sitemaps use for lastmod.
var w3cDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$`)

// testSitemap checks sitemap.xml: with one language a urlset, with several (as here) an index
// of one urlset per language, each checked.
func testSitemap(t *testing.T, s *sitetest.Site) {
	raw := s.Read(t, "sitemap.xml")
	var index struct {
		XMLName xml.Name
		Maps    []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal([]byte(raw), &index); err != nil {
		t.Fatalf("sitemap.xml is not well-formed XML: %v", err)
	}
	if index.XMLName.Local != "sitemapindex" {
		testURLSet(t, "sitemap.xml", raw)
		return
	}
	if index.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || len(index.Maps) < 2 {
		t.Errorf("sitemap.xml: index {%s}%s of %d sitemaps, want the sitemaps.org sitemapindex of one per language", index.XMLName.Space, index.XMLName.Local, len(index.Maps))
	}
	for _, m := range index.Maps {
		rel, ok := strings.CutPrefix(m.Loc, standardsBase)
		if !ok {
			t.Errorf("sitemap.xml: %q is not under %s", m.Loc, standardsBase)
			continue
		}
		testURLSet(t, rel, s.Read(t, rel))
	}
}

// testURLSet checks one sitemaps.org urlset.
func testURLSet(t *testing.T, name, raw string) {
	var sm struct {
		XMLName xml.Name
		URLs    []struct {
			Loc        string `xml:"loc"`
			LastMod    string `xml:"lastmod"`
			ChangeFreq string `xml:"changefreq"`
			Priority   string `xml:"priority"`
		} `xml:"url"`
	}
	dec := xml.NewDecoder(strings.NewReader(raw))
	dec.Strict = true
	if err := dec.Decode(&sm); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", name, err)
	}
	if sm.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || sm.XMLName.Local != "urlset" {
		t.Errorf("%s root is {%s}%s, want the sitemaps.org urlset", name, sm.XMLName.Space, sm.XMLName.Local)
	}
	if len(sm.URLs) == 0 || len(sm.URLs) > 50000 || len(raw) > 50<<20 {
		t.Errorf("%s: %d URLs in %d bytes; sitemaps.org allows 1 to 50,000 in 50 MB", name, len(sm.URLs), len(raw))
	}
	seen := map[string]bool{}
	for _, u := range sm.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || !p.IsAbs() || !strings.HasPrefix(u.Loc, standardsBase) || len(u.Loc) >= 2048 {
			t.Errorf("loc %q is not an absolute URL under %s (%v)", u.Loc, standardsBase, err)
		}
		if seen[u.Loc] {
			t.Errorf("loc %q repeats", u.Loc)
		}
		seen[u.Loc] = true
		if u.LastMod != "" {
			if !w3cDate.MatchString(u.LastMod) {
				t.Errorf("%s: lastmod %q is not a W3C datetime", u.Loc, u.LastMod)
			} else if _, err := time.Parse(time.DateOnly, u.LastMod[:min(10, len(u.LastMod))]); len(u.LastMod) >= 10 && err != nil {
				t.Errorf("%s: lastmod %q is no date: %v", u.Loc, u.LastMod, err)
			}
		}
		if u.ChangeFreq != "" && !slices.Contains([]string{"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}, u.ChangeFreq) {
			t.Errorf("%s: changefreq %q", u.Loc, u.ChangeFreq)
		}
		if u.Priority != "" {
			if f, err := strconv.ParseFloat(u.Priority, 64); err != nil || f < 0 || f > 1 {
				t.Errorf("%s: priority %q", u.Loc, u.Priority)
			}
		}
	}
}

// TestCSVValueCheck shows the data package test rejects values that break their field's declaration.
func TestCSVValueCheck(t *testing.T) {
	field := map[string]opendata.CSVField{}
	for _, f := range opendata.CSVFields {
		field[f.Name] = f
	}
	for _, c := range []struct {
		field, value string
		ok           bool
	}{
		{"year", "2024", true},
		{"year", "2024.0", false},
		{"report_page", "12", true},
		{"report_page", "", true},
		{"report_page", "0", false},
		{"report_page", "p. 12", false},
		{"edition", "", false},
		{"kind", "online", true},
		{"kind", "flying", false},
		{"published", "2024-01", true},
		{"published", "January 2024", false},
		{"edition_url", "https://ustr.gov/x.pdf", true},
		{"edition_url", "ustr.gov/x.pdf", false},
	} {
		err := checkValue(field[c.field], c.value, c.value == "")
		if (err == nil) != c.ok {
			t.Errorf("%s %q: error %v, want ok %v", c.field, c.value, err, c.ok)
		}
	}
}
