package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/importer"
)

const importUsage = `usage: go run ./generator [-data DIR] import -edition ID (-o DIR | -merge) [-listing-only] [-url URL] [-published DATE] REPORT

Reads REPORT (the report's https address, its PDF, or a .txt of its text). An address is
downloaded into a cache outside the repository (by the file's SHA-256; $NMW_REPORT_CACHE, else
the user's cache folder) and recorded in the edition as report: {url, sha256, pages}. Where the
publisher's server refuses the download, save the PDF in a browser and give it as REPORT with
-report-url, the address it was saved from: it is checked as a download is and recorded so.

With -o, writes a draft of the edition under DIR, mirroring data/: DIR/editions/ID.yaml and
DIR/markets/<slug>.yaml for each market new to data/; it never overwrites a file.
With -merge, adds to data/ only what its edition lacks (entries, new markets, the report's hash
and pages, counts where none are given), all or nothing, and only if data/ still validates.
With -listing-only, an entry nobody has summarised gets the pending marker, which validation
accepts, instead of the placeholder, which it rejects.
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
	fs.StringVar(&opt.ReportURL, "report-url", "", "the report's official https address, recorded as report.url, when REPORT is a copy of it (a PDF saved by hand)")
	fs.StringVar(&opt.Published, "published", "", "the publication date, YYYY-MM-DD (default: the edition's in data/)")
	fs.BoolVar(&opt.ListingOnly, "listing-only", false, "mark summaries not yet written as pending instead of writing the placeholder")
	fs.BoolVar(&opt.Merge, "merge", false, "add what the edition lacks to the data folder instead of writing a draft under -o")
	fs.StringVar(&opt.Fetch.CacheDir, "cache", "", "where downloaded reports are kept (default: $NMW_REPORT_CACHE, else the user's cache folder)")
	opt.Fetch = fetchOptions()
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 || opt.Edition == "" || (opt.OutDir == "") == !opt.Merge {
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

// importClient is the HTTP client downloads use; tests set it to their TLS server's.
var importClient *http.Client

func printImport(w io.Writer, opt importer.Options, res *importer.Result, took time.Duration) {
	r := res.Report
	if res.ReportURL != "" {
		fmt.Fprintf(w, "import: report %s, SHA-256 %s\n", res.ReportURL, res.ReportSHA256)
	}
	fmt.Fprintf(w, "import: read %s in %s: %q, %d pages, as %s\n", opt.Report, took.Round(time.Millisecond), r.Title, r.Pages, r.Style)
	// Found against stated first: a difference is the first thing a reviewer must see.
	for _, l := range res.Accounting().Lines() {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w, "markets found per section:")
	total := 0
	for _, s := range res.Sections {
		fmt.Fprintf(w, "  %-40s %3d\n", s.Section, s.N)
		total += s.N
	}
	check := res.ToCheck()
	fmt.Fprintf(w, "%d markets: %d matched a market in %s, %d new; %d to check, %d of them read as markets and not placed\n", total, res.Matched, opt.DataDir, res.New, len(check), res.Accounting().NotPlaced)
	if len(check) > 0 {
		fmt.Fprintln(w, "to check:")
		for _, n := range check {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
	if opt.Merge {
		if len(res.Added) == 0 {
			fmt.Fprintf(w, "added nothing: %s has every entry of %s the report names\n", opt.DataDir, opt.Edition)
		} else {
			fmt.Fprintf(w, "added to %s:\n", opt.DataDir)
			for _, a := range res.Added {
				fmt.Fprintf(w, "  %s\n", a)
			}
		}
		for _, c := range res.Changed {
			fmt.Fprintf(w, "changed: %s\n", c)
		}
		for _, p := range res.Problems {
			fmt.Fprintf(w, "problem: %s\n", p)
		}
		if res.Pending > 0 {
			fmt.Fprintf(w, "%d summaries are pending: the pages say where the report names each market; write them in your own words when you can.\n", res.Pending)
		}
		return
	}
	fmt.Fprintln(w, "wrote:")
	for _, f := range res.Written {
		fmt.Fprintf(w, "  %s\n", f)
	}
	if res.Pending > 0 {
		fmt.Fprintf(w, "%d summaries are pending (listing-only): validate accepts them; write them in your own words when you can.\n", res.Pending)
	}
	summaries := "summaries are"
	if res.Placeholders == 1 {
		summaries = "summary is"
	}
	fmt.Fprintf(w, "%d %s the placeholder %q (%d kept from %s): `generator validate` rejects the draft until each is written in your own words.\n",
		res.Placeholders, summaries, dataset.SummaryPlaceholder, res.Reused, opt.DataDir)
	fmt.Fprintf(w, "Review every field against the report, write the summaries, run `go run ./generator -data <a copy of data/ with the draft moved in> validate`, then move the files into %s.\n", opt.DataDir)
}
