package render

import "testing"

func TestSearchWords(t *testing.T) {
	have := map[string]bool{"counterfeit": true, "marketplace": true}
	for _, c := range []struct{ text, want string }{
		// folded, deduplicated, stop words, short words and starts of longer words dropped, sorted
		{"Les contrefaçons et la Contrefaçon sont signalées sur la plateforme.", "contrefacons plateforme signalees"},
		// a word the search finds as the start of a longer one, here or in the English, is dropped
		{"Marché, marchés, market, counterfeit.", "marches"},
		// a run of Chinese is kept whole, split at particles and where Latin meets it, and a
		// run found inside another is dropped
		{"该平台销售假冒商品的Sci-Hub网站。假冒商品", "hub sci 网站 该平台销售假冒商品"},
		{"报告称2024年", ""},
	} {
		if got := searchWords(c.text, have); got != c.want {
			t.Errorf("searchWords(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
