package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestColumns(t *testing.T) {
	page := strings.Join([]string{
		"A heading over the whole page",
		"",
		"Left column text that starts the          Right column text that comes",
		"first paragraph and goes on for           after the left column in reading",
		"three lines before it ends.               order, on three lines as well.",
		"The left column runs one line longer.",
		"",
		"A closing paragraph across the page, after the columns.",
	}, "\n")
	want := strings.Join([]string{
		"A heading over the whole page",
		"",
		"Left column text that starts the",
		"first paragraph and goes on for",
		"three lines before it ends.",
		"The left column runs one line longer.",
		"",
		"Right column text that comes",
		"after the left column in reading",
		"order, on three lines as well.",
		"",
		"A closing paragraph across the page, after the columns.",
	}, "\n")
	if got := Columns(page); got != want {
		t.Errorf("Columns:\n%s\nwant:\n%s", got, want)
	}
	// A table of contents keeps its page numbers on its lines.
	toc := "Online Markets                         12\nRAPIDGATOR                             14\nPhysical Markets                       30"
	if got := Columns(toc); got != toc {
		t.Errorf("Columns split a table of contents:\n%s", got)
	}
}

func TestSplit(t *testing.T) {
	if got := Split("one\ftwo\f"); len(got) != 2 || got[1] != "two" {
		t.Errorf("Split at form feeds: %q", got)
	}
	got := Split("title\ntext\n1\nmore text\n2\n")
	if len(got) != 2 || !strings.HasSuffix(got[0], "text\n1\n") || !strings.Contains(got[1], "more text") {
		t.Errorf("Split at page-number lines: %q", got)
	}
}

func TestMissingTool(t *testing.T) {
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err := Read(pdf)
	if !errors.Is(err, ErrNoTool) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("Read without pdftotext: %v, want an error naming poppler-utils", err)
	}
	txt := filepath.Join(t.TempDir(), "r.doc")
	if err := os.WriteFile(txt, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(txt); err == nil || !strings.Contains(err.Error(), "neither a PDF") {
		t.Errorf("Read of a .doc: %v", err)
	}
}
