package merge

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AppendValues appends scalar values to the list at path (a top-level key, or a key of a
// top-level mapping: "domains", "current"), in the list's own style: one "- value" line each,
// indented as its items are, or inside the brackets of a list written on one line. Every
// other byte of src stays as it was.
func AppendValues(src []byte, values []string, path ...string) ([]byte, error) {
	v, lines, end, err := locatePath(src, path)
	if err != nil {
		return nil, err
	}
	name := strings.Join(path, ".")
	if v.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s is not a list: add to it by hand", name)
	}
	if v.Style&yaml.FlowStyle != 0 {
		return appendFlow(lines, v, values, name)
	}
	if len(v.Content) == 0 {
		return nil, fmt.Errorf("%s is an empty list: add to it by hand", name)
	}
	first := lines[v.Content[0].Line-1]
	dash := v.Content[0].Column - 3
	if dash < 0 || first[dash] != '-' || strings.TrimSpace(first[:dash]) != "" {
		return nil, fmt.Errorf("%s: its first item is not written \"- ...\" on a line of its own: add to it by hand", name)
	}
	var b strings.Builder
	for _, s := range values {
		fmt.Fprintf(&b, "- %s\n", scalar(s, false))
	}
	return insert(lines, end, indent(b.String(), dash)), nil
}

// appendFlow adds values before the closing bracket of a list written on one line: "[a, b]".
func appendFlow(lines []string, v *yaml.Node, values []string, name string) ([]byte, error) {
	line := lines[v.Line-1]
	open := v.Column - 1
	if open >= len(line) || line[open] != '[' {
		return nil, fmt.Errorf("%s: not a list in brackets: add to it by hand", name)
	}
	for _, it := range v.Content {
		if it.Line != v.Line {
			return nil, fmt.Errorf("%s is written over several lines: add to it by hand", name)
		}
	}
	close := flowEnd(line, open)
	if close < 0 {
		return nil, fmt.Errorf("%s: its closing bracket is not on its line: add to it by hand", name)
	}
	var add []string
	for _, s := range values {
		add = append(add, scalar(s, true))
	}
	sep := ", "
	if len(v.Content) == 0 {
		sep = ""
	}
	lines = append([]string{}, lines...)
	lines[v.Line-1] = line[:close] + sep + strings.Join(add, ", ") + line[close:]
	return []byte(strings.Join(lines, "\n") + "\n"), nil
}

// flowEnd is the index of the bracket closing the one at open, quotes minded.
func flowEnd(line string, open int) int {
	depth := 0
	var quote byte
	for i := open; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// scalar writes s as YAML would, double-quoted where plain text would be read otherwise (in a
// bracketed list, a comma or bracket too).
func scalar(s string, flow bool) string {
	out, err := yaml.Marshal(s)
	plain := strings.TrimSuffix(string(out), "\n")
	if err != nil || strings.Contains(plain, "\n") || flow && strings.ContainsAny(plain, ",[]{}") {
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: s, Style: yaml.DoubleQuotedStyle}
		out, _ = yaml.Marshal(n)
		return strings.TrimSuffix(string(out), "\n")
	}
	return plain
}

// locatePath finds the value at path (one or two keys deep) and the line it ends on.
func locatePath(src []byte, path []string) (*yaml.Node, []string, int, error) {
	_, v, lines, end, err := locate(src, path[0])
	if err != nil || len(path) == 1 {
		return v, lines, end, err
	}
	if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle != 0 {
		return nil, nil, 0, fmt.Errorf("%s is not a mapping written one field a line: add to it by hand", path[0])
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value != path[1] {
			continue
		}
		e := end
		if i+2 < len(v.Content) {
			e = lastLine(lines, v.Content[i].Line, v.Content[i+2].Line-1)
		}
		return v.Content[i+1], lines, e, nil
	}
	return nil, nil, 0, fmt.Errorf("has no %s.%s", path[0], path[1])
}

// lastLine is the last line from key to end that is not blank or a comment.
func lastLine(lines []string, key, end int) int {
	for end > key {
		t := strings.TrimSpace(lines[end-1])
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		end--
	}
	return end
}
