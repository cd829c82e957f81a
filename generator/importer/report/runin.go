package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// runIn is a paragraph opening with a name and a full stop, as reports set run-in names in
// bold: "Cloudstash. Nominated as …", "Mercado Azul (Lima, Peru). Vendors …", "Galeria Norte,
// Asunción. This market …". Without the typography the bold is lost; textRunIn reads it from
// the words.
var runIn = regexp.MustCompile(`^([\p{Lu}\d][^.():;]{0,60}?(?:\s*\([^()]{1,60}\))?)\.\s+(\p{Lu}.*)$`)

// textRunIn returns the run-in name a paragraph opens with, read from its words alone, or "": a
// name of at most eight words, each capitalised (or a joining word), then a full stop and a
// sentence. It is used only in a market section and without the PDF's typography.
func textRunIn(t string) (string, string) {
	m := runIn.FindStringSubmatch(t)
	if m == nil {
		return "", ""
	}
	name := m[1]
	words := strings.Fields(strings.NewReplacer("(", " ", ")", " ", ",", " ").Replace(name))
	if len(words) == 0 || len(words) > 8 || nominated.MatchString(name) {
		return "", ""
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !joining[strings.ToLower(w)] && hostOf(w) == "" {
			return "", ""
		}
	}
	// "U.S. right holders …": an abbreviation is no name.
	last := words[len(words)-1]
	if utf8.RuneCountInString(last) < 2 && !strings.HasSuffix(name, ")") {
		return "", ""
	}
	return name, m[2]
}
