package mdhtml

import "testing"

func TestBlockAndInline(t *testing.T) {
	for _, c := range []struct {
		src, block, inline string
		ok                 bool
	}{
		{"Sells *counterfeit* goods & `apps`.", "<p>Sells <em>counterfeit</em> goods &amp; <code>apps</code>.</p>\n", "Sells <em>counterfeit</em> goods &amp; <code>apps</code>.", true},
		{"One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>\n", "<p>One.</p>\n<p>Two.</p>\n", true},
		{`Quotes "stay" <b>raw</b>`, "", "", false},
		{"See [the report](https://example.gov/r.pdf).", "", "", false},
		{"Bare www.example.com stays text.", "<p>Bare www.example.com stays text.</p>\n", "Bare www.example.com stays text.", true},
		{"# A heading", "", "", false},
		{"- a list", "", "", false},
		{"A {{< shortcode >}}.", "", "", false},
		{"Note[^1].\n\n[^1]: A footnote.", "", "", false},
	} {
		block, ok := Block(c.src)
		if ok != c.ok || block != c.block {
			t.Errorf("Block(%q) = %q, %v; want %q, %v", c.src, block, ok, c.block, c.ok)
		}
		inline, ok := Inline(c.src)
		if ok != c.ok || inline != c.inline {
			t.Errorf("Inline(%q) = %q, %v; want %q, %v", c.src, inline, ok, c.inline, c.ok)
		}
	}
}

// TestHTML: the configuration hugo.toml gives Hugo, raw HTML omitted, the extensions on, and no
// linkify or typographer.
func TestHTML(t *testing.T) {
	for src, want := range map[string]string{
		"<script>x</script>\n\nA <b>b</b>.":                 "<!-- raw HTML omitted -->\n<p>A <!-- raw HTML omitted -->b<!-- raw HTML omitted -->.</p>\n",
		"See [r](https://example.gov/) or www.example.com.": "<p>See <a href=\"https://example.gov/\">r</a> or www.example.com.</p>\n",
		"~~gone~~ \"quoted\" --":                            "<p><del>gone</del> &quot;quoted&quot; --</p>\n",
		"| a |\n|---|\n| b |":                               "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n",
	} {
		got, err := HTML(src)
		if err != nil || got != want {
			t.Errorf("HTML(%q) = %q, %v; want %q", src, got, err, want)
		}
	}
}
