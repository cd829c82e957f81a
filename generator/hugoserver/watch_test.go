package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/render"
)

// TestGenerated tells the generator's pages (marker on the second line, either form) from
// hand-written ones, whose changes hugoserver's own watch of content/ passes on.
func TestGenerated(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"json.md": "{\n" + render.Marker + "\n  \"title\": \"x\"\n}\n",
		"yaml.md": "---\n" + render.Markers[1] + "\ntitle: x\n---\n",
		"hand.md": "---\ntitle: About\n---\nWritten by hand; " + render.Marker + "\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	for name, want := range map[string]bool{"json.md": true, "yaml.md": true, "hand.md": false, "missing.md": false} {
		if got := generated(filepath.Join(dir, name)); got != want {
			t.Errorf("%s: generated %v, want %v", name, got, want)
		}
	}
}
