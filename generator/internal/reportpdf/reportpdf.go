// Package reportpdf prints test reports to PDF with headless Chromium, as the publishers' PDFs
// are laid out: a page per sheet with a running header, a footer (the printed page number),
// headings and paragraphs, some in two columns. Tests of the importer read them back.
package reportpdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/importer/pdftext"
	"github.com/notorious-markets-watch/nmw/generator/internal/browser"
)

// Page is one page of a test report: a running header, its body (HTML) and its footer.
type Page struct {
	Header, Body, Footer string
	Columns              bool   // the body is set in two columns
	Foot                 string // footnotes (HTML), set small at the page's foot
}

const reportCSS = `
@page { size: A4; margin: 0 }
body { margin: 0; font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35 }
.page { height: 297mm; box-sizing: border-box; padding: 22mm 22mm 20mm; position: relative;
  break-after: page; overflow: hidden }
.page > header { position: absolute; top: 9mm; left: 22mm; font-size: 9pt; font-style: italic }
.page > footer { position: absolute; bottom: 9mm; left: 0; right: 0; text-align: center; font-size: 9pt }
.cols { columns: 2; column-gap: 12mm }
h1 { font-size: 22pt } h2 { font-size: 15pt } h3 { font-size: 12pt; margin: 1.2em 0 .4em }
.narrow { width: 75mm }
.fn { position: absolute; bottom: 16mm; left: 22mm; right: 22mm; font-size: 8pt; border-top: 1px solid #000 }
.fn p { margin: 0 }
.tocbox h2 { font-size: 14pt }
p { margin: 0 0 .8em }
.toc p { margin: 0 }
`

// Print writes pages as HTML and prints them to a PDF with headless Chromium, skipping the
// test when Chromium or pdftotext is missing.
func Print(t testing.TB, name string, pages []Page) string {
	t.Helper()
	return render(t, name, pages)
}

// PrintOutlined is Print with the document outline (bookmarks) Chromium makes from the
// headings, as many publishers' PDFs have one.
func PrintOutlined(t testing.TB, name string, pages []Page) string {
	t.Helper()
	return render(t, name, pages, "--generate-pdf-document-outline")
}

func render(t testing.TB, name string, pages []Page, flags ...string) string {
	t.Helper()
	bin := browser.Path(t)
	if _, err := exec.LookPath(pdftext.Tool); err != nil {
		t.Skip("no pdftotext: apt-get install -y poppler-utils to run the PDF import tests")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=utf-8><style>%s</style></head><body>\n", reportCSS)
	for _, p := range pages {
		body := p.Body
		if p.Columns {
			body = `<div class=cols>` + body + `</div>`
		}
		if p.Foot != "" {
			body += `<div class=fn>` + p.Foot + `</div>`
		}
		fmt.Fprintf(&b, "<div class=page><header>%s</header>\n%s\n<footer>%s</footer></div>\n", p.Header, body, p.Footer)
	}
	b.WriteString("</body></html>\n")
	dir := t.TempDir()
	html := filepath.Join(dir, name+".html")
	if err := os.WriteFile(html, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, name+".pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--no-pdf-header-footer"}, flags...)
	cmd := exec.CommandContext(ctx, bin, append(args, "--print-to-pdf="+pdf, "file://"+html)...)
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf: %v\n%s", err, out)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("chromium wrote no PDF: %v", err)
	}
	return pdf
}

// TOC makes a table of contents page body from lines "heading|page".
func TOC(lines ...string) string {
	var b strings.Builder
	b.WriteString("<h2>Table of Contents</h2><div class=toc>")
	for _, l := range lines {
		h, p, _ := strings.Cut(l, "|")
		if p == "" {
			fmt.Fprintf(&b, "<p>%s</p>", h)
			continue
		}
		fmt.Fprintf(&b, "<p>%s %s %s</p>", h, strings.Repeat(".", max(4, 70-len(h))), p)
	}
	b.WriteString("</div>")
	return b.String()
}
