package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// ligatures maps the ligature and special-space characters PDFs use to plain text.
var ligatures = strings.NewReplacer(
	"ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st",
	"\u00a0", " ", "\u2007", " ", "\u202f", " ", "\u00ad", "", "\u200b", "",
	"\u2010", "-", "\u2011", "-", "\t", " ",
)

// line is one line of text and the printed page it is on.
type line struct {
	text string
	page int
}

// pageNumber matches a footer or header that is a page number (from 1, never "0" or "07"): "12",
// "Page 12", "- 12 -", "12 of 40".
// The EU's staff working documents set it between language codes: "EN 12 EN".
var pageNumber = regexp.MustCompile(`^(?:[A-Z]{2}\s+)?(?i:page\s+)?[-–—]?\s*([1-9]\d{0,2})\s*[-–—]?(?:\s*(?i:of|/)\s*\d{1,3})?(?:\s+[A-Z]{2})?$`)

// clean turns pages into lines: ligatures undone, page-number footers read and removed, and
// running headers and footers (the same text at the top or bottom of many pages) removed.
// Lines in skip (the table of contents) are left out; lines that are headings of the table of
// contents are never taken for running headers. It reports whether the pages
// had page-number footers.
func clean(pages []string, skip lineSet, headings map[string]bool) ([]line, bool, int) {
	split := make([][]string, len(pages))
	for i, p := range pages {
		for _, l := range strings.Split(ligatures.Replace(p), "\n") {
			split[i] = append(split[i], strings.TrimSpace(l))
		}
	}
	// Footer page numbers: the last or first non-blank lines of a page.
	printed := make([]int, len(pages))
	found := false
	for i, ls := range split {
		for _, k := range edges(ls) {
			if m := pageNumber.FindStringSubmatch(ls[k]); m != nil {
				printed[i], _ = strconv.Atoi(m[1])
				ls[k] = ""
				found = true
				break
			}
		}
	}
	offset := pageOffset(printed)
	fillPages(printed, found)
	// Running headers and footers: the same edge line, digits aside, on two pages or more
	// and on at least a third of them.
	count := map[string]int{}
	for _, ls := range split {
		seen := map[string]bool{}
		for _, k := range edges(ls) {
			key := runningKey(ls[k])
			if key != "" && !seen[key] && len([]rune(key)) <= 100 { // a paragraph's line is no header
				seen[key] = true
				count[key]++
			}
		}
	}
	var out []line
	for i, ls := range split {
		edge := map[int]bool{}
		for _, k := range edges(ls) {
			edge[k] = true
		}
		for k, l := range ls {
			if skip[[2]int{i, k}] {
				l = ""
			}
			if edge[k] && !headings[key(l)] { // a heading of the contents is never a running header
				if n := count[runningKey(l)]; n >= 2 && n*3 >= len(pages) {
					l = ""
				}
			}
			out = append(out, line{l, printed[i]})
		}
		out = append(out, line{"\f", printed[i]}) // a page break
	}
	return out, found, offset
}

// pageOffset is how far the PDF's page numbers run ahead of the printed ones (the unnumbered
// front pages before page 1), where every printed number agrees; else -1. Zero without printed
// numbers.
func pageOffset(printed []int) int {
	offset, seen := 0, false
	for i, n := range printed {
		if n == 0 {
			continue
		}
		off := i + 1 - n
		if seen && off != offset || off < 0 {
			return -1
		}
		offset, seen = off, true
	}
	return offset
}

// edges returns the indexes of the first two and last two non-blank lines of a page, last first.
func edges(ls []string) []int {
	var first, last []int
	for k := 0; k < len(ls) && len(first) < 2; k++ {
		if ls[k] != "" {
			first = append(first, k)
		}
	}
	for k := len(ls) - 1; k >= 0 && len(last) < 2; k-- {
		if ls[k] != "" {
			last = append(last, k)
		}
	}
	out := last
	for _, k := range first {
		if len(last) == 0 || (k != last[0] && (len(last) < 2 || k != last[1])) {
			out = append(out, k)
		}
	}
	return out
}

