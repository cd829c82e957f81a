package dataset

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
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
	prefix string     // path of this value inside its file, e.g. "[3]" for an item of a list file
	index  *lineIndex // the file's lines, made when a problem first asks for one
}

// lineIndex maps the field paths of one file (e.g. "entries[2].summary") to their lines. Valid
// data never needs it, so it is made only when a problem asks for a line: from the parsed file
// while loading it, or later by reading the file again.
type lineIndex struct {
	once  sync.Once
	file  string
	lines map[string]int
}

// fill makes the index from the file's parsed root, unless it is made already.
func (x *lineIndex) fill(root *yaml.Node) {
	x.once.Do(func() {
		x.lines = map[string]int{"": 1}
		indexLines(root, "", x.lines, 0)
	})
}

// get returns the index, reading and parsing the file again if need be.
func (x *lineIndex) get() map[string]int {
	if x == nil {
		return nil
	}
	x.once.Do(func() {
		x.lines = map[string]int{"": 1}
		data, err := os.ReadFile(x.file)
		var root yaml.Node
		if err == nil && yaml.Unmarshal(data, &root) == nil {
			indexLines(&root, "", x.lines, 0)
		}
	})
	return x.lines
}

// Line returns the line of a field (a path such as "entries[2].summary", relative to the value),
// or of its nearest written parent.
func (p Pos) Line(field string) int {
	path := joinPath(p.prefix, field)
	lines := p.index.get()
	for {
		if l, ok := lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return lines[""]
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
