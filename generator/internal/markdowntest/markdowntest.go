// Package markdowntest renders markdown as the site's Hugo configuration does (goldmark with
// Hugo's default extensions, raw HTML omitted, no linkify, no typographer), for tests that check
// what data text becomes in HTML.
package markdowntest

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var md = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Strikethrough, extension.TaskList,
	extension.DefinitionList, extension.Footnote,
))

// HTML renders markdown source to HTML.
func HTML(src string) (string, error) {
	var b bytes.Buffer
	err := md.Convert([]byte(src), &b)
	return b.String(), err
}
