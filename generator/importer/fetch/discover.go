package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"
)

// maxPage is the most of an official page Discover reads.
const maxPage = 5 << 20

// Wanted says which report a page's link must name: the edition's year and one of the
// phrases that name the publisher's review or list, in lower case ("notorious markets").
type Wanted struct {
	Year    int
	Phrases []string
}

// decoys are words of links that name the list but are not the report itself.
var decoys = []string{"fact sheet", "factsheet", "press release", "federal register", "request for comment", "comments"}

// Discover finds the report's PDF on its official page: the https link, on the page's own
// site (its host, or a host of the same registrable domain), to a PDF whose text or file name
// names the list (a phrase of w) and the edition's year (or, on a page of one edition, no
// year). A page that is itself a PDF is the report. No such link, or two that fit alike, is
// an error saying so, with the links it refused.
func Discover(ctx context.Context, page string, w Wanted, opt Options) (string, error) {
	u, err := url.Parse(page)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("%s: the edition's page must be an https URL to look for the report on", page)
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	resp, err := get(ctx, u, "text/html, application/pdf;q=0.9", opt)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	base := resp.Request.URL
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxPage))
	if err != nil {
		return "", wrap(page, ctx, err, opt.Timeout)
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "application/pdf" || bytes.HasPrefix(body, []byte("%PDF-")) {
		return base.String(), nil
	}
	links := pageLinks(body, base)
	year := strconv.Itoa(w.Year)
	var fit, undated, refused []string
	for _, l := range links {
		words := l.words()
		if !slices.ContainsFunc(w.Phrases, func(p string) bool { return strings.Contains(words, p) }) || !l.pdf() {
			continue
		}
		if slices.ContainsFunc(decoys, func(d string) bool { return strings.Contains(words, d) }) {
			continue
		}
		years := anyYear.FindAllString(words, -1)
		dated := slices.Contains(years, year)
		if !dated && len(years) > 0 {
			continue // another year's
		}
		switch {
		case !sameSite(l.url, base):
			refused = append(refused, l.url.String()+" (another site)")
		case l.url.Scheme != "https":
			refused = append(refused, l.url.String()+" (not https)")
		case dated:
			fit = appendNew(fit, l.url.String())
		default:
			undated = appendNew(undated, l.url.String())
		}
	}
	if len(fit) == 0 {
		fit = undated
	}
	also := ""
	if len(refused) > 0 {
		also = "; refused: " + strings.Join(refused, ", ")
	}
	switch len(fit) {
	case 1:
		return fit[0], nil
	case 0:
		return "", fmt.Errorf("%s: no link to a PDF on %s names %q and %d%s: give the report's address", page, base.Hostname(), w.Phrases[0], w.Year, also)
	default:
		return "", fmt.Errorf("%s: %d links could be the %d report (%s)%s: give the report's address", page, len(fit), w.Year, strings.Join(fit, ", "), also)
	}
}

var anyYear = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// link is an <a href> of a page: its address, resolved, its text and its type attribute.
type link struct {
	url        *url.URL
	text, kind string
}

// words are the link's text and its file's name, lower case, separators as spaces: what it
// says it is.
func (l link) words() string {
	name, _ := url.PathUnescape(path.Base(l.url.Path))
	s := strings.ToLower(l.text + " " + name)
	s = strings.NewReplacer("-", " ", "_", " ", "+", " ", ".", " ", "watchlist", "watch list").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// pdf reports whether the link says it is to a PDF: by its file name, type or text.
func (l link) pdf() bool {
	return strings.HasSuffix(strings.ToLower(l.url.Path), ".pdf") || strings.Contains(strings.ToLower(l.kind), "pdf") ||
		strings.Contains(strings.ToLower(l.text), "pdf")
}

// sameSite reports whether u is on base's host or another host of its registrable domain.
func sameSite(u, base *url.URL) bool {
	a, b := strings.ToLower(u.Hostname()), strings.ToLower(base.Hostname())
	if a == b {
		return true
	}
	ra, err1 := publicsuffix.EffectiveTLDPlusOne(a)
	rb, err2 := publicsuffix.EffectiveTLDPlusOne(b)
	return err1 == nil && err2 == nil && ra == rb
}

// pageLinks are the page's links, resolved against its address (or its <base href>).
func pageLinks(body []byte, base *url.URL) []link {
	var links []link
	z := html.NewTokenizer(bytes.NewReader(body))
	var cur *link
	var text strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			switch t.Data {
			case "base":
				if b, err := base.Parse(attr(t, "href")); err == nil && attr(t, "href") != "" {
					base = b
				}
			case "a":
				if u, err := base.Parse(strings.TrimSpace(attr(t, "href"))); err == nil && attr(t, "href") != "" {
					cur = &link{url: u, kind: attr(t, "type")}
					text.Reset()
					text.WriteString(attr(t, "title") + " " + attr(t, "aria-label") + " ")
				}
			}
		case html.TextToken:
			if cur != nil {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			if t := z.Token(); t.Data == "a" && cur != nil {
				cur.text = strings.Join(strings.Fields(text.String()), " ")
				links = append(links, *cur)
				cur = nil
			}
		}
	}
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
