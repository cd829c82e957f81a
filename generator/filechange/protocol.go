package filechange

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// The protocol is text, one change a line ("W /abs/path"), a batch ended by an empty line.

// Send writes one batch of changes to w.
func Send(w io.Writer, changes []Change) error {
	var b strings.Builder
	for _, c := range changes {
		if strings.ContainsAny(c.Path, "\n\r") {
			return fmt.Errorf("filechange: a path with a line break: %q", c.Path)
		}
		fmt.Fprintf(&b, "%c %s\n", c.Op, c.Path)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Receive reads batches from r and calls batch with each, until r ends.
func Receive(r io.Reader, batch func([]Change)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var pending []Change
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			batch(pending)
			pending = nil
			continue
		}
		op, path, ok := strings.Cut(line, " ")
		if !ok || len(op) != 1 || !strings.Contains("CWR", op) || path == "" {
			return fmt.Errorf("filechange: not a change: %q", line)
		}
		pending = append(pending, Change{Op(op[0]), path})
	}
	return sc.Err()
}
