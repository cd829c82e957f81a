package render

import (
	"sort"
	"strings"
	uni "unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// hostFront is one listed domain as the check matches it: ASCII (punycode) for matching, the
// Unicode form for display, and whether it is a current, former or mirror domain.
type hostFront struct {
	ASCII string `json:"ascii"`
	Text  string `json:"text"`
	Role  string `json:"role"`
}

// hosts lists a market's domains for the check. Listed domains are validated registrable
// names, so the check can match a host to one by comparing whole labels from the right.
func hosts(m *model.Market) []hostFront {
	var out []hostFront
	for _, h := range m.Hosts() {
		out = append(out, hostFront{ASCII: h.ASCII, Text: h.Unicode, Role: h.Role})
	}
	return out
}

// fold returns a transformer that removes accents, as the check's script does, so "Março" and
// "MARCO" meet. A transformer keeps state: make one per use.
func fold() transform.Transformer {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(uni.Mn)), norm.NFC)
}

// stopWords are words too common in summaries to help a search.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for with that this from its are was were has have had
		but not also which said say says into than their they them been being more most other over such
		who whom whose what when where while about after again against all any can could did does per
		via our out off onto only own same some still then there these those through under until very
		would named name listed list report reported reports review reviewed edition according`) {
		stopWords[w] = true
	}
}

// summaryWords are the distinct words of a market's summaries and category labels, folded and
// joined by spaces, for the search index.
func summaryWords(m *model.Market, categories map[string]string) string {
	var texts []string
	for _, id := range m.Categories { // so that "iptv" finds every IPTV service
		if c := categories[id]; c != "" {
			texts = append(texts, c)
		}
	}
	for _, l := range m.Listings {
		if !l.Pending() {
			texts = append(texts, l.Summary)
		}
	}
	for _, d := range m.Developments {
		texts = append(texts, d.Summary)
	}
	folded, _, err := transform.String(fold(), strings.ToLower(strings.Join(texts, " ")))
	if err != nil {
		return ""
	}
	seen := map[string]bool{}
	var words []string
	for _, w := range strings.FieldsFunc(folded, func(r rune) bool { return !uni.IsLetter(r) && !uni.IsDigit(r) }) {
		if len([]rune(w)) < 3 || stopWords[w] || seen[w] || strings.Trim(w, "0123456789") == "" {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}
