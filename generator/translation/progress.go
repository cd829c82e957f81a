package translation

import "github.com/notorious-markets-watch/nmw/generator/dataset"

// Progress is how much of the data's English one language has up to date.
type Progress struct {
	Lang     string
	UpToDate int // English texts with an up-to-date translation
	Stale    int // translations whose English has changed since: not shown
	Total    int // English texts to translate
}

// Count returns each language's Progress (Langs order) over the English of the kinds the data
// holds (Known).
func Count(set *dataset.Set, s *Set) []Progress {
	en := EnglishOf(set)
	out := make([]Progress, len(Langs))
	for i, lang := range Langs {
		p := Progress{Lang: lang}
		for r, texts := range en {
			for _, t := range texts {
				p.Total++
				if _, ok := s.Text(lang, r, t); ok {
					p.UpToDate++
				}
			}
			if s == nil {
				continue
			}
			for _, it := range s.items[r][lang] {
				if !hashes(texts)[it.SHA256] {
					p.Stale++
				}
			}
		}
		out[i] = p
	}
	return out
}

func hashes(texts []string) map[string]bool {
	out := map[string]bool{}
	for _, t := range texts {
		out[Hash(t)] = true
	}
	return out
}
