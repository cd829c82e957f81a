package render

import (
	"net/url"
	"strings"
)

// markdownEscaper backslash-escapes the characters that could turn data text into markdown
// or HTML syntax, or into a Hugo shortcode ("{{<").
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`#`, `\#`, `!`, `\!`, `|`, `\|`, `~`, `\~`, `&`, `\&`, `{`, `\{`, `}`, `\}`,
)

// Escape makes one line of data text safe to put into markdown as literal text.
func Escape(s string) string {
	return markdownEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

// escapeURL makes a validated URL safe as a markdown link destination.
func escapeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return urlEscaper.Replace(u.String())
}

var urlEscaper = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "{", "%7B", "}", "%7D")
