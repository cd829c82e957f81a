package pdftext

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strconv"
	"strings"
)

// HTMLTool is poppler's program that gives a PDF's text with its fonts, bold runs and outline.
const HTMLTool = "pdftohtml"

// Typography is what a PDF's type says about its structure, as text to find in its pages.
type Typography struct {
	// Strong are headings: a line, or lines set close together, wholly bold or larger than the
	// body text.
	Strong []string
	// Leads are run-in names: bold words that open a line whose text goes on in regular type.
	Leads []string
	// Outline is the document outline (bookmarks), in order.
	Outline []string
}

// ReadTypography reads the typography of a PDF's pages first to last (1-based; 0, 0 for all)
// with pdftohtml -xml. Without pdftohtml it returns nil: the text alone is read.
func ReadTypography(path string, first, last int) (*Typography, error) {
	bin, err := exec.LookPath(HTMLTool)
	if err != nil {
		return nil, nil
	}
	args := []string{"-xml", "-i", "-q", "-stdout", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append(args, path)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftohtml %s: %v: %s", path, err, strings.TrimSpace(stderr.String()))
	}
	return parseXML(out)
}

// run is a piece of text in one font: bold or not.
type run struct {
	text string
	bold bool
}

// textLine is one line of a page as pdftohtml places it.
type textLine struct {
	top, left, right, height, size int
	runs                           []run
}

func (l *textLine) text() string {
	var b strings.Builder
	for _, r := range l.runs {
		b.WriteString(r.text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// parseXML reads pdftohtml's XML: each page's text elements, with their font sizes and bold
// runs, grouped into lines; then headings and run-in names.
func parseXML(b []byte) (*Typography, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	sizes := map[string]int{}
	var pages [][]*textLine
	var cur *textLine
	var bold, inOutline int
	t := &Typography{}
	var outlineText strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("pdftohtml output: %w", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(n string) string {
				for _, a := range e.Attr {
					if a.Name.Local == n {
						return a.Value
					}
				}
				return ""
			}
			num := func(n string) int { v, _ := strconv.Atoi(attr(n)); return v }
			switch e.Name.Local {
			case "page":
				pages = append(pages, nil)
			case "fontspec":
				sizes[attr("id")] = num("size")
			case "text":
				if len(pages) == 0 {
					pages = append(pages, nil)
				}
				cur = &textLine{top: num("top"), left: num("left"), height: num("height"), size: sizes[attr("font")]}
				cur.right = cur.left + num("width")
				pages[len(pages)-1] = append(pages[len(pages)-1], cur)
			case "b":
				bold++
			case "outline":
				inOutline++
			case "item":
				outlineText.Reset()
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "text":
				cur = nil
			case "b":
				bold = max(0, bold-1)
			case "outline":
				inOutline--
			case "item":
				if s := strings.Join(strings.Fields(outlineText.String()), " "); s != "" {
					t.Outline = append(t.Outline, s)
				}
			}
		case xml.CharData:
			if inOutline > 0 {
				outlineText.Write(e)
			} else if cur != nil {
				cur.runs = append(cur.runs, run{string(e), bold > 0})
			}
		}
	}
	body := bodySize(pages)
	for _, elems := range pages {
		lines := joinElements(elems)
		used := make([]bool, len(lines))
		for i, l := range lines {
			if used[i] {
				continue
			}
			switch {
			case strong(l, body):
				// A heading set on two or three lines, close together, in the same type; in two
				// columns the next line of the heading may come after a line of the other column.
				text, last := l.text(), l
				for n := 0; n < 5; n++ {
					j := next(lines, used, i, last)
					if j < 0 || !strong(lines[j], body) || lines[j].size != l.size {
						break
					}
					used[j], last = true, lines[j]
					if !strings.HasSuffix(text, "-") {
						text += " "
					}
					text += lines[j].text()
				}
				// A run-in name over two lines: the next line opens with bold words.
				if j := next(lines, used, i, last); j >= 0 && lines[j].size == l.size {
					if lead := leadOf(lines[j]); lead != "" {
						used[j] = true
						t.Leads = append(t.Leads, text+" "+lead)
						continue
					}
				}
				// A bold line ending a sentence, with regular text below it: a run-in name
				// that fills its line.
				if j := next(lines, used, i, last); j >= 0 && lines[j].size == l.size && !strong(lines[j], body) && strings.HasSuffix(text, ".") {
					t.Leads = append(t.Leads, text)
					continue
				}
				t.Strong = append(t.Strong, text)
			default:
				if lead := leadOf(l); lead != "" {
					t.Leads = append(t.Leads, lead)
				}
			}
		}
	}
	return t, nil
}

// leadOf returns the bold words a line opens with, when regular text follows them, or "".
func leadOf(l *textLine) string {
	if len(l.runs) < 2 || !l.runs[0].bold {
		return ""
	}
	var lead strings.Builder
	for _, r := range l.runs {
		if !r.bold && strings.TrimSpace(r.text) != "" {
			break
		}
		lead.WriteString(r.text)
	}
	if s := strings.Join(strings.Fields(lead.String()), " "); s != l.text() {
		return s
	}
	return ""
}

// next returns the index of the line set right below line a (not yet used), or -1.
func next(lines []*textLine, used []bool, from int, a *textLine) int {
	for j := from + 1; j < len(lines) && lines[j].top <= a.top+3*max(a.height, 1); j++ {
		if !used[j] && below(a, lines[j]) {
			return j
		}
	}
	return -1
}

// bodySize is the font size most of the text is set in.
func bodySize(pages [][]*textLine) int {
	chars := map[int]int{}
	for _, p := range pages {
		for _, l := range p {
			chars[l.size] += len(l.text())
		}
	}
	best := 0
	for s, n := range chars {
		if n > chars[best] || n == chars[best] && s < best {
			best = s
		}
	}
	return best
}

// strong reports whether a line is set as a heading: all its letters bold, or larger type.
func strong(l *textLine, body int) bool {
	if strings.IndexFunc(l.text(), func(r rune) bool { return r >= 'A' }) < 0 {
		return false
	}
	if l.size > body+1 {
		return true
	}
	for _, r := range l.runs {
		if !r.bold && strings.TrimSpace(r.text) != "" {
			return false
		}
	}
	return true
}

// joinElements groups a page's text elements into lines: elements on the same baseline and
// close together (not across a column gutter) are one line.
func joinElements(elems []*textLine) []*textLine {
	sort.SliceStable(elems, func(i, j int) bool {
		if abs(elems[i].top-elems[j].top) > 2 {
			return elems[i].top < elems[j].top
		}
		return elems[i].left < elems[j].left
	})
	var out []*textLine
	for _, e := range elems {
		if len(out) > 0 {
			l := out[len(out)-1]
			if abs(l.top-e.top) <= 2 && e.left-l.right < 2*max(e.height, 1) && e.left >= l.left {
				if e.left-l.right > 1 {
					l.runs = append(l.runs, run{" ", false})
				}
				l.runs = append(l.runs, e.runs...)
				l.right = max(l.right, e.right)
				l.size = max(l.size, e.size)
				continue
			}
		}
		c := *e
		out = append(out, &c)
	}
	return out
}

// below reports whether line b is the line under a, set close to it: a heading's next line.
func below(a, b *textLine) bool {
	return b.top > a.top+2 && b.top-(a.top+a.height) < a.height/2 && b.left < a.right && b.right > a.left
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
