package model

// Headings counts the report's headings among listings: the reports count headings, and one
// heading (an entry's heading in data/, e.g. "Movshare Group") may group several markets
// recorded one by one. A listing without a heading is a heading of its own.
func Headings(listings []*Listing) int {
	n := 0
	seen := map[string]bool{}
	for _, l := range listings {
		switch {
		case l.Heading == "":
			n++
		case !seen[l.Heading]:
			seen[l.Heading] = true
			n++
		}
	}
	return n
}