// runningKey is a running header or footer without its page number ("Report | 12", "3 of 40").
func runningKey(s string) string {
	return edgeNumber.ReplaceAllString(strings.Join(strings.Fields(s), " "), "#")
}

var edgeNumber = regexp.MustCompile(`(?i)^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s+|\s+(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$`)

// fillPages gives pages without a footer number the number their neighbours imply; without
// any footer numbers, pages are numbered from 1.
func fillPages(printed []int, found bool) {
	if !found {
		for i := range printed {
			printed[i] = i + 1
		}
		return
	}
	last := -1
	for i, p := range printed {
		if p != 0 {
			// pages before the first numbered page count back from it (not below 1)
			if last < 0 {
				for k := 0; k < i; k++ {
					printed[k] = max(1, p-(i-k))
				}
			}
			last = i
			continue
		}
		if last >= 0 {
			printed[i] = printed[last] + (i - last)
		}
	}
}

// block is a paragraph or heading: lines joined with their page.
type block struct {
	lines []string
	page  int
	broke bool // a page break comes before it
}

// blocks groups lines into paragraphs at blank lines and page breaks.
func blocks(lines []line) []block {
	var out []block
	var cur *block
	broke := false
	for _, l := range lines {
		switch l.text {
		case "\f":
			cur, broke = nil, true
		case "":
			cur = nil
		default:
			if cur == nil {
				out = append(out, block{page: l.page, broke: broke})
				cur, broke = &out[len(out)-1], false
			}
			cur.lines = append(cur.lines, l.text)
		}
	}
	return out
}

// keepHyphen lists the word parts before a line-end hyphen that belong to a compound
// ("e-commerce"), where the hyphen is kept.
var keepHyphen = map[string]bool{"e": true, "anti": true, "non": true, "cyber": true, "co": true,
	"self": true, "cross": true, "peer": true, "stream": true, "so": true, "well": true,
	"third": true, "high": true, "low": true, "long": true, "short": true, "pay": true,
	"over": true, "top": true, "user": true, "set": true, "state": true, "follow": true,
	// first parts of the compounds reports write with a hyphen ("copyright-protected")
	"copyright": true, "counterfeit": true, "court": true, "rights": true, "piracy": true,
	"brand": true, "live": true, "video": true, "music": true, "sports": true, "multi": true,
	"government": true, "industry": true, "consumer": true, "trade": true, "infringement": true}

// joinLines joins the lines of a paragraph, undoing hyphenation at line ends: "coun-" and
// "terfeit" make "counterfeit", but "e-" and "commerce" stay "e-commerce", and a hyphen
// before a domain name is kept.
func joinLines(ls []string) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			prev := ls[i-1]
			if hyphenated(prev, l) {
				s := b.String()
				b.Reset()
				b.WriteString(strings.TrimSuffix(s, "-"))
			} else if !strings.HasSuffix(prev, "-") || !wordEnd(prev) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// wordEnd reports whether a line ends in a letter and a hyphen.
func wordEnd(s string) bool {
	r := []rune(s)
	return len(r) >= 2 && r[len(r)-1] == '-' && unicode.IsLetter(r[len(r)-2])
}

// hyphenated reports whether a line ending in "-" breaks a word that next continues.
func hyphenated(prev, next string) bool {
	if !wordEnd(prev) {
		return false
	}
	f := strings.Fields(prev)
	part := strings.ToLower(strings.TrimSuffix(f[len(f)-1], "-"))
	if i := strings.LastIndexByte(part, '-'); i >= 0 {
		part = part[i+1:]
	}
	nf := strings.Fields(next)
	if keepHyphen[part] || len(nf) == 0 || strings.Contains(strings.TrimRight(nf[0], ".,;:"), ".") {
		return false
	}
	r := []rune(nf[0])
	return unicode.IsLower(r[0])
}

// key folds a heading for comparison: lower case, single spaces, no dots or dashes at the ends.
func key(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.Trim(s, " .:-–—")
}
