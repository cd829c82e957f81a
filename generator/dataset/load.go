package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/notorious-markets-watch/nmw/generator/internal/par"
)

// MaxFileSize is the largest data file Load reads; the scale benchmark raises it.
var MaxFileSize int64 = 1 << 20

// maxDepth bounds the nesting of YAML values; the schema needs five levels.
const maxDepth = 20

// Load reads every data file below dir. It returns the problems it met reading them (syntax,
// types, unknown fields); a file with problems is left out of the set. The error is for a
// folder that cannot be read at all.
func Load(dir string) (*Set, []Problem, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("data folder: %w", err)
	} else if !st.IsDir() {
		return nil, nil, fmt.Errorf("data folder %s is not a folder", dir)
	}
	l := &loader{set: &Set{Dir: dir, Unread: map[string]bool{}}}

	var pubs []*Publisher
	if l.list(filepath.Join(dir, "publishers.yaml"), &pubs) {
		l.set.Publishers = pubs
	}
	var cats []*Category
	if l.list(filepath.Join(dir, "categories.yaml"), &cats) {
		l.set.Categories = cats
	}
	markets := l.files(filepath.Join(dir, "markets"))
	var folder loader // the editions folder's problems follow the market files' problems
	editions := folder.files(filepath.Join(dir, "editions"))

	// Editions come first in the work: they are the largest files, and a large file left to the
	// end would keep one processor busy while the others wait.
	jobs := make([]job, 0, len(editions)+len(markets))
	for _, path := range editions {
		jobs = append(jobs, job{path, &Edition{}})
	}
	for _, path := range markets {
		jobs = append(jobs, job{path, &Market{Slug: strings.TrimSuffix(filepath.Base(path), ".yaml")}})
	}
	files := par.Map(jobs, decodeFile)
	for i, f := range files[len(editions):] {
		l.problems = append(l.problems, f.problems...)
		m := jobs[len(editions)+i].value.(*Market)
		if f.ok {
			m.Pos = f.pos
			l.set.Markets = append(l.set.Markets, m)
		} else {
			l.set.Unread[m.Slug] = true
		}
	}
	l.problems = append(l.problems, folder.problems...)
	for i, f := range files[:len(editions)] {
		l.problems = append(l.problems, f.problems...)
		if f.ok {
			e := jobs[i].value.(*Edition)
			e.Pos = f.pos
			l.set.Editions = append(l.set.Editions, e)
		}
	}
	sort.Slice(l.set.Markets, func(i, j int) bool { return l.set.Markets[i].Slug < l.set.Markets[j].Slug })
	sort.SliceStable(l.set.Editions, func(i, j int) bool {
		a, b := l.set.Editions[i], l.set.Editions[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Publisher < b.Publisher
	})
	return l.set, l.problems, nil
}

// job is a data file to decode and the value to decode it into.
type job struct {
	path  string
	value any
}

// decoded is what decoding one file gave: where its fields are, whether it was read, and the
// problems met.
type decoded struct {
	pos      Pos
	ok       bool
	problems []Problem
}

// DecodeFile reads one YAML file into v as Load reads data files: strictly (unknown fields,
// wrong types, anchors and oversized or non-UTF-8 files are problems), remembering where its
// fields are. Other packages' data files (data/translations/) use it.
func DecodeFile(path string, v any) (Pos, []Problem, bool) {
	var l loader
	pos, ok := l.decode(path, v)
	return pos, l.problems, ok
}

// decodeFile decodes one file on its own, so that files can be decoded at the same time.
func decodeFile(j job) decoded {
	var l loader
	pos, ok := l.decode(j.path, j.value)
	return decoded{pos: pos, ok: ok, problems: l.problems}
}

type loader struct {
	set      *Set
	problems []Problem
}

func (l *loader) fileProblem(path, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: path, Message: fmt.Sprintf(format, args...)})
}

// files lists the .yaml files of a data folder, reporting anything else found there.
func (l *loader) files(dir string) []string {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		l.fileProblem(dir, "folder is missing")
		return nil
	} else if err != nil {
		l.fileProblem(dir, "cannot read folder: %v", err)
		return nil
	}
	var paths []string
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."):
			// editor and system files
		case e.IsDir():
			l.fileProblem(path, "unexpected folder: data files sit directly in %s", dir)
		case !strings.HasSuffix(e.Name(), ".yaml"):
			l.fileProblem(path, "unexpected file: data files end in .yaml")
		default:
			paths = append(paths, path)
		}
	}
	return paths
}

