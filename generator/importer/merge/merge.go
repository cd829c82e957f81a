// Package merge adds to the YAML files of data/ without changing what they hold: it appends
// items to a top-level list or fields to a top-level mapping as text, so every existing line,
// comment and quote stays as written, and it writes a set of files all or nothing.
package merge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// top returns the top-level mapping of a YAML file.
func top(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("is not a mapping of fields")
	}
	return doc.Content[0], nil
}

// span returns the index of key's value in m, and the last line (1-based) of its value: the
// line before the next key, blank and comment lines aside.
func span(m *yaml.Node, lines []string, key string) (int, int) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		end := len(lines)
		if i+2 < len(m.Content) {
			end = m.Content[i+2].Line - 1
		}
		return i + 1, lastLine(lines, m.Content[i].Line, end)
	}
	return -1, 0
}

func splitLines(src []byte) []string {
	return strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
}

func insert(lines []string, after int, block string) []byte {
	add := splitLines([]byte(block))
	out := append(append(append([]string{}, lines[:after]...), add...), lines[after:]...)
	return []byte(strings.Join(out, "\n") + "\n")
}

func indent(block string, n int) string {
	pad := strings.Repeat(" ", n)
	var b strings.Builder
	for _, l := range splitLines([]byte(block)) {
		if l != "" {
			b.WriteString(pad)
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// locate finds the top-level key of src: the top mapping, the key's value, src's lines and
// the line the value ends on.
func locate(src []byte, key string) (m, v *yaml.Node, lines []string, end int, err error) {
	if m, err = top(src); err != nil {
		return nil, nil, nil, 0, err
	}
	lines = splitLines(src)
	i, end := span(m, lines, key)
	if i < 0 {
		return nil, nil, nil, 0, fmt.Errorf("has no %s", key)
	}
	return m, m.Content[i], lines, end, nil
}

// AppendItems appends items (a YAML list at indent 0: "- a: 1\n  b: 2\n") to the block list
// that is the value of the top-level key, indented as its items are.
func AppendItems(src []byte, key string, items []byte) ([]byte, error) {
	_, v, lines, end, err := locate(src, key)
	if err != nil {
		return nil, err
	}
	if v.Kind != yaml.SequenceNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 {
		return nil, fmt.Errorf("%s is not a list written one item a line: add to it by hand", key)
	}
	first := lines[v.Content[0].Line-1]
	dash := strings.Index(first, "-")
	if dash < 0 || strings.TrimSpace(first[:dash]) != "" {
		return nil, fmt.Errorf("%s: its first item is not written \"- ...\": add to it by hand", key)
	}
	return insert(lines, end, indent(string(items), dash)), nil
}

// AddFields adds fields (YAML at indent 0: "sha256: ...\npages: 3\n") at the end of the
// mapping that is the value of the top-level key, indented as its fields are.
func AddFields(src []byte, key string, fields []byte) ([]byte, error) {
	_, v, lines, end, err := locate(src, key)
	if err != nil {
		return nil, err
	}
	if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 {
		return nil, fmt.Errorf("%s is not a mapping written one field a line: add to it by hand", key)
	}
	return insert(lines, end, indent(string(fields), v.Content[0].Column-1)), nil
}

// AddAfter adds top-level fields (YAML at indent 0) after the value of the top-level key.
func AddAfter(src []byte, key string, fields []byte) ([]byte, error) {
	m, _, lines, end, err := locate(src, key)
	if err != nil {
		return nil, err
	}
	return insert(lines, end, indent(string(fields), m.Content[0].Column-1)), nil
}

// File is one file to write: a new one (Old nil), or a change to one whose content must still
// be Old.
type File struct {
	Path string
	Data []byte
	Old  []byte
}

// Write writes every file or none: it checks that new files do not exist and changed files
// still hold what they held, writes each into a temporary file beside it, then renames them
// into place, putting back what it replaced if a rename fails.
func Write(files []File) (err error) {
	for _, f := range files {
		b, rerr := os.ReadFile(f.Path)
		switch {
		case f.Old == nil && rerr == nil:
			return fmt.Errorf("%s exists: not overwriting it", f.Path)
		case f.Old == nil && !errors.Is(rerr, fs.ErrNotExist):
			return rerr
		case f.Old != nil && rerr != nil:
			return rerr
		case f.Old != nil && !bytes.Equal(b, f.Old):
			return fmt.Errorf("%s changed while the import ran: run it again", f.Path)
		}
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o755); err != nil {
			return err
		}
		t, err := os.CreateTemp(filepath.Dir(f.Path), ".merge-*")
		if err != nil {
			return err
		}
		temps = append(temps, t.Name())
		_, err = t.Write(f.Data)
		if err := errors.Join(err, t.Chmod(0o644), t.Close()); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	done := 0
	defer func() {
		if err == nil {
			return
		}
		for _, f := range files[:done] { // undo, newest first does not matter: paths differ
			if f.Old == nil {
				os.Remove(f.Path)
			} else {
				os.WriteFile(f.Path, f.Old, 0o644)
			}
		}
	}()
	for i, f := range files {
		if err := os.Rename(temps[i], f.Path); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
		done++
	}
	temps = nil
	return nil
}
