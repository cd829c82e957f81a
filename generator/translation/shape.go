package translation

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdown parses texts as validate does, with linkify, so a bare "www.example.com" counts as
// a link.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// shape is what a text's markdown shows beyond plain words: its markup (emphasis, links with
// their address, code) and the listed domains it names, each with how it is shown.
type shape struct {
	marks   []string // "em1", "em2", "link:<url>", "code", "del", "html", "img", ...
	domains []string // "text:<domain>" or "code:<domain>"
}

// hostLike finds names with dots in lower-cased text: the candidates for a listed domain.
var hostLike = regexp.MustCompile(`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+`)

// listed are the data's domains: ASCII as written in data/, and the Unicode form of those that
// have one.
type listed struct {
	ascii   map[string]bool
	unicode map[string]string // Unicode form -> ASCII
}

func shapeOf(src string, listed *listed) shape {
	var s shape
	body := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Document, *ast.Paragraph, *ast.TextBlock, *ast.String:
		case *ast.Text:
			how := "text"
			if _, ok := n.Parent().(*ast.CodeSpan); ok {
				how = "code"
			}
			for _, d := range listedIn(string(n.Segment.Value(body)), listed) {
				s.domains = append(s.domains, how+":"+d)
			}
		case *ast.Emphasis:
			s.marks = append(s.marks, fmt.Sprintf("em%d", n.Level))
		case *ast.Link:
			s.marks = append(s.marks, "link:"+string(n.Destination))
		case *ast.AutoLink:
			s.marks = append(s.marks, "link:"+string(n.URL(body)))
		case *ast.CodeSpan:
			s.marks = append(s.marks, "code")
		case *east.Strikethrough:
			s.marks = append(s.marks, "del")
		case *ast.RawHTML, *ast.HTMLBlock:
			s.marks = append(s.marks, "html")
		case *ast.Image:
			s.marks = append(s.marks, "img")
		default:
			s.marks = append(s.marks, n.Kind().String())
		}
		return ast.WalkContinue, nil
	})
	return s
}

// listedIn returns the listed domains a text names, as themselves or through a subdomain, in
// ASCII or Unicode form.
func listedIn(t string, listed *listed) []string {
	var out []string
	lower := strings.ToLower(t)
	for _, name := range hostLike.FindAllString(lower, -1) {
		for host := name; strings.Contains(host, "."); host = host[strings.Index(host, ".")+1:] {
			if listed.ascii[host] {
				out = append(out, host)
				break
			}
		}
	}
	for u, d := range listed.unicode {
		if strings.Contains(lower, u) {
			out = append(out, d)
		}
	}
	return out
}
