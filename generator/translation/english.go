package translation

import "github.com/notorious-markets-watch/nmw/generator/dataset"

// English is the English text of the data that a translation may translate.
type English map[Ref][]string

// Known are the kinds whose English the data holds, so that their translations are checked
// against it. The responses and issue focus of issue 36 join when the data has them: until
// then only their translations' form is checked (see Check), and add them in EnglishOf.
var Known = map[Kind]bool{Entries: true, Developments: true, Absences: true}

// EnglishOf collects the data's translatable English: each edition's entry summaries (not the
// listing-only marker) and development summaries, and each market's absence notes, filed under
// the absence's first edition.
func EnglishOf(set *dataset.Set) English {
	en := English{}
	for _, e := range set.Editions {
		id := e.ID()
		for _, entry := range e.Entries {
			if !entry.Pending() {
				r := Ref{Entries, id, entry.Market}
				en[r] = append(en[r], entry.Summary)
			}
		}
		for _, d := range e.Developments {
			r := Ref{Developments, id, d.Market}
			en[r] = append(en[r], d.Summary)
		}
	}
	for _, m := range set.Markets {
		for _, a := range m.Absences {
			if len(a.Editions) > 0 {
				r := Ref{Absences, a.Editions[0], m.Slug}
				en[r] = append(en[r], a.Note)
			}
		}
	}
	return en
}
