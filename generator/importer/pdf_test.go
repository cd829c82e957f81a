package importer_test

import (
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/reportpdf"
)

// page is one page of a test report (reportpdf.Page).
type page = reportpdf.Page

func printPDF(t *testing.T, name string, pages []page) string { return reportpdf.Print(t, name, pages) }

func toc(lines ...string) string { return reportpdf.TOC(lines...) }