// list decodes a file holding a YAML list, giving each item a position inside the file.
func (l *loader) list(path string, items any) bool {
	pos, ok := l.decode(path, items)
	if !ok {
		return false
	}
	empty := func(i int) bool {
		l.problems = append(l.problems, pos.Problem("["+strconv.Itoa(i)+"]", "is empty: remove the '-' or fill in the item"))
		return false
	}
	ok = true
	switch v := items.(type) {
	case *[]*Publisher:
		for i, p := range *v {
			if p == nil {
				ok = empty(i)
				continue
			}
			p.Pos = pos.item(i)
		}
	case *[]*Category:
		for i, c := range *v {
			if c == nil {
				ok = empty(i)
				continue
			}
			c.Pos = pos.item(i)
		}
	}
	return ok
}

func (p Pos) item(i int) Pos {
	p.prefix = joinPath(p.prefix, "["+strconv.Itoa(i)+"]")
	return p
}

// decode reads one YAML file into v, strictly: unknown fields and wrong types are problems.
func (l *loader) decode(path string, v any) (Pos, bool) {
	data, ok := l.read(path)
	if !ok {
		return Pos{}, false
	}
	pos := Pos{File: path, index: &lineIndex{file: path}}

	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			l.fileProblem(path, "file is empty")
		} else {
			l.yamlProblems(path, pos, err)
		}
		return pos, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		l.problems = append(l.problems, Problem{File: path, Line: extra.Line, Message: "more than one YAML document: remove the extra '---'"})
		return pos, false
	}
	if line, field, msg := indexLines(&root, "", nil, 0); msg != "" {
		l.problems = append(l.problems, Problem{File: path, Line: line, Field: field, Message: msg})
		return pos, false
	}
	top := root.Content[0]
	// A document of only "---" puts its empty value on the line after the file's last one.
	line := min(top.Line, bytes.Count(data, []byte("\n"))+1)
	if reflect.TypeOf(v).Elem().Kind() == reflect.Slice && top.Kind != yaml.SequenceNode {
		l.problems = append(l.problems, Problem{File: path, Line: line, Message: "must be a list of items, each starting with '- '"})
		return pos, false
	} else if reflect.TypeOf(v).Elem().Kind() != reflect.Slice && top.Kind != yaml.MappingNode {
		l.problems = append(l.problems, Problem{File: path, Line: line, Message: "must be a mapping of fields (name: value), not a list or a single value"})
		return pos, false
	}
	if unknown := unknownFields(&root, reflect.TypeOf(v)); len(unknown) > 0 {
		pos.index.fill(&root)
		l.yamlProblems(path, pos, &yaml.TypeError{Errors: unknown})
		return pos, false
	}
	if err := root.Decode(v); err != nil {
		pos.index.fill(&root)
		l.yamlProblems(path, pos, err)
		return pos, false
	}
	return pos, true
}

// read returns a file's bytes if it is a regular UTF-8 file of a readable size.
func (l *loader) read(path string) ([]byte, bool) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.fileProblem(path, "file is missing")
		return nil, false
	case err != nil:
		l.fileProblem(path, "cannot read: %v", err)
		return nil, false
	case st.Mode()&fs.ModeSymlink != 0:
		l.fileProblem(path, "is a symbolic link: data files must be regular files inside data/")
		return nil, false
	case !st.Mode().IsRegular():
		l.fileProblem(path, "is not a regular file")
		return nil, false
	case st.Size() > MaxFileSize:
		l.tooLarge(path, st.Size())
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		l.fileProblem(path, "cannot read: %v", err)
		return nil, false
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		l.problems = append(l.problems, Problem{File: path, Line: line, Message: "is not valid UTF-8 text: save it as UTF-8"})
		return nil, false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		l.problems = append(l.problems, Problem{File: path, Line: line, Message: "contains a NUL byte: data files are text"})
		return nil, false
	}
	if i := oddLineBreak(data); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		l.problems = append(l.problems, Problem{File: path, Line: line, Message: "contains a line break other than LF or CRLF (a lone CR, U+0085, U+2028 or U+2029): YAML counts it as a new line, so line numbers would be wrong; remove it"})
		return nil, false
	}
	return data, true
}

// oddLineBreak returns the offset of the first line break other than "\n" or "\r\n", or -1.
func oddLineBreak(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == '\r' && (i+1 >= len(b) || b[i+1] != '\n'), r == '\u0085', r == '\u2028', r == '\u2029':
			return i
		}
		i += n
	}
	return -1
}

