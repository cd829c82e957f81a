package report

import (
	"regexp"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/domain"
)

// hostLike is a word that looks like a domain name or a URL.
var hostLike = regexp.MustCompile(`^(?i:https?://)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}](?:/\S*)?$`)

// hostOf returns the canonical registrable form of a domain written in a report ("WWW.1337X.TO",
// "https://site.net/path", "bücher.example"), without "www.", or "".
func hostOf(word string) string {
	w := strings.Trim(word, `"'“”‘’()[]<>,;:`)
	w = strings.TrimRight(w, ".")
	if !hostLike.MatchString(w) {
		return ""
	}
	w = strings.ToLower(w)
	w = strings.TrimPrefix(strings.TrimPrefix(w, "https://"), "http://")
	if i := strings.IndexByte(w, '/'); i >= 0 {
		w = w[:i]
	}
	canon, err := domain.Canonical(w)
	if err != nil {
		return ""
	}
	if c, err := domain.Canonical(strings.TrimPrefix(canon, "www.")); err == nil {
		canon = c
	}
	return canon
}

// nominated matches the sentence that names an entry's domains.
var nominated = regexp.MustCompile(`(?i)\b(?:nominated|listed|known|operating|operates)\s+(?:as|under)\s+|\bdomains?(?:\s+names?)?:\s*|\bwebsites?:\s*`)

// listDomains reads the domains of a list such as "x.com, y.net, and z.org" from the start
// of s, stopping at the first word that is neither a domain nor a joining word.
func listDomains(s string) []string {
	// A list is a few words long: look at the next few thousand bytes only (cut at a space),
	// so that an entry naming many lists takes time in proportion to its length.
	if len(s) > 4096 {
		s = s[:4096]
		if i := strings.LastIndexByte(s, ' '); i > 0 {
			s = s[:i]
		}
	}
	var out []string
	for _, w := range strings.Fields(s) {
		low := strings.ToLower(strings.Trim(w, ",;"))
		if low == "and" || low == "or" || low == "&" || low == "as" || low == "well" {
			continue
		}
		h := hostOf(w)
		if h == "" {
			break
		}
		out = append(out, h)
		if strings.HasSuffix(w, ".") && !strings.HasSuffix(w, "..") || strings.HasSuffix(w, ";") {
			break // the sentence ends
		}
	}
	return out
}

// nominatedDomains returns the domains an entry's text names in its "Nominated as ..."
// sentences (or "Domains: ..." lines).
func nominatedDomains(text string) []string {
	var out []string
	for _, loc := range nominated.FindAllStringIndex(text, -1) {
		out = appendNew(out, listDomains(text[loc[1]:])...)
	}
	return out
}

// headingDomains returns the domains written in a heading: "Rapidgator.net", "Baidu Wangpan
// (pan.baidu.com)".
func headingDomains(h string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' }) {
		if d := hostOf(w); d != "" {
			out = appendNew(out, d)
		}
	}
	return out
}

// onlyDomains reports whether every word of s (split as headingDomains splits) is a domain.
func onlyDomains(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' })
	return len(words) > 0 && len(headingDomains(s)) == len(words)
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for _, l := range list {
			dup = dup || l == it
		}
		if !dup {
			list = append(list, it)
		}
	}
	return list
}
