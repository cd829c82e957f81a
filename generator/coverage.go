package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/translation"
)

// printCoverage prints, per edition, the entries recorded against the official counts.
func printCoverage(w io.Writer, site *model.Site) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "edition\tonline\tphysical\ttotal\t")
	for _, c := range model.Coverage(site) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", c.Edition.ID(), c.Online, c.Physical, c.Total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// issue 34: the summaries and notes translated up to date, per language
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "translations\tup to date\tof\tstale\t")
	for _, p := range translation.Count(site.Set, site.Translations) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", p.Lang, p.UpToDate, p.Total, p.Stale)
	}
	return tw.Flush()
}
