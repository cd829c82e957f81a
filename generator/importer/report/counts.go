package report

import (
	"regexp"
	"strconv"
	"strings"
)

// Counts are the numbers of markets a report says it lists, in its own words.
type Counts struct {
	Online, Physical int
	Phrase           string // the words that say so
	Page             int    // the printed page they are on
}

// countsRe matches USTR's sentence "... identifies 39 online markets and 33 physical markets",
// EU lists: "names 30 online and 14 physical marketplaces".
var countsRe = regexp.MustCompile(`(?i)\b(?:identifies|names|lists|includes|contains|highlights)\s+([a-z0-9-]+)\s+online(?:\s+(?:marketplaces?|markets?)(?:\s+and\s+service\s+providers)?)?\s+and\s+([a-z0-9-]+)\s+physical\s+(?:marketplaces?|markets?)\b`)

// readCounts finds the first page that states the report's counts.
func readCounts(lines []line) *Counts {
	var page []string
	flush := func(p int) *Counts {
		text := strings.Join(strings.Fields(strings.Join(page, " ")), " ")
		page = page[:0]
		m := countsRe.FindStringSubmatch(text)
		if m == nil {
			return nil
		}
		on, ok1 := number(m[1])
		ph, ok2 := number(m[2])
		if !ok1 || !ok2 {
			return nil
		}
		return &Counts{Online: on, Physical: ph, Phrase: m[0], Page: p}
	}
	for i, l := range lines {
		if l.text == "\f" {
			if c := flush(l.page); c != nil {
				return c
			}
			continue
		}
		page = append(page, l.text)
		if i == len(lines)-1 {
			return flush(l.page)
		}
	}
	return nil
}

var (
	units = map[string]int{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
		"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
		"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
	tens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90}
)

// number reads "39", "thirty-nine" or "twelve".
func number(s string) (int, bool) {
	s = strings.ToLower(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, n < 1000
	}
	if n, ok := units[s]; ok {
		return n, true
	}
	if n, ok := tens[s]; ok {
		return n, true
	}
	t, u, ok := strings.Cut(s, "-")
	if ok && tens[t] > 0 && units[u] > 0 && units[u] < 10 {
		return tens[t] + units[u], true
	}
	return 0, false
}
