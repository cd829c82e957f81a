package site

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// This file reads the facts out of a page's description in any language, for
// TestTranslatedDescriptions: which lists with which years (or counts), the status, whether the
// market was only a positive development, its kind and place.

// descFacts are what a description says.
type descFacts struct {
	Form   string     // the template it follows: mdesc_listed, mdesc_development, ydesc, desc_country…
	Status string     // mdesc_current, mdesc_former or mdesc_unknown (market pages)
	Kind   string     // mdesc_kind_online or mdesc_kind_physical
	Lists  []listFact // in the order the description names them
	Year   string     // year pages
	Place  []string   // the names the description must hold: country, city, category
}

// listFact is one list a description names: its name (English, as the data writes it), its
// publisher (the data's short name), and the numbers in the parenthesis after it: the years
// (markets) or the counts (years), with the count's form on year pages.
type listFact struct {
	List, Publisher string
	Numbers         []int
	CountForm       string
}

func (f descFacts) String() string {
	b, _ := json.Marshal(f)
	return string(b)
}

// pageDescriptions returns a built page's meta description, og:description and JSON-LD
// description (empty when the page has none).
func pageDescriptions(page string) (meta, og, ld string, err error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", "", "", err
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "meta" && attr(n, "name") == "description":
				meta = attr(n, "content")
			case n.Data == "meta" && attr(n, "property") == "og:description":
				og = attr(n, "content")
			case n.Data == "script" && attr(n, "type") == "application/ld+json" && n.FirstChild != nil:
				var v struct {
					Description string `json:"description"`
				}
				if e := json.Unmarshal([]byte(n.FirstChild.Data), &v); e != nil {
					err = e
				}
				ld = v.Description
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return meta, og, ld, err
}

// strings of one language's i18n file, by key: a plain string, or every plural form.
type langStrings map[string]any

func (ls langStrings) forms(key string) []string {
	switch v := ls[key].(type) {
	case string:
		return []string{v}
	case map[string]any:
		var out []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			out = append(out, v[k].(string))
		}
		return out
	}
	return nil
}

func (ls langStrings) one(key string) string { return i18nText(ls[key]) }

var field = regexp.MustCompile(`\{\{ *\.(\w+) *\}\}`)

// templateRE is an i18n string as a pattern matching the whole of a text it makes: each
// {{ .Field }} a named group. A space may come next to a field (Chinese puts one between Han
// and Latin text around data). A field with a known value tries that value first: two fields
// with nothing between them (Chinese "{{ .Country }}{{ .City }}") split where the known one
// ends, and a text that does not hold the known value still matches, with another split.
func templateRE(tpl string, known map[string]string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	last := 0
	seen := map[string]bool{}
	for _, m := range field.FindAllStringSubmatchIndex(tpl, -1) {
		b.WriteString(regexp.QuoteMeta(tpl[last:m[0]]))
		name := tpl[m[2]:m[3]]
		if seen[name] {
			b.WriteString(` ?.+? ?`)
		} else if k := known[name]; k != "" {
			fmt.Fprintf(&b, ` ?(?P<%s>%s|.+?) ?`, name, regexp.QuoteMeta(k))
		} else {
			fmt.Fprintf(&b, ` ?(?P<%s>.+?) ?`, name)
		}
		seen[name] = true
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(tpl[last:]) + `$`)
	return regexp.MustCompile(b.String())
}

// match matches text against each form of the key's string: the fields, or nil.
func (ls langStrings) match(key, text string) map[string]string {
	return ls.matchKnown(key, text, nil)
}

// matchKnown is match with the values some fields are expected to hold (templateRE).
func (ls langStrings) matchKnown(key, text string, known map[string]string) map[string]string {
	for _, f := range ls.forms(key) {
		re := templateRE(f, known)
		if m := re.FindStringSubmatch(text); m != nil {
			out := map[string]string{}
			for i, n := range re.SubexpNames() {
				if n != "" {
					out[n] = strings.TrimSpace(m[i])
				}
			}
			return out
		}
	}
	return nil
}

