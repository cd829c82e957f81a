package dataset

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the data, at a file, line and field.
type Problem struct {
	File    string // path as given to Load, e.g. data/markets/taobao.yaml
	Line    int    // 1-based; 0 when the problem concerns the whole file
	Field   string // e.g. entries[2].summary; empty for the whole file
	Message string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Field != "" {
		b.WriteString(": ")
		b.WriteString(p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// SortProblems orders problems by file, line and field, so reports are stable.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Field < b.Field
	})
}

// Pos records where the fields of one value were written.
type Pos struct {
	File   string
	prefix string         // path of this value inside its file, e.g. "[3]" for an item of a list file
	lines  map[string]int // field path inside the file → line
}

// Line returns the line of a field (a path such as "entries[2].summary", relative to the value),
// or of its nearest written parent.
func (p Pos) Line(field string) int {
	path := joinPath(p.prefix, field)
	for {
		if l, ok := p.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return p.lines[""]
		}
		path = path[:i]
	}
}

// Problem returns a problem with a field of this value.
func (p Pos) Problem(field, format string, args ...any) Problem {
	return Problem{File: p.File, Line: p.Line(field), Field: joinPath(p.prefix, field), Message: fmt.Sprintf(format, args...)}
}

func joinPath(parent, field string) string {
	switch {
	case parent == "":
		return field
	case field == "":
		return parent
	case strings.HasPrefix(field, "["):
		return parent + field
	}
	return parent + "." + field
}

// ForgetLines drops the line index of every value, to free memory once the data is known to be
// valid; problems found afterwards name the file only.
func (s *Set) ForgetLines() {
	for _, p := range s.Publishers {
		p.Pos.lines = nil
	}
	for _, c := range s.Categories {
		c.Pos.lines = nil
	}
	for _, m := range s.Markets {
		m.Pos.lines = nil
	}
	for _, e := range s.Editions {
		e.Pos.lines = nil
	}
}
