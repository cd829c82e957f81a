package translation

import "github.com/notorious-markets-watch/nmw/generator/dataset"

// English is the English text of the data that a translation may translate.
type English map[Ref][]string

// EnglishOf collects the data's translatable English: each edition's entry summaries (not the
// listing-only marker), development summaries, issue focus (summary and title) and responses to
// the edition as a whole (keyed by the edition's id), and each market's absence notes, filed
// under the absence's first edition, and responses, filed under the edition they answer.
func EnglishOf(set *dataset.Set) English {
	en := English{}
	add := func(r Ref, text string) { en[r] = append(en[r], text) }
	for _, e := range set.Editions {
		id := e.ID()
		for _, entry := range e.Entries {
			if !entry.Pending() {
				add(Ref{Entries, id, entry.Market}, entry.Summary)
			}
		}
		for _, d := range e.Developments {
			add(Ref{Developments, id, d.Market}, d.Summary)
		}
		if e.Focus != nil {
			add(Ref{Focus, id, ""}, e.Focus.Summary)
			add(Ref{FocusTitle, id, ""}, e.Focus.Title)
		}
		for _, r := range e.Responses {
			add(Ref{Responses, id, id}, r.Summary)
		}
	}
	for _, m := range set.Markets {
		for _, a := range m.Absences {
			if len(a.Editions) > 0 {
				add(Ref{Absences, a.Editions[0], m.Slug}, a.Note)
			}
		}
		for _, r := range m.Responses {
			add(Ref{Responses, r.Answers, m.Slug}, r.Summary)
		}
	}
	return en
}
