package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// printCoverage prints, per edition, the entries recorded against the official counts.
func printCoverage(w io.Writer, site *model.Site) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "edition\tonline\tphysical\ttotal\t")
	for _, c := range model.Coverage(site) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", c.Edition.ID(), c.Online, c.Physical, c.Total)
	}
	return tw.Flush()
}
