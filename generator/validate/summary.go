package validate

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/domain"
)

// markdown parses summaries as the site's renderer might, including linkify, so that a bare
// "www.example.com" counts as a link.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// MaxSummary is the longest summary, in bytes: a summary is a few sentences.
const MaxSummary = 2000

// summary checks a markdown summary: present, short, no raw HTML or images, and links only to
// http(s) pages that are not on a listed domain.
func (c *checker) summary(pos dataset.Pos, field, src string) {
	if !c.required(pos, field, src) {
		return
	}
	if strings.Contains(src, dataset.SummaryPlaceholder) {
		c.add(pos.Problem(field, "is still the import's placeholder: write what this edition reported, in your own words, citing it"))
		return
	}
	if strings.Contains(src, dataset.SummaryPending) {
		c.add(pos.Problem(field, "holds the listing-only marker, which only an entry's summary may be, exactly: write what this edition reported, in your own words"))
		return
	}
	if len(src) > MaxSummary {
		c.add(pos.Problem(field, "is %d bytes; a summary is a few sentences (at most %d bytes)", len(src), MaxSummary))
		return
	}
	c.visible(pos, field, src)
	if strings.Contains(src, "{{") {
		c.add(pos.Problem(field, "contains \"{{\", which Hugo would run as a shortcode: rephrase it"))
		return
	}
	reported := map[string]bool{}
	report := func(format string, args ...any) {
		p := pos.Problem(field, format, args...)
		if !reported[p.Message] {
			reported[p.Message] = true
			c.add(p)
		}
	}
	if trimmed := strings.TrimSpace(src); mayHoldMarkup(trimmed) {
		c.markdown([]byte(trimmed), report)
	}
}

// mayHoldMarkup reports whether markdown could find raw HTML, an image or a link in s. Each of
// them needs a '<' or a '[', except linkify's bare links, which need "://", "www." or an '@'.
// Most summaries have none of these, and are not parsed at all.
func mayHoldMarkup(s string) bool {
	return strings.ContainsAny(s, "<[@") || strings.Contains(s, "://") || strings.Contains(s, "www.")
}

// markdown reports raw HTML, images and bad links in a trimmed summary. Every page renders a
// summary on its own, trimmed (a block on market pages, inline on year pages, where the list
// item around it is HTML), so this is the one reading to check.
func (c *checker) markdown(body []byte, report func(string, ...any)) {
	doc := markdown.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			report("contains raw HTML: write plain markdown")
		case *ast.Image:
			report("contains an image: summaries are text")
		case *ast.Link:
			// Check the destination as the renderer writes it, with escapes and entities resolved.
			c.link(string(util.URLEscape(n.Destination, true)), false, report)
		case *ast.AutoLink:
			c.link(string(n.URL(body)), true, report)
		}
		return ast.WalkContinue, nil
	})
}

// link checks a link destination; auto is true for links made from bare text, where linkify
// turns "www.example.com" into an http link.
func (c *checker) link(dest string, auto bool, report func(string, ...any)) {
	raw := dest
	if auto && strings.HasPrefix(strings.ToLower(dest), "www.") {
		dest = "http://" + dest
	}
	h, ok := c.web(dest)
	if !ok {
		report("links to %q: only http(s) links to sources are allowed", raw)
		return
	}
	if h.market != nil {
		report("links to %s, a domain listed for %s: name it as text, never as a link", h.listed, h.market.Name)
	}
}

// listedFor returns the listed domain covering host, and its market, if there is one. The host
// is compared in canonical form: lower case, punycode, without a trailing dot.
func (c *checker) listedFor(host string) (string, *dataset.Market) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if canon, err := domain.Canonical(host); err == nil {
		host = canon
	}
	h, m, _ := domain.Find(c.domains, host)
	return h, m
}
