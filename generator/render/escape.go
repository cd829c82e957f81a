package render

import "strings"

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
