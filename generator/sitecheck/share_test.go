package sitecheck_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/extension"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
)

// sharedPages are the pages with a preview card and (but the home page) a citation: the home
// page, every market page and every edition (year) page, as paths below public/.
func sharedPages(t *testing.T, s *sitetest.Site) (home string, markets, years []string) {
	t.Helper()
	markets, _ = filepath.Glob(filepath.Join(s.Public, "markets", "*", "index.html"))
	years, _ = filepath.Glob(filepath.Join(s.Public, "years", "*", "index.html"))
	if len(markets) < 100 || len(years) < 10 {
		t.Fatalf("only %d market and %d year pages", len(markets), len(years))
	}
	return filepath.Join(s.Public, "index.html"), markets, years
}

func parsePage(t *testing.T, file string) *html.Node {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

// metas maps each <meta property> and <meta name> of a page to its content.
func metas(doc *html.Node) map[string]string {
	out := map[string]string{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "meta" {
			if k := attrOf(n, "property") + attrOf(n, "name"); k != "" {
				out[k] = attrOf(n, "content")
			}
		}
	}
	return out
}

func hasClass(n *html.Node, c string) bool {
	return slices.Contains(strings.Fields(attrOf(n, "class")), c)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// local is the file below public/ that an absolute address of the sub-path build names.
func local(t *testing.T, s *sitetest.Site, page, url string) string {
	t.Helper()
	if !strings.HasPrefix(url, subPathURL) {
		t.Errorf("%s: %q is not below the base URL %s", page, url, subPathURL)
		return ""
	}
	return filepath.Join(s.Public, filepath.FromSlash(strings.TrimPrefix(url, subPathURL)))
}

// TestPreviewCards: the home, market and edition pages have an og:image that exists, is a PNG
// of the size the page declares (1200×630), and a large-image card.
func TestPreviewCards(t *testing.T) {
	s := built(t, subPathURL)
	home, markets, years := sharedPages(t, s)
	seen := map[string]string{}
	for _, file := range append(append([]string{home}, markets...), years...) {
		rel, _ := filepath.Rel(s.Public, file)
		m := metas(parsePage(t, file))
		img := m["og:image"]
		if img == "" {
			t.Errorf("%s: no og:image", rel)
			continue
		}
		if m["og:image:width"] != "1200" || m["og:image:height"] != "630" || m["og:image:type"] != "image/png" || m["og:image:alt"] == "" {
			t.Errorf("%s: og:image declared as %s×%s %s, alt %q", rel, m["og:image:width"], m["og:image:height"], m["og:image:type"], m["og:image:alt"])
		}
		if m["twitter:card"] != "summary_large_image" || m["twitter:image"] != img {
			t.Errorf("%s: twitter:card %q, twitter:image %q", rel, m["twitter:card"], m["twitter:image"])
		}
		if other, ok := seen[img]; ok {
			t.Errorf("%s and %s share the preview %s", rel, other, img)
		}
		seen[img] = rel
		path := local(t, s, rel, img)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: og:image: %v", rel, err)
			continue
		}
		pic, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: og:image %s: %v", rel, img, err)
			continue
		}
		if w, h := pic.Bounds().Dx(), pic.Bounds().Dy(); w != 1200 || h != 630 {
			t.Errorf("%s: og:image is %d×%d, want 1200×630", rel, w, h)
		}
	}
	t.Logf("%d preview cards", len(seen))
}

// svgNode is an XML element read generically.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []svgNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// cell is what a timeline shows of one edition of one list.
type cell struct{ list, year, state, title, marks string }

func (c cell) String() string {
	return fmt.Sprintf("%s %s %s (%q, marks %q)", c.list, c.year, c.state, c.title, c.marks)
}

