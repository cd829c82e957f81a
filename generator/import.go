package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer"
)

const importUsage = `usage: go run ./generator [-data DIR] import -edition ID -o DIR [-url URL] [-published DATE] REPORT

Reads REPORT (the report's PDF, or a .txt of its text) and writes a draft of the edition under
DIR, mirroring data/: DIR/editions/ID.yaml and DIR/markets/<slug>.yaml for each market new to
data/. It never writes into data/ and never overwrites a file.
`

// importReport runs the import command: read a report, write its draft, print what it found.
func importReport(dataDir string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importUsage); fs.PrintDefaults() }
	opt := importer.Options{DataDir: dataDir}
	fs.StringVar(&opt.Edition, "edition", "", "the edition's id, <publisher>-<year> (ustr-2025, eu-2022)")
	fs.StringVar(&opt.OutDir, "o", "", "the folder to write the draft into (not data/)")
	fs.StringVar(&opt.URL, "url", "", "the report's official URL (default: the edition's url in data/)")
	fs.StringVar(&opt.Published, "published", "", "the publication date, YYYY-MM-DD (default: the edition's in data/)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 || opt.Edition == "" || opt.OutDir == "" {
		fs.Usage()
		return errUsage
	}
	opt.Report = fs.Arg(0)
	start := time.Now()
	res, err := importer.Run(opt)
	if err != nil {
		return err
	}
	printImport(stdout, opt, res, time.Since(start))
	return nil
}

func printImport(w io.Writer, opt importer.Options, res *importer.Result, took time.Duration) {
	r := res.Report
	fmt.Fprintf(w, "import: read %s in %s: %q, %d pages, as %s\n", opt.Report, took.Round(time.Millisecond), r.Title, r.Pages, r.Style)
	fmt.Fprintln(w, "markets found per section:")
	total := 0
	for _, s := range res.Sections {
		fmt.Fprintf(w, "  %-40s %3d\n", s.Section, s.N)
		total += s.N
	}
	fmt.Fprintf(w, "%d markets: %d matched a market in %s, %d new\n", total, res.Matched, opt.DataDir, res.New)
	if len(r.Unreadable) == 0 {
		fmt.Fprintln(w, "unreadable headings: none")
	} else {
		fmt.Fprintf(w, "unreadable headings (%d): read these entries in the report and add them by hand:\n", len(r.Unreadable))
		for _, n := range r.Unreadable {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	if len(r.Notes)+len(res.Notes) > 0 {
		fmt.Fprintln(w, "to check:")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	fmt.Fprintln(w, "wrote:")
	for _, f := range res.Written {
		fmt.Fprintf(w, "  %s\n", f)
	}
	summaries := "summaries are"
	if res.Placeholders == 1 {
		summaries = "summary is"
	}
	fmt.Fprintf(w, "%d %s the placeholder %q (%d kept from %s): `generator validate` rejects the draft until each is written in your own words.\n",
		res.Placeholders, summaries, dataset.SummaryPlaceholder, res.Reused, opt.DataDir)
	fmt.Fprintf(w, "Review every field against the report, write the summaries, run `go run ./generator -data <a copy of data/ with the draft moved in> validate`, then move the files into %s.\n", opt.DataDir)
}
