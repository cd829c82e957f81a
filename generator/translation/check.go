package translation

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
)

// MaxText is the longest translation, in bytes: three times the longest English summary
// (validate.MaxSummary), as a character of Chinese takes three bytes.
const MaxText = 3 * 2000

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Check checks every translation against the data: a known language and edition, a key that is
// an entry, development, absence or response of that edition (or its issue focus), a hash, a text with no markup or listed
// domain the English does not have. Problems are errors; warnings are stale translations (the
// English has changed since), which pages do not show but which do not stop a build.
func Check(set *dataset.Set, s *Set) (problems, warnings []dataset.Problem) {
	c := &checker{set: set, en: EnglishOf(set), listed: listedDomains(set)}
	for _, f := range s.Files {
		c.file(f)
	}
	dataset.SortProblems(c.problems)
	dataset.SortProblems(c.warnings)
	return c.problems, c.warnings
}

type checker struct {
	set                *dataset.Set
	en                 English
	listed             *listed
	problems, warnings []dataset.Problem
}

func (c *checker) file(f *File) {
	if c.set.Edition(f.Edition) == nil {
		c.problems = append(c.problems, dataset.Problem{File: f.File, Line: 1,
			Message: fmt.Sprintf("no edition %s in editions/: a translation file is named as the edition whose prose it translates (ustr-2016.yaml)", f.Edition)})
		return
	}
	for _, kind := range []Kind{Entries, Developments, Absences} {
		m := map[Kind]map[string]Item{Entries: f.Entries, Developments: f.Developments, Absences: f.Absences}[kind]
		for _, key := range slices.Sorted(maps.Keys(m)) {
			field := string(kind) + "." + key
			r := Ref{kind, f.Edition, key}
			if len(c.en[r]) == 0 {
				c.problems = append(c.problems, f.Problem(field, "%s", c.noEnglish(r)))
				continue
			}
			c.notBy(f, field, m[key])
			c.item(f, field, m[key], c.en[r])
		}
	}
	for _, kind := range []Kind{Focus, FocusTitle} {
		it := map[Kind]*Item{Focus: f.Focus, FocusTitle: f.FocusTitle}[kind]
		if it == nil {
			continue
		}
		english := c.en[Ref{kind, f.Edition, ""}]
		if len(english) == 0 {
			c.problems = append(c.problems, f.Problem(string(kind), "editions/%s.yaml records no issue focus: there is nothing to translate", f.Edition))
			continue
		}
		c.notBy(f, string(kind), *it)
		c.item(f, string(kind), *it, english)
	}
	for _, key := range slices.Sorted(maps.Keys(f.Responses)) {
		if key != f.Edition && c.set.Market(key) == nil {
			c.problems = append(c.problems, f.Problem("responses."+key, "%q is neither a market in markets/ nor this file's edition (%s): a response is filed under the market whose file records it, or the edition's id for one recorded in the edition's file", key, f.Edition))
			continue
		}
		english := c.en[Ref{Responses, f.Edition, key}]
		if len(english) == 0 {
			where := fmt.Sprintf("markets/%s.yaml records no response answering %s", key, f.Edition)
			if key == f.Edition {
				where = fmt.Sprintf("editions/%s.yaml records no response", key)
			}
			c.problems = append(c.problems, f.Problem("responses."+key, "%s: there is nothing to translate", where))
			continue
		}
		for i, it := range f.Responses[key] {
			field := fmt.Sprintf("responses.%s[%d]", key, i)
			c.by(f, field, it)
			c.item(f, field, it, english)
		}
	}
}

// noEnglish says why a key of a translation file names no English text.
func (c *checker) noEnglish(r Ref) string {
	m := c.set.Market(r.Key)
	if m == nil {
		return fmt.Sprintf("no market %q in markets/: a key is the slug of a market the edition names", r.Key)
	}
	switch r.Kind {
	case Entries:
		for _, e := range c.set.Editions {
			if e.ID() != r.Edition {
				continue
			}
			for _, entry := range e.Entries {
				if entry.Market == r.Key && entry.Pending() {
					return fmt.Sprintf("the entry of %s in %s is listing-only (its summary is not written yet): there is nothing to translate", r.Key, r.Edition)
				}
			}
		}
		return fmt.Sprintf("%s is no entry of %s: translate only the summaries of the edition's entries", r.Key, r.Edition)
	case Developments:
		return fmt.Sprintf("%s is no development of %s", r.Key, r.Edition)
	}
	return fmt.Sprintf("%s has no absence note whose first edition is %s: an absence's translation is filed under the first edition of its editions list", r.Key, r.Edition)
}

// MaxBy is the longest `by`, in bytes: a body's name, not a sentence.
const MaxBy = 200