func svgCells(n svgNode, out *[]cell) {
	if n.XMLName.Local == "g" && n.attr("data-state") != "" {
		c := cell{list: n.attr("data-list"), year: n.attr("data-year"), state: n.attr("data-state")}
		for _, k := range n.Nodes {
			switch k.XMLName.Local {
			case "title":
				c.title = strings.TrimSpace(k.Text)
			case "text":
				c.marks += strings.TrimSpace(k.Text)
			}
		}
		*out = append(*out, c)
		return
	}
	for _, k := range n.Nodes {
		svgCells(k, out)
	}
}

// TestTimelineSVG: every market's timeline.svg is well-formed XML with a <title> naming the
// market, the site and the data's date, and shows the page's timeline cell for cell; the page
// offers it with an <img> snippet.
func TestTimelineSVG(t *testing.T) {
	s := built(t, subPathURL)
	_, markets, _ := sharedPages(t, s)
	for _, file := range markets {
		rel, _ := filepath.Rel(s.Public, file)
		doc := parsePage(t, file)
		var h1 string
		var want []cell
		var svgURL, snippet string
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch {
			case n.Data == "h1" && h1 == "":
				h1 = textOf(n)
			case n.Data == "g" && hasClass(n, "tl-cell"):
				c := cell{list: attrOf(n, "data-list"), year: attrOf(n, "data-year"), state: attrOf(n, "data-state")}
				for k := n.FirstChild; k != nil; k = k.NextSibling {
					switch {
					case k.Type == html.ElementNode && k.Data == "title":
						c.title = textOf(k)
					case k.Type == html.ElementNode && k.Data == "text":
						c.marks += textOf(k)
					}
				}
				want = append(want, c)
			case n.Data == "details" && hasClass(n, "embed"):
				for d := range n.Descendants() {
					if d.Type == html.ElementNode && d.Data == "a" && strings.HasSuffix(attrOf(d, "href"), "/timeline.svg") {
						svgURL = attrOf(d, "href")
					}
					if d.Type == html.ElementNode && d.Data == "code" {
						snippet = textOf(d)
					}
				}
			}
		}
		if len(want) == 0 || svgURL == "" {
			t.Errorf("%s: %d timeline cells, embed link %q", rel, len(want), svgURL)
			continue
		}
		abs := "https://" + hostOf(subPathURL) + svgURL
		if !strings.HasPrefix(snippet, `<img src="`+abs+`" alt="`) {
			t.Errorf("%s: embed snippet %q does not load %s", rel, snippet, abs)
		}
		b, err := os.ReadFile(local(t, s, rel, abs))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		var root svgNode
		dec := xml.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&root); err != nil {
			t.Errorf("%s: timeline.svg is not XML: %v", rel, err)
			continue
		}
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if cd, ok := tok.(xml.CharData); err != nil || !ok || len(bytes.TrimSpace(cd)) > 0 {
				t.Errorf("%s: timeline.svg has content after its root element: %v %v", rel, tok, err)
				break
			}
		}
		if root.XMLName.Space != "http://www.w3.org/2000/svg" || root.XMLName.Local != "svg" {
			t.Errorf("%s: timeline.svg's root is %v", rel, root.XMLName)
		}
		var title string
		for _, k := range root.Nodes {
			if k.XMLName.Local == "title" {
				title = k.Text
			}
		}
		if !strings.Contains(title, h1) || !strings.Contains(title, "Notorious Markets Watch") || !strings.Contains(title, "data as of ") {
			t.Errorf("%s: timeline.svg's <title> %q lacks the market, the site's name or the data's date", rel, title)
		}
		var got []cell
		svgCells(root, &got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: timeline.svg differs from the page's timeline:\n svg:  %v\n page: %v", rel, got, want)
		}
	}
}

// bibEntry is one BibTeX entry: its type, key and fields with TeX's escapes undone.
type bibEntry struct {
	Type, Key string
	Fields    map[string]string
}

