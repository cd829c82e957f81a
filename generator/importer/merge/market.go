package merge

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// beforeDomains are the market fields that come before domains, in the schema's order
// (data/README.md): a file without domains gets them after the last of these it has.
var beforeDomains = []string{"city", "country", "categories", "kind", "former_names", "aliases", "name"}

// AddCurrentDomains adds domains to a market file's domains.current, creating the list (and
// domains) where the file has none, and source to its sources unless it is there: in the
// file's own style, every other byte as it was.
func AddCurrentDomains(src []byte, domains []string, source string) ([]byte, error) {
	m, err := top(src)
	if err != nil {
		return nil, err
	}
	step, flow := listStyle(m)
	list := func(key string) string {
		if flow {
			var vs []string
			for _, d := range domains {
				vs = append(vs, scalar(d, true))
			}
			return key + ": [" + strings.Join(vs, ", ") + "]\n"
		}
		var b strings.Builder
		for _, d := range domains {
			fmt.Fprintf(&b, "- %s\n", scalar(d, false))
		}
		return key + ":\n" + indent(b.String(), step)
	}
	out := src
	switch doms := value(m, "domains"); {
	case doms == nil:
		prev := ""
		for _, k := range beforeDomains {
			if value(m, k) != nil {
				prev = k
				break
			}
		}
		if prev == "" {
			return nil, fmt.Errorf("has none of %s to add domains after", strings.Join(beforeDomains, ", "))
		}
		out, err = AddAfter(src, prev, []byte("domains:\n"+indent(list("current"), 2)))
	case value(doms, "current") == nil:
		out, err = AddFields(src, "domains", []byte(list("current")))
	default:
		out, err = AppendValues(src, domains, "domains", "current")
	}
	if err != nil {
		return nil, err
	}
	if s := value(m, "sources"); s != nil && !slices.ContainsFunc(s.Content, func(n *yaml.Node) bool { return n.Value == source }) {
		if out, err = AppendValues(out, []string{source}, "sources"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// value is the value of key in the mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// listStyle is how the file writes its domain lists, from one it has (else its sources): the
// indent of a block list's dashes under its key, or flow (in brackets).
func listStyle(m *yaml.Node) (step int, flow bool) {
	var keys, vals []*yaml.Node
	if d := value(m, "domains"); d != nil && d.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(d.Content); i += 2 {
			keys, vals = append(keys, d.Content[i]), append(vals, d.Content[i+1])
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "sources" {
			keys, vals = append(keys, m.Content[i]), append(vals, m.Content[i+1])
		}
	}
	for i, v := range vals {
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			continue
		}
		if v.Style&yaml.FlowStyle != 0 {
			return 0, true
		}
		return max(0, v.Content[0].Column-3-(keys[i].Column-1)), false
	}
	return 0, false
}
