package filechange

import (
	"io"
	"slices"
	"strings"
	"testing"
)

// TestSendReceive hands two batches (one empty) through a pipe and gets them back as sent.
func TestSendReceive(t *testing.T) {
	batches := [][]Change{
		{{Written, "/site/content/markets/a b.md"}, {Removed, "/site/content/markets/c.md"}, {Created, "/site/opendata/files/x.json"}},
		nil,
	}
	r, w := io.Pipe()
	go func() {
		for _, b := range batches {
			Send(w, b)
		}
		w.Close()
	}()
	var got [][]Change
	if err := Receive(r, func(b []Change) { got = append(got, b) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !slices.Equal(got[0], batches[0]) || len(got[1]) != 0 {
		t.Errorf("got %v", got)
	}
}

// TestProtocolErrors: a path with a line break cannot be sent, and a line that is not a change
// ends the reading with an error that quotes it.
func TestProtocolErrors(t *testing.T) {
	if err := Send(io.Discard, []Change{{Written, "/a\nb"}}); err == nil {
		t.Error("a path with a line break was sent")
	}
	err := Receive(strings.NewReader("W /a\nX /b\n\n"), func([]Change) {})
	if err == nil || !strings.Contains(err.Error(), `"X /b"`) {
		t.Errorf("error %v", err)
	}
}