// parseBibTeX reads BibTeX entries whose field values are in braces (nested braces allowed)
// or plain numbers, as the site writes them.
func parseBibTeX(src string) ([]bibEntry, error) {
	var out []bibEntry
	s := strings.TrimSpace(src)
	for s != "" {
		if s[0] != '@' {
			return nil, fmt.Errorf("expected @ at %q", head(s))
		}
		open := strings.IndexByte(s, '{')
		comma := strings.IndexByte(s, ',')
		if open < 0 || comma < open {
			return nil, fmt.Errorf("no entry key at %q", head(s))
		}
		e := bibEntry{Type: strings.ToLower(s[1:open]), Key: strings.TrimSpace(s[open+1 : comma]), Fields: map[string]string{}}
		s = s[comma+1:]
		for {
			s = strings.TrimSpace(s)
			if strings.HasPrefix(s, "}") {
				s = strings.TrimSpace(s[1:])
				break
			}
			eq := strings.IndexByte(s, '=')
			if eq < 0 {
				return nil, fmt.Errorf("entry %s: no = at %q", e.Key, head(s))
			}
			name := strings.ToLower(strings.TrimSpace(s[:eq]))
			s = strings.TrimSpace(s[eq+1:])
			var value string
			if strings.HasPrefix(s, "{") {
				depth, end := 0, -1
				for i := 0; i < len(s) && end < 0; i++ {
					switch s[i] {
					case '\\':
						i++
					case '{':
						depth++
					case '}':
						if depth--; depth == 0 {
							end = i
						}
					}
				}
				if end < 0 {
					return nil, fmt.Errorf("entry %s: field %s: unbalanced braces", e.Key, name)
				}
				value, s = s[1:end], s[end+1:]
			} else {
				i := strings.IndexAny(s, ",}")
				if i < 0 {
					return nil, fmt.Errorf("entry %s: field %s never ends", e.Key, name)
				}
				value, s = strings.TrimSpace(s[:i]), s[i:]
				if _, err := strconv.Atoi(value); err != nil {
					return nil, fmt.Errorf("entry %s: field %s: %q is neither braced nor a number", e.Key, name, value)
				}
			}
			if _, dup := e.Fields[name]; dup {
				return nil, fmt.Errorf("entry %s: field %s twice", e.Key, name)
			}
			e.Fields[name] = unTeX(value)
			s = strings.TrimSpace(s)
			if strings.HasPrefix(s, ",") {
				s = s[1:]
			} else if !strings.HasPrefix(s, "}") {
				return nil, fmt.Errorf("entry %s: expected , or } after field %s at %q", e.Key, name, head(s))
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func head(s string) string { return s[:min(len(s), 30)] }

// unTeX undoes the escapes the site writes and the braces that keep a title's case.
func unTeX(s string) string {
	s = strings.NewReplacer(`\textbackslash{}`, `\`, `\textasciitilde{}`, "~", `\textasciicircum{}`, "^",
		`\{`, "\x01", `\}`, "\x02", `\&`, "&", `\%`, "%", `\$`, "$", `\#`, "#", `\_`, "_").Replace(s)
	s = strings.NewReplacer("{", "", "}", "").Replace(s)
	return strings.NewReplacer("\x01", "{", "\x02", "}").Replace(s)
}

func TestParseBibTeX(t *testing.T) {
	got, err := parseBibTeX("@misc{k1,\n  title = {{A \\& B \\{x\\} 100\\%}},\n  year = 2024,\n}\n@book{k2, author={{X}}}")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Key != "k1" || got[0].Fields["title"] != "A & B {x} 100%" || got[0].Fields["year"] != "2024" || got[1].Type != "book" || got[1].Fields["author"] != "X" {
		t.Errorf("parsed %+v", got)
	}
	for _, bad := range []string{"@misc{k, title = {a}", "@misc{k, title = {a}} junk", "misc{k}", "@misc{k, title = x}"} {
		if _, err := parseBibTeX(bad); err == nil {
			t.Errorf("%q parsed without error", bad)
		}
	}
}

// dataDate is the date the site gives its data: the newest edition's publication date.
func dataDate(t *testing.T) string {
	t.Helper()
	set, problems, err := dataset.Load(filepath.Join(sitetest.Root(t), "data"))
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	newest := ""
	for _, e := range set.Editions {
		d, _, err := e.PublishedDate()
		if err != nil {
			t.Fatal(err)
		}
		if s := d.Format("2006-01-02"); s > newest {
			newest = e.Published
		}
	}
	return newest
}

// TestCitations: every market and edition page shows a citation and links its BibTeX and
// CSL-JSON files, which parse and carry the page's title, address and the data's date.
func TestCitations(t *testing.T) {
	s := built(t, subPathURL)
	_, markets, years := sharedPages(t, s)
	date := dataDate(t)
	parts := strings.Split(date, "-")
	for _, file := range append(markets, years...) {
		rel, _ := filepath.Rel(s.Public, file)
		doc := parsePage(t, file)
		var h1, canonical, citation, bib, csl string
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch {
			case n.Data == "h1" && h1 == "":
				h1 = textOf(n)
			case n.Data == "link" && attrOf(n, "rel") == "canonical":
				canonical = attrOf(n, "href")
			case n.Data == "p" && hasClass(n, "citation"):
				citation = textOf(n)
			case n.Data == "a" && strings.HasSuffix(attrOf(n, "href"), "/cite.bib"):
				bib = attrOf(n, "href")
			case n.Data == "a" && strings.HasSuffix(attrOf(n, "href"), "/cite.json"):
				csl = attrOf(n, "href")
			}
		}
		if want := "Notorious Markets Watch. “" + h1 + ".” Data as of "; !strings.HasPrefix(citation, want) || !strings.HasSuffix(citation, canonical) {
			t.Errorf("%s: citation %q, want %q… %s", rel, citation, want, canonical)
		}
		if bib == "" || csl == "" {
			t.Errorf("%s: no BibTeX (%q) or CSL-JSON (%q) link", rel, bib, csl)
			continue
		}
		b, err := os.ReadFile(local(t, s, rel, "https://"+hostOf(subPathURL)+bib))
		if err != nil {
			t.Error(err)
			continue
		}
		entries, err := parseBibTeX(string(b))
		if err != nil || len(entries) != 1 {
			t.Errorf("%s: %d BibTeX entries, %v\n%s", bib, len(entries), err, b)
			continue
		}
		e := entries[0]
		for k, want := range map[string]string{"title": h1, "author": "Notorious Markets Watch", "url": canonical, "year": parts[0], "date": date} {
			if e.Fields[k] != want {
				t.Errorf("%s: %s = %q, want %q", bib, k, e.Fields[k], want)
			}
		}
		if e.Type != "misc" || !strings.HasPrefix(e.Key, "nmw-") {
			t.Errorf("%s: @%s{%s}", bib, e.Type, e.Key)
		}

		b, err = os.ReadFile(local(t, s, rel, "https://"+hostOf(subPathURL)+csl))
		if err != nil {
			t.Error(err)
			continue
		}
		var items []struct {
			ID, Type, Title, URL string
			Author               []map[string]string
			Issued               struct {
				DateParts [][]int `json:"date-parts"`
			}
			Container string `json:"container-title"`
		}
		if err := json.Unmarshal(b, &items); err != nil || len(items) != 1 {
			t.Errorf("%s: %d CSL items, %v", csl, len(items), err)
			continue
		}
		it := items[0]
		var issued []string
		for _, p := range it.Issued.DateParts {
			for _, n := range p {
				issued = append(issued, fmt.Sprintf("%02d", n))
			}
		}
		if it.ID != e.Key || it.Type != "webpage" || it.Title != h1 || it.URL != canonical || it.Container != "Notorious Markets Watch" ||
			len(it.Author) != 1 || it.Author[0]["literal"] != "Notorious Markets Watch" || strings.Join(issued, "-") != date {
			t.Errorf("%s: %+v (want title %q, URL %s, issued %s)", csl, it, h1, canonical, date)
		}
	}
}

// metaPolicy is netlify.toml's Content-Security-Policy without the directives a <meta> tag
// cannot carry.
func metaPolicy(t *testing.T) string {
	var kept []string
	for _, d := range strings.Split(netlifyHeaders(t, "/*")["Content-Security-Policy"], ";") {
		d = strings.TrimSpace(d)
		switch strings.ToLower(strings.Fields(d + " x")[0]) {
		case "frame-ancestors", "report-uri", "report-to", "sandbox", "x":
			continue
		}
		kept = append(kept, d)
	}
	return strings.Join(kept, "; ")
}

// TestCSPMeta: every page carries netlify.toml's policy as a <meta http-equiv> at the top of
// its <head>, before anything it governs, for hosts that send no headers.
func TestCSPMeta(t *testing.T) {
	s := built(t, subPathURL)
	want := metaPolicy(t)
	if !strings.Contains(want, "script-src 'self'") {
		t.Fatalf("policy %q", want)
	}
	pages := 0
	walk(t, s.Public, ".html", func(rel string) {
		pages++
		doc := parsePage(t, filepath.Join(s.Public, rel))
		var first []string
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Parent != nil && n.Parent.Data == "head" && len(first) < 2 {
				first = append(first, n.Data+" "+attrOf(n, "http-equiv"))
				if attrOf(n, "http-equiv") == "Content-Security-Policy" && attrOf(n, "content") != want {
					t.Errorf("%s: CSP meta %q, want %q", rel, attrOf(n, "content"), want)
				}
			}
		}
		if len(first) < 2 || first[1] != "meta Content-Security-Policy" {
			t.Errorf("%s: the head starts %q, want the charset then the CSP meta", rel, first)
		}
	})
	if pages < 100 {
		t.Errorf("only %d pages", pages)
	}
}

func walk(t *testing.T, dir, ext string, fn func(rel string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == filepath.Join(dir, extension.Folder) {
			return filepath.SkipDir // the browser extension: not site pages (generator/extension tests it)
		}
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			rel, _ := filepath.Rel(dir, p)
			fn(rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// vocabulary is the part of schema.org in testdata/schemaorg-subset.jsonld.
type vocabulary struct {
	classes map[string]vocabNode // by id, "schema:Dataset"
	props   map[string]vocabNode
}

type vocabNode struct {
	types, parents, domains, ranges []string
	superseded                      bool
}

func loadVocabulary(t *testing.T) vocabulary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schemaorg-subset.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	// ids reads a JSON-LD value that is one {"@id"} or a list of them, or one string or a list.
	ids := func(v any) []string {
		var out []string
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			out = append(out, v["@id"].(string))
		case []any:
			for _, x := range v {
				switch x := x.(type) {
				case string:
					out = append(out, x)
				case map[string]any:
					out = append(out, x["@id"].(string))
				}
			}
		}
		return out
	}
	voc := vocabulary{classes: map[string]vocabNode{}, props: map[string]vocabNode{}}
	for _, n := range doc.Graph {
		id := n["@id"].(string)
		v := vocabNode{types: ids(n["@type"]), parents: ids(n["rdfs:subClassOf"]), domains: ids(n["schema:domainIncludes"]),
			ranges: ids(n["schema:rangeIncludes"]), superseded: n["schema:supersededBy"] != nil}
		if slices.Contains(v.types, "rdf:Property") {
			voc.props[id] = v
		} else {
			voc.classes[id] = v
		}
	}
	if len(voc.classes) < 20 || len(voc.props) < 100 {
		t.Fatalf("vocabulary: %d classes, %d properties", len(voc.classes), len(voc.props))
	}
	return voc
}

// is reports whether class c is class want or one of its subclasses.
func (v vocabulary) is(c, want string) bool {
	if c == want {
		return true
	}
	for _, p := range v.classes[c].parents {
		if v.is(p, want) {
			return true
		}
	}
	return false
}

// literal reports whether a class is one of schema.org's data types (Text, URL, Date…).
func (v vocabulary) literal(c string) bool {
	if slices.Contains(v.classes[c].types, "schema:DataType") {
		return true
	}
	for _, p := range v.classes[c].parents {
		if v.literal(p) {
			return true
		}
	}
	return false
}

// check reports every type and property of a JSON-LD node that schema.org does not define, or
// that it does not allow where the node uses it. It returns the node's type.
func (v vocabulary) check(where string, node map[string]any, problems *[]string) string {
	typ, _ := node["@type"].(string)
	class := "schema:" + typ
	if _, ok := v.classes[class]; !ok {
		*problems = append(*problems, fmt.Sprintf("%s: @type %q is not a schema.org class (in testdata/schemaorg-subset.jsonld)", where, node["@type"]))
		return class
	}
	for key, value := range node {
		if strings.HasPrefix(key, "@") {
			continue
		}
		at := where + " " + typ + "." + key
		p, ok := v.props["schema:"+key]
		if !ok {
			*problems = append(*problems, at+": not a schema.org property of any class the site uses")
			continue
		}
		if p.superseded {
			*problems = append(*problems, at+": superseded in schema.org")
		}
		if !slices.ContainsFunc(p.domains, func(d string) bool { return v.is(class, d) }) {
			*problems = append(*problems, fmt.Sprintf("%s: not a property of %s (domain %v)", at, typ, p.domains))
		}
		values, isList := value.([]any)
		if !isList {
			values = []any{value}
		}
		for i, x := range values {
			switch x := x.(type) {
			case map[string]any:
				c := v.check(fmt.Sprintf("%s[%d]", at, i), x, problems)
				if !slices.ContainsFunc(p.ranges, func(r string) bool { return v.is(c, r) }) {
					*problems = append(*problems, fmt.Sprintf("%s: a %s where schema.org expects %v", at, c, p.ranges))
				}
			default:
				if !slices.ContainsFunc(p.ranges, v.literal) {
					*problems = append(*problems, fmt.Sprintf("%s: a literal %v where schema.org expects %v", at, x, p.ranges))
				}
			}
		}
	}
	return class
}

func TestVocabularyCheckFails(t *testing.T) {
	v := loadVocabulary(t)
	for _, bad := range []string{
		`{"@type":"Datasett","name":"x"}`,
		`{"@type":"Dataset","nmae":"x"}`,
		`{"@type":"WebSite","distribution":[]}`,
		`{"@type":"Dataset","creator":{"@type":"DataDownload"}}`,
		`{"@type":"Dataset","distribution":"nmw.json"}`,
	} {
		var node map[string]any
		if err := json.Unmarshal([]byte(bad), &node); err != nil {
			t.Fatal(err)
		}
		var problems []string
		v.check("test", node, &problems)
		if len(problems) == 0 {
			t.Errorf("%s passed the vocabulary check", bad)
		}
	}
}

// TestStructuredData: the JSON-LD on every page uses only schema.org types and properties,
// each where schema.org allows it; the home page describes the site, the Data page the
// Dataset (licence, files that exist), market and edition pages a WebPage based on the reports.
func TestStructuredData(t *testing.T) {
	s := built(t, subPathURL)
	v := loadVocabulary(t)
	byPage := map[string][]map[string]any{}
	walk(t, s.Public, ".html", func(rel string) {
		for n := range parsePage(t, filepath.Join(s.Public, rel)).Descendants() {
			if n.Type != html.ElementNode || n.Data != "script" || attrOf(n, "type") != "application/ld+json" {
				continue
			}
			var node map[string]any
			if err := json.Unmarshal([]byte(textOf(n)), &node); err != nil {
				t.Errorf("%s: JSON-LD: %v", rel, err)
				continue
			}
			if node["@context"] != "https://schema.org" {
				t.Errorf("%s: @context %v", rel, node["@context"])
			}
			var problems []string
			v.check(rel, node, &problems)
			for _, p := range problems {
				t.Error(p)
			}
			byPage[filepath.ToSlash(rel)] = append(byPage[filepath.ToSlash(rel)], node)
		}
	})
	one := func(page, typ string) map[string]any {
		nodes := byPage[page]
		if len(nodes) != 1 || nodes[0]["@type"] != typ {
			t.Errorf("%s: JSON-LD %v, want one %s", page, nodes, typ)
			return map[string]any{}
		}
		return nodes[0]
	}
	one("index.html", "WebSite")
	one("markets/taobao/index.html", "WebPage")
	if based, _ := one("years/2024/index.html", "WebPage")["isBasedOn"].([]any); len(based) == 0 {
		t.Error("years/2024: the WebPage names no report it is based on")
	}
	ds := one("data/index.html", "Dataset")
	if ds["license"] != "https://creativecommons.org/licenses/by/4.0/" || ds["isAccessibleForFree"] != true {
		t.Errorf("Dataset licence %v, free %v", ds["license"], ds["isAccessibleForFree"])
	}
	files, _ := ds["distribution"].([]any)
	if len(files) < 3 {
		t.Errorf("Dataset distribution %v", ds["distribution"])
	}
	for _, f := range files {
		u, _ := f.(map[string]any)["contentUrl"].(string)
		if _, err := os.Stat(local(t, s, "Dataset", u)); err != nil {
			t.Errorf("Dataset distribution: %v", err)
		}
	}
	t.Logf("JSON-LD on %d pages", len(byPage))
}

// TestShareHostileNames: market names full of markup (generator/testdata/injection) come out
// of timeline.svg as well-formed XML text and out of the citations unchanged.
func TestShareHostileNames(t *testing.T) {
	s := sitetest.Build(t, sitetest.Options{Data: filepath.Join(sitetest.Root(t), "generator", "testdata", "injection")})
	pages, _ := filepath.Glob(filepath.Join(s.Public, "markets", "*", "index.html"))
	if len(pages) < 2 {
		t.Fatalf("%d market pages", len(pages))
	}
	for _, file := range pages {
		dir := filepath.Dir(file)
		var h1 string
		for n := range parsePage(t, file).Descendants() {
			if n.Type == html.ElementNode && n.Data == "h1" && h1 == "" {
				h1 = textOf(n)
			}
		}
		if !strings.ContainsAny(h1, `<>"`) {
			t.Errorf("%s: the name %q has no markup to test with", file, h1)
		}
		b, err := os.ReadFile(filepath.Join(dir, "timeline.svg"))
		if err != nil {
			t.Fatal(err)
		}
		var root svgNode
		if err := xml.Unmarshal(b, &root); err != nil {
			t.Errorf("%s: timeline.svg: %v", dir, err)
		}
		var texts []string
		for _, k := range root.Nodes {
			texts = append(texts, strings.Join(strings.Fields(k.Text), " "))
		}
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, h1) }) {
			t.Errorf("%s: timeline.svg does not name %q as text: %q", dir, h1, texts)
		}
		b, err = os.ReadFile(filepath.Join(dir, "cite.bib"))
		if err != nil {
			t.Fatal(err)
		}
		if e, err := parseBibTeX(string(b)); err != nil || len(e) != 1 || e[0].Fields["title"] != h1 {
			t.Errorf("%s: cite.bib %v %+v, want title %q\n%s", dir, err, e, h1, b)
		}
		b, err = os.ReadFile(filepath.Join(dir, "cite.json"))
		if err != nil {
			t.Fatal(err)
		}
		var items []struct{ Title string }
		if err := json.Unmarshal(b, &items); err != nil || len(items) != 1 || items[0].Title != h1 {
			t.Errorf("%s: cite.json %v %+v, want title %q", dir, err, items, h1)
		}
	}
}