// mentions reports whether s names name: as a whole word for Latin names, anywhere for others.
func mentions(s, name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r > 0x2FF {
			return strings.Contains(s, name)
		}
	}
	return wordIndex(s, name) >= 0
}

var (
	parens = regexp.MustCompile(`[(（]([^)）]*)[)）]`)
	years  = regexp.MustCompile(`(\d{4})(?:–(\d{4}))?`)
	number = regexp.MustCompile(`\d+`)
)

// listFacts finds each list name in text (the lists of a description), the publisher named
// between the previous list's parenthesis and this one's, and the numbers in its parenthesis.
func listFacts(ls langStrings, text string, lists map[string]string, counts bool) ([]listFact, error) {
	type hit struct {
		at   int
		list string
	}
	var hits []hit
	for name := range lists {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			hits = append(hits, hit{off + i, name})
			off += i + len(name)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	var out []listFact
	from := 0
	for _, h := range hits {
		p := parens.FindStringSubmatchIndex(text[h.at:])
		if p == nil {
			return nil, fmt.Errorf("no parenthesis after %q", h.list)
		}
		seg := text[from : h.at+p[0]]
		inner := text[h.at+p[2] : h.at+p[3]]
		from = h.at + p[1]
		f := listFact{List: h.list}
		var pubs []string
		for _, short := range slices.Sorted(maps.Values(lists)) {
			if mentions(seg, ls.one("pub_"+strings.ToLower(short))) {
				pubs = append(pubs, short)
			}
		}
		if len(pubs) != 1 {
			return nil, fmt.Errorf("%q: publishers %v named before its numbers in %q", h.list, pubs, seg)
		}
		f.Publisher = pubs[0]
		if counts {
			for _, n := range number.FindAllString(inner, -1) {
				v, _ := strconv.Atoi(n)
				f.Numbers = append(f.Numbers, v)
			}
			for _, key := range []string{"ydesc_complete", "ydesc_of", "ydesc_no_official"} {
				if ls.match(key, inner) != nil {
					f.CountForm = key
					break
				}
			}
		} else {
			for _, m := range years.FindAllStringSubmatch(inner, -1) {
				a, _ := strconv.Atoi(m[1])
				b := a
				if m[2] != "" {
					b, _ = strconv.Atoi(m[2])
				}
				for y := a; y <= b; y++ {
					f.Numbers = append(f.Numbers, y)
				}
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// marketFacts reads a market page's description.
func marketFacts(ls langStrings, text string, lists map[string]string) (descFacts, error) {
	var f descFacts
	var m map[string]string
	for _, key := range []string{"mdesc_listed", "mdesc_development"} {
		if m = ls.match(key, text); m != nil {
			f.Form = key
			break
		}
	}
	if m == nil {
		return f, fmt.Errorf("follows neither mdesc_listed nor mdesc_development")
	}
	if f.Form == "mdesc_listed" {
		for _, key := range []string{"mdesc_current", "mdesc_former", "mdesc_unknown"} {
			if slices.Contains(ls.forms(key), m["Status"]) {
				f.Status = key
			}
		}
		if f.Status == "" {
			return f, fmt.Errorf("status %q is none of mdesc_current, mdesc_former, mdesc_unknown", m["Status"])
		}
	}
	what := strings.ToLower(m["What"])
	for _, key := range []string{"mdesc_kind_online", "mdesc_kind_physical"} {
		if strings.Contains(what, strings.ToLower(ls.one(key))) {
			f.Kind = key
		}
	}
	f.Place = []string{m["What"]}
	var err error
	f.Lists, err = listFacts(ls, m["Lists"], lists, false)
	return f, err
}

// yearFacts reads a year page's description.
func yearFacts(ls langStrings, text string, lists map[string]string) (descFacts, error) {
	m := ls.match("ydesc", text)
	if m == nil {
		return descFacts{}, fmt.Errorf("does not follow ydesc")
	}
	f := descFacts{Form: "ydesc", Year: m["Year"]}
	var err error
	f.Lists, err = listFacts(ls, m["Lists"], lists, true)
	return f, err
}
