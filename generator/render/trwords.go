package render

import (
	"sort"
	"strings"
	uni "unicode"

	"golang.org/x/text/transform"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// trStopWords are words of the translations too common in summaries to help a search.
var trStopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		les des une dans pour par sur est qui que aux avec son ses sont été ont plus selon comme
		cette ces leur leurs elle ils pas mais entre dont aussi
		der die das und ein eine einer eines einem einen mit von den dem für auf ist sich nicht auch
		als bei nach zum zur aus wird wurde wurden sowie laut oder über unter sein seine ihre
		los las del por con una para como sus según sobre entre también fue han más este esta
		liste bericht informe rapport`) {
		trStopWords[w] = true
	}
}

// cjkBreaks are particles a run of Chinese is split at, and cjkNoise phrases every summary says
// that are cut out of it, to keep the runs short: a search rarely spans one.
const cjkBreaks = "的了被和与及并将其也仍"

var cjkNoise = strings.NewReplacer("据报道", " ", "审查报告", " ", "报告", " ", "名单", " ", "本站", " ",
	"列入", " ", "审查", " ", "点名", " ", "说明", " ", "说法", " ", "年", " ", "之一", " ")

// cjk says whether r is of a script written without spaces between words.
func cjk(r rune) bool {
	return uni.In(r, uni.Han, uni.Hiragana, uni.Katakana, uni.Hangul)
}

// translatedWords are, by language, the search words of the market's up-to-date translated
// summaries (entries, developments, absence notes) that its English words do not already hold.
// Words are folded as summaryWords folds them. A run of Chinese (or Japanese, Korean) is kept
// whole, as it has no spaces to split it at, for the check's script to find a word inside it;
// a run found inside another is dropped.
func translatedWords(site *model.Site, m *model.Market, english string) map[string]string {
	texts := map[string][]string{}
	add := func(r translation.Ref, en string) {
		for lang, t := range site.Translations.Texts(r, en) {
			texts[lang] = append(texts[lang], t)
		}
	}
	for _, l := range m.Listings {
		if !l.Pending() {
			add(translation.Ref{Kind: translation.Entries, Edition: l.Edition.ID(), Key: m.Slug}, l.Summary)
		}
	}
	for _, d := range m.Developments {
		add(translation.Ref{Kind: translation.Developments, Edition: d.Edition.ID(), Key: m.Slug}, d.Summary)
	}
	for _, g := range absenceGroups(m) {
		if a := g.absences[0]; a.Development == nil {
			add(absenceRef(m, a), a.Note)
		}
	}
	have := map[string]bool{}
	for _, w := range strings.Fields(english) {
		have[w] = true
	}
	var out map[string]string
	for _, lang := range translation.Langs {
		if words := searchWords(strings.Join(texts[lang], " "), have); words != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[lang] = words
		}
	}
	return out
}

// searchWords are the distinct words of text not in have nor stop words, folded, sorted and
// joined by spaces: words of three letters or more, and runs of CJK of two or more.
func searchWords(text string, have map[string]bool) string {
	folded, _, err := transform.String(fold(), cjkNoise.Replace(strings.ToLower(text)))
	if err != nil {
		return ""
	}
	// split at anything but a letter or digit, and where CJK meets another script
	var tokens []string
	start, prev := -1, false
	for i, r := range folded + " " {
		word := (uni.IsLetter(r) || uni.IsDigit(r)) && !strings.ContainsRune(cjkBreaks, r)
		if start >= 0 && (!word || cjk(r) != prev) {
			tokens = append(tokens, folded[start:i])
			start = -1
		}
		if word && start < 0 {
			start = i
		}
		prev = cjk(r)
	}
	seen := map[string]bool{}
	var words, runs []string
	for _, w := range tokens {
		n := len([]rune(w))
		isCJK := cjk([]rune(w)[0])
		switch {
		case seen[w] || have[w] || stopWords[w] || trStopWords[w] || strings.Trim(w, "0123456789") == "":
		case isCJK && n >= 2:
			runs = append(runs, w)
		case !isCJK && n >= 3:
			words = append(words, w)
		}
		seen[w] = true
	}
	// longest first, so that a run inside a longer one is dropped
	sort.Slice(runs, func(i, j int) bool {
		if a, b := len(runs[i]), len(runs[j]); a != b {
			return a > b
		}
		return runs[i] < runs[j]
	})
	// a word the search finds as the start of a longer one is not needed: "marche" in "marches"
	sort.Strings(words)
	var starts []string
	for i, w := range words {
		if i+1 < len(words) && strings.HasPrefix(words[i+1], w) || startsOne(w, have) {
			continue
		}
		starts = append(starts, w)
	}
	words = starts
	var kept []string
	for _, r := range runs {
		inside := false
		for _, k := range kept {
			if strings.Contains(k, r) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, r)
		}
	}
	words = append(words, kept...)
	sort.Strings(words)
	return strings.Join(words, " ")
}

// startsOne says whether w is the start of a longer word in have.
func startsOne(w string, have map[string]bool) bool {
	for h := range have {
		if len(h) > len(w) && strings.HasPrefix(h, w) {
			return true
		}
	}
	return false
}
