package pdftext

import (
	"strings"
	"unicode"
)

// minGutter is the leftmost column at which a page is taken to split into two columns.
const minGutter = 12

// Columns puts the two-column blocks of a page laid out by pdftotext -layout in reading order:
// each block's left column, then its right column. A block is a run of lines that share a
// gutter (a column of at least three spaces) with words on both sides of it on at least two
// lines; single-column text and tables of contents (page numbers on the right) are left as
// they are.
func Columns(page string) string {
	lines := strings.Split(page, "\n")
	rs := make([][]rune, len(lines))
	for i, l := range lines {
		rs[i] = []rune(strings.TrimRight(l, " "))
	}
	var out []string
	for i := 0; i < len(rs); {
		if x, end := block(rs, i); x > 0 {
			var left, right []string
			// A line blank on one side only is not a paragraph break in that column.
			for _, l := range rs[i:end] {
				var lt, rt string
				if len(l) <= x {
					lt = string(l)
				} else {
					lt, rt = strings.TrimRight(string(l[:x]), " "), strings.TrimSpace(string(l[x:]))
				}
				if lt != "" || rt == "" {
					left = append(left, lt)
				}
				if rt != "" || lt == "" {
					right = append(right, rt)
				}
			}
			for len(right) > 0 && right[0] == "" {
				right = right[1:]
			}
			out = append(out, left...)
			out = append(out, "")
			out = append(out, right...)
			i = end
			continue
		}
		out = append(out, string(rs[i]))
		i++
	}
	return strings.Join(out, "\n")
}

// block finds a two-column block starting at line i and returns its gutter and end, or 0.
func block(rs [][]rune, i int) (gutter, end int) {
	if len(rs[i]) == 0 {
		return 0, 0
	}
	width := 0
	for _, l := range rs[i:] {
		width = max(width, len(l))
	}
	gutters := map[int]bool{}
	for x := minGutter; x < width; x++ {
		if open(rs[i], x) {
			gutters[x] = true
		}
	}
	end, blanks := i, 0
	for j := i; j < len(rs) && len(gutters) > 0; j++ {
		if len(rs[j]) == 0 {
			if blanks++; blanks > 2 {
				break
			}
			continue
		}
		blanks = 0
		next := map[int]bool{}
		for x := range gutters {
			if open(rs[j], x) {
				next[x] = true
			}
		}
		if len(next) == 0 {
			break
		}
		gutters, end = next, j+1
	}
	if len(gutters) == 0 {
		return 0, 0
	}
	x := width
	for g := range gutters {
		x = min(x, g)
	}
	// The block must have words on both sides on two lines or more, and its right column must
	// be text, not a column of page numbers.
	// The block ends with its last line that has words right of the gutter, and the left
	// column's lines that follow it without a blank line: lines after a blank are
	// single-column text that happens to be short.
	last := end
	for last > i && len(rs[last-1]) <= x+1 {
		last--
	}
	for last < end && len(rs[last]) > 0 {
		last++
	}
	end = last
	split, wordy, right := 0, 0, 0
	for _, l := range rs[i:end] {
		if len(l) <= x+1 {
			continue
		}
		r := strings.TrimSpace(string(l[x:]))
		right++
		if strings.TrimSpace(string(l[:x])) != "" {
			split++
		}
		if words(r) >= 2 {
			wordy++
		}
	}
	if split < 2 || wordy*2 < right {
		return 0, 0
	}
	return x, end
}

// open reports whether line l leaves column x free: it ends before x, or has spaces at x-1,
// x and x+1.
func open(l []rune, x int) bool {
	if len(l) < x {
		return true
	}
	for k := x - 1; k <= x+1; k++ {
		if k < len(l) && l[k] != ' ' {
			return false
		}
	}
	return true
}

// words counts the words of two or more letters in s.
func words(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			n++
		}
	}
	return n
}