// tooLarge reports a file over MaxFileSize, naming the line on which it passes the limit.
func (l *loader) tooLarge(path string, size int64) {
	p := Problem{File: path, Message: fmt.Sprintf("is %d bytes, more than the %d a data file may have", size, MaxFileSize)}
	if f, err := os.Open(path); err == nil {
		head, _ := io.ReadAll(io.LimitReader(f, MaxFileSize))
		f.Close()
		p.Line = 1 + bytes.Count(head, []byte("\n"))
		p.Message += fmt.Sprintf("; it passes the limit on line %d", p.Line)
	}
	l.problems = append(l.problems, p)
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// indexLines records the line of every mapping key and sequence item below n, if lines is not
// nil. It refuses
// values nested deeper than maxDepth, and anchors and aliases, which data files never need
// and which can expand a small file into a huge one.
func indexLines(n *yaml.Node, path string, lines map[string]int, depth int) (line int, field, problem string) {
	if depth > maxDepth {
		return n.Line, trailingItems.ReplaceAllString(path, ""), fmt.Sprintf("values are nested more than %d levels deep", maxDepth)
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n.Line, path, "uses a YAML anchor or alias (& or *): write each value out"
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return n.Line, path, fmt.Sprintf("uses the YAML tag %s: write the value as plain text", n.Tag)
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" && wholeNumber.MatchString(path) {
		// The YAML library would silently cut 1.5 down to 1.
		return n.Line, path, fmt.Sprintf("%s is not a whole number", n.Value)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if line, f, p := indexLines(c, path, lines, depth+1); p != "" {
				return line, f, p
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := joinPath(path, n.Content[i].Value)
			if lines != nil {
				lines[p] = n.Content[i].Line
			}
			if line, f, msg := indexLines(n.Content[i+1], p, lines, depth+1); msg != "" {
				return line, f, msg
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := joinPath(path, "["+strconv.Itoa(i)+"]")
			if lines != nil {
				lines[p] = c.Line
			}
			if line, f, msg := indexLines(c, p, lines, depth+1); msg != "" {
				return line, f, msg
			}
		}
	}
	return 0, "", ""
}

// unknownFields lists the mapping keys below n that type t has no field for, in the words and
// form yaml's own strict decoder uses ("line N: field F not found in type T"), so the file is
// parsed once.
func unknownFields(n *yaml.Node, t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []string
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			out = append(out, unknownFields(c, t)...)
		}
	case yaml.SequenceNode:
		if t.Kind() == reflect.Slice {
			for _, c := range n.Content {
				out = append(out, unknownFields(c, t.Elem())...)
			}
		}
	case yaml.MappingNode:
		if t.Kind() == reflect.Map { // keys are data (market slugs): check the values
			for i := 1; i < len(n.Content); i += 2 {
				out = append(out, unknownFields(n.Content[i], t.Elem())...)
			}
			return out
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			ft, ok := fields[key.Value]
			if !ok {
				out = append(out, fmt.Sprintf("line %d: field %s not found in type %s", key.Line, key.Value, t))
				continue
			}
			out = append(out, unknownFields(n.Content[i+1], ft)...)
		}
	}
	return out
}

// fieldsOf caches yamlFields: reflect.Type → map[string]reflect.Type.
var fieldsOf sync.Map

// yamlFields maps the YAML names of a struct's fields to their types; embedded fields and
// fields tagged "-" are left out. The map is shared: callers must not change it.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	if fields, ok := fieldsOf.Load(t); ok {
		return fields.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Anonymous || name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields[name] = f.Type
	}
	fieldsOf.Store(t, fields)
	return fields
}

// trailingItems matches the list indexes at the end of a field path.
var trailingItems = regexp.MustCompile(`(\[\d+\])+$`)

// wholeNumber matches the schema's integer fields.
var wholeNumber = regexp.MustCompile(`^(year|counts\.(online|physical|total)|entries\[\d+\]\.page)$`)

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// goType matches the Go package and "type" in decoding errors ("in type dataset.Market").
var goType = regexp.MustCompile(`\b(?:type )?dataset\.`)

// moreSpecific reports whether field a names a value on a line better than b: a key before a list
// item, then the longer path, then the first in order.
func moreSpecific(a, b string) bool {
	ka, kb := !strings.HasSuffix(a, "]"), !strings.HasSuffix(b, "]")
	if ka != kb {
		return ka
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a < b
}

// yamlProblems turns a YAML error into problems with lines and, where the line holds one, a field.
func (l *loader) yamlProblems(path string, pos Pos, err error) {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	// A line's field is the most specific key written on it: "entries[0].market" rather than
	// "entries[0]" on "- market: x", but "summary" rather than "summary[1]" on "summary: [a, b]".
	fields := map[int]string{}
	for f, line := range pos.index.get() {
		if cur, ok := fields[line]; !ok || moreSpecific(f, cur) {
			fields[line] = f
		}
	}
	for _, msg := range msgs {
		p := Problem{File: path, Message: strings.TrimPrefix(msg, "yaml: ")}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Message = m[2]
			p.Field = fields[p.Line]
		}
		p.Message = goType.ReplaceAllString(p.Message, "")
		l.problems = append(l.problems, p)
	}
}
