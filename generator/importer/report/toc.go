package report

import (
	"regexp"
	"strconv"
	"strings"
)

// tocEntry is a heading as the table of contents gives it.
type tocEntry struct {
	Text string
	Page int
	used bool
}

var (
	tocTitle = regexp.MustCompile(`^(?i)(table\s+of\s+)?contents$`)
	// tocLine is a heading with its page: "NAME ..... 15", "NAME     15" or "NAME 15".
	tocLine = regexp.MustCompile(`^(.*?\S)(?:\s*[.·…]{2,}[.·… ]*|\s+)(\d{1,3})$`)
	// leaders are the dots and page number after a heading in a table of contents.
	leaders = regexp.MustCompile(`\s*[.·…]{3,}\s*(\d{1,3})(?:\s+|$)`)
)

// lineSet holds lines of pages, by page index and line index.
type lineSet map[[2]int]bool

// toc reads the table of contents: from a line "Contents" or "Table of Contents" on one of
// the first pages to the first paragraph that is not made of its lines (running headers and
// footers aside), over as many pages as it takes. A heading broken over two lines (the first
// without a page number) is joined. It returns the entries and the lines they take.
func toc(pages []string) ([]*tocEntry, lineSet) {
	var entries []*tocEntry
	skip := lineSet{}
	started := false
	for i := 0; i < len(pages) && (started || i < 8); i++ {
		ls := strings.Split(ligatures.Replace(pages[i]), "\n")
		for k := range ls {
			ls[k] = strings.TrimSpace(ls[k])
		}
		edge := map[int]bool{}
		for _, k := range edges(ls) {
			edge[k] = true
		}
		if started && len(entries) > 0 && !tocPage(ls, edge) {
			return entries, skip // the table ended with the page before
		}
		var pending []int
		// flush ends a paragraph of lines that are not entries: the end of the table, unless
		// they are a running header or footer, or come before the first entry.
		flush := func() bool {
			for _, k := range pending {
				if !edge[k] && len(entries) > 0 {
					return true
				}
			}
			pending = nil
			return false
		}
		for k, l := range ls {
			switch {
			case !started:
				if tocTitle.MatchString(l) {
					started = true
					skip[[2]int{i, k}] = true
				}
			case l == "":
				if flush() {
					return entries, skip
				}
			case pageNumber.MatchString(l) && edge[k]:
				// a footer
			case len(leaders.FindAllStringIndex(l, 2)) == 2:
				// A table flattened onto one line, as some text copies have it: "A ..... 3 B ..... 5".
				from := 0
				for _, loc := range leaders.FindAllStringSubmatchIndex(l, -1) {
					if text := strings.TrimSpace(l[from:loc[0]]); text != "" {
						p, _ := strconv.Atoi(l[loc[2]:loc[3]])
						entries = append(entries, &tocEntry{Text: strings.Join(strings.Fields(text), " "), Page: p})
					}
					from = loc[1]
				}
				skip[[2]int{i, k}] = true
				pending = nil
			default:
				m := tocLine.FindStringSubmatch(l)
				if m == nil {
					pending = append(pending, k)
					continue
				}
				p, _ := strconv.Atoi(m[2])
				var text []string
				for _, q := range pending {
					if !edge[q] {
						text = append(text, ls[q])
					}
					skip[[2]int{i, q}] = !edge[q]
				}
				text = append(text, strings.TrimRight(m[1], " .·…"))
				entries = append(entries, &tocEntry{Text: strings.Join(strings.Fields(strings.Join(text, " ")), " "), Page: p})
				skip[[2]int{i, k}] = true
				pending = nil
			}
		}
		if started && flush() {
			return entries, skip
		}
	}
	return entries, skip
}

// tocPage reports whether a page goes on with the table of contents: its first line (running
// headers and footers aside) is an entry with its page number.
func tocPage(ls []string, edge map[int]bool) bool {
	for k, l := range ls {
		if l == "" || edge[k] && (pageNumber.MatchString(l) || len(ls) > 4) && !tocLine.MatchString(l) {
			continue
		}
		return tocLine.MatchString(l) || leaders.MatchString(l)
	}
	return false
}