// by checks a response's translated `by`, where it has one: who responded, as plain text on
// one line (the pages escape it and put it in a sentence, the feed and the check as text).
func (c *checker) by(f *File, field string, it Item) {
	if it.By == nil {
		return
	}
	bad := func(format string, args ...any) {
		c.problems = append(c.problems, f.Problem(field+".by", format, args...))
	}
	by := strings.TrimSpace(*it.By)
	switch {
	case by == "":
		bad("is empty: write who responded in the language (a government body's name), or leave `by` out to show the English")
		return
	case len(by) > MaxBy:
		bad("is %d bytes; a name is at most %d", len(by), MaxBy)
		return
	case strings.ContainsAny(by, "\n\r"):
		bad("is on more than one line: write the name on one line")
		return
	case strings.Contains(by, "{{"):
		bad("contains \"{{\", which Hugo would run as a shortcode: rephrase it")
		return
	}
	if r, ok := invisibleIn(by); ok {
		bad("contains the invisible character U+%04X: remove it", r)
		return
	}
	if s := shapeOf(by, c.listed); len(s.marks) > 0 || len(s.domains) > 0 || strings.ContainsAny(by, "<>*_`[]") {
		bad("is a name in plain text: no markup, HTML or domain")
	}
}

// notBy refuses a `by` outside a response's translation.
func (c *checker) notBy(f *File, field string, it Item) {
	if it.By != nil {
		c.problems = append(c.problems, f.Problem(field+".by", "only a response's translation names who responded: remove `by`"))
	}
}

// invisibleIn returns the first character of s that a translation must not hold: one the data
// may not hold (dataset.Invisible), or a control character other than a line break.
func invisibleIn(s string) (rune, bool) {
	for _, r := range s {
		if dataset.Invisible(r) || r < ' ' && r != '\n' {
			return r, true
		}
	}
	return 0, false
}

// item checks one translation against the English texts it may translate (one, except for
// responses, where a market may have several answering one edition).
func (c *checker) item(f *File, field string, it Item, english []string) {
	bad := func(sub, format string, args ...any) {
		c.problems = append(c.problems, f.Problem(field+"."+sub, format, args...))
	}
	if !hexHash.MatchString(it.SHA256) {
		bad("sha256", "must be the SHA-256 of the English text it translates, exactly as written in data/: 64 lower-case hex digits")
	}
	text := strings.TrimSpace(it.Text)
	switch {
	case text == "":
		bad("text", "is empty: write the translation, or remove the item")
		return
	case len(text) > MaxText:
		bad("text", "is %d bytes; a translation of a summary is at most %d", len(text), MaxText)
		return
	case strings.Contains(text, dataset.SummaryPending), strings.Contains(text, dataset.SummaryPlaceholder):
		bad("text", "holds a placeholder: write the translation")
		return
	case strings.Contains(text, "{{"):
		bad("text", "contains \"{{\", which Hugo would run as a shortcode: rephrase it")
		return
	}
	if r, ok := invisibleIn(text); ok {
		bad("text", "contains the invisible character U+%04X: remove it", r)
		return
	}
	got := shapeOf(text, c.listed)
	for _, m := range got.marks {
		if m == "html" || m == "img" {
			bad("text", "contains raw HTML or an image: write the same plain markdown as the English")
			return
		}
	}
	i := slices.IndexFunc(english, func(en string) bool { return Hash(en) == it.SHA256 })
	if i < 0 {
		if hexHash.MatchString(it.SHA256) {
			msg := "is stale: the English it translates has changed since, so pages show the current English until the translation follows it"
			if len(english) == 1 {
				msg += fmt.Sprintf(" (the current English's sha256 is %s)", Hash(english[0]))
			}
			c.warnings = append(c.warnings, f.Problem(field+".sha256", "%s", msg))
		}
		return
	}
	want := shapeOf(strings.TrimSpace(english[i]), c.listed)
	if extra := missing(got.marks, want.marks); extra != "" {
		bad("text", "has markup the English does not have (%s): keep the English's links, emphasis and code, and add none", extra)
	}
	if extra := missing(got.domains, want.domains); extra != "" {
		bad("text", "names the listed domain %s where the English does not (or not that way): a translation shows a listed domain only as its English does", domain.Unicode(strings.SplitN(extra, ":", 2)[1]))
	}
}

// missing returns the first of got that want does not hold as many times, or "".
func missing(got, want []string) string {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	for _, g := range got {
		if left[g] == 0 {
			return g
		}
		left[g]--
	}
	return ""
}

// listedDomains are every market's domains.
func listedDomains(set *dataset.Set) *listed {
	out := &listed{ascii: map[string]bool{}, unicode: map[string]string{}}
	for _, m := range set.Markets {
		for _, d := range m.Domains.All() {
			ascii, err := domain.Canonical(d) // data/ may write a domain in either form
			if err != nil {
				ascii = strings.ToLower(d)
			}
			out.ascii[ascii] = true
			if u := strings.ToLower(domain.Unicode(ascii)); u != ascii {
				out.unicode[u] = ascii
			}
		}
	}
	return out
}
