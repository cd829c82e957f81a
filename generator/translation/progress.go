package translation

import (
	"slices"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Progress is how much of the data's English one language has up to date.
type Progress struct {
	Lang     string
	UpToDate int // English texts with an up-to-date translation
	Stale    int // translations whose English has changed since: not shown
	Total    int // English texts to translate
}

// Count returns each language's Progress (Langs order) over the English the data holds
// (EnglishOf).
func Count(set *dataset.Set, s *Set) []Progress {
	hashed := map[Ref][]string{} // the English texts' hashes, by what they are
	for r, texts := range EnglishOf(set) {
		for _, t := range texts {
			hashed[r] = append(hashed[r], Hash(t))
		}
	}
	out := make([]Progress, len(Langs))
	for i, lang := range Langs {
		p := Progress{Lang: lang}
		for r, hs := range hashed {
			p.Total += len(hs)
			for _, h := range hs {
				if _, ok := s.item(lang, r, h); ok {
					p.UpToDate++
				}
			}
			if s == nil {
				continue
			}
			for _, it := range s.items[r][lang] {
				if !slices.Contains(hs, it.SHA256) {
					p.Stale++
				}
			}
		}
		out[i] = p
	}
	return out
}
