// Package mdtext holds the markdown layout rules that rendering and validation must share.
package mdtext

import "strings"

// Indent indents the later lines of a text so that it continues the list item its first line
// is in; blank lines stay empty.
func Indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			lines[i] = "  " + lines[i]
		} else {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}
