// Package mdhtml renders summaries from data/ to HTML as the site's Hugo renders them, so the
// templates write them as they are instead of rendering each one on every page and in every
// language.
package mdhtml

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// md is goldmark as hugo.toml configures it: Hugo's default extensions, raw HTML omitted, no
// linkify and no typographer.
var md = goldmark.New(goldmark.WithExtensions(
	extension.Table, extension.Strikethrough, extension.TaskList,
	extension.DefinitionList, extension.Footnote,
))

// plain are the nodes Hugo renders as goldmark does. Others (links and images, with the site's
// link render hook; headings, with their ids; raw HTML; lists and tables) are left to Hugo.
var plain = map[ast.NodeKind]bool{
	ast.KindDocument: true, ast.KindParagraph: true, ast.KindText: true, ast.KindString: true,
	ast.KindEmphasis: true, ast.KindCodeSpan: true, east.KindStrikethrough: true,
}

// HTML renders any markdown as goldmark does with the site's configuration. Unlike Block it
// leaves nothing to Hugo (no render hooks, heading ids or shortcodes): tests use it to see what
// markdown from data/ can become.
func HTML(src string) (string, error) {
	var b bytes.Buffer
	err := md.Convert([]byte(src), &b)
	return b.String(), err
}

// Block renders src as Hugo's RenderString does with display "block". ok is false when src holds
// more than paragraphs of text, emphasis and code, or a shortcode, which only Hugo renders as
// the site does.
func Block(src string) (html string, ok bool) {
	if strings.Contains(src, "{{") {
		return "", false
	}
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	ok = true
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !plain[n.Kind()] {
			ok = false
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if !ok {
		return "", false
	}
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, source, doc); err != nil {
		return "", false
	}
	return b.String(), true
}

// Inline renders src as Hugo's RenderString does by default, which unwraps a lone paragraph
// (Hugo's ContentSpec.TrimShortHTML).
func Inline(src string) (html string, ok bool) {
	h, ok := Block(src)
	if !ok {
		return "", false
	}
	b := []byte(h)
	if bytes.Count(b, []byte("<p>")) == 1 {
		b = bytes.TrimSpace(b)
		if bytes.HasPrefix(b, []byte("<p>")) && bytes.HasSuffix(b, []byte("</p>")) {
			b = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(b, []byte("<p>")), []byte("</p>")))
		}
	}
	return string(b), true
}
