// Package pdftext reads the text of a report, page by page, from a PDF (through poppler's
// pdftotext) or from a text file whose pages are separated by form feeds.
package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Tool is the program that extracts a PDF's text, from Debian's poppler-utils.
const Tool = "pdftotext"

// ErrNoTool means pdftotext is not installed.
var ErrNoTool = errors.New("pdftotext is not installed: install Debian's poppler-utils (apt-get install poppler-utils), or give the report's text as a .txt file")

// Read returns the pages of a report: a PDF, or a .txt file (pages separated by form feeds,
// as pdftotext writes them; a text without form feeds is one page). Two-column blocks of a
// PDF page are put in reading order, left column first.
func Read(path string) ([]string, error) { return ReadRange(path, 0, 0) }

// ReadRange is Read for a PDF's pages first to last (1-based; 0, 0 for all).
func ReadRange(path string, first, last int) ([]string, error) {
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return Split(string(b)), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 5)
	_, _ = f.Read(head)
	f.Close()
	if !bytes.Equal(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%s is neither a PDF (it does not start with %%PDF-) nor a .txt file", path)
	}
	bin, err := exec.LookPath(Tool)
	if err != nil {
		return nil, ErrNoTool
	}
	// -layout keeps each line of the page as laid out, so a table of contents keeps its page
	// numbers on the heading's line and paragraphs stay apart; columns are split here.
	var stderr bytes.Buffer
	args := []string{"-layout", "-enc", "UTF-8", "-eol", "unix"}
	if first > 0 {
		args = append(args, "-f", fmt.Sprint(first), "-l", fmt.Sprint(last))
	}
	cmd := exec.Command(bin, append(args, path, "-")...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %v: %s", path, err, strings.TrimSpace(stderr.String()))
	}
	pages := Split(string(out))
	for i, p := range pages {
		pages[i] = Columns(p)
	}
	return pages, nil
}

// footer is a line holding only a page number.
var footer = regexp.MustCompile(`^\s*\d{1,3}\s*$`)

// Split cuts text into pages at form feeds, dropping the empty page after a final one. A text
// without form feeds (copied from a viewer) is cut after each line holding only a page number.
func Split(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if !strings.Contains(text, "\f") {
		lines := strings.Split(text, "\n")
		var b strings.Builder
		for i, l := range lines {
			b.WriteString(l)
			if footer.MatchString(l) {
				b.WriteString("\n\f")
			} else if i < len(lines)-1 {
				b.WriteByte('\n')
			}
		}
		text = b.String()
	}
	pages := strings.Split(text, "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}
