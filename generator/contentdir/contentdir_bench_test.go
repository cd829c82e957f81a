package contentdir_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/contentdir"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

const benchMarker = render.Marker

// realFiles renders the real data's pages.
func realFiles(b *testing.B) []contentdir.File {
	site, problems, err := pipeline.Load(filepath.Join("..", "..", "data"), sitetest.Today)
	if err != nil || len(problems) > 0 {
		b.Fatalf("load: %v %v", err, problems)
	}
	pages, err := render.Pages(site)
	if err != nil {
		b.Fatal(err)
	}
	files := make([]contentdir.File, len(pages))
	for i, p := range pages {
		files[i] = contentdir.File{Path: p.Path, Data: p.Data}
	}
	return files
}

// BenchmarkWriteFresh writes the real site's pages into an empty folder.
func BenchmarkWriteFresh(b *testing.B) {
	files := realFiles(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		i++
		st, err := contentdir.Write(dir, []string{benchMarker}, files)
		if err != nil || st.Written != len(files) {
			b.Fatalf("wrote %d of %d: %v", st.Written, len(files), err)
		}
	}
}

// BenchmarkWriteUnchanged rewrites the real site's pages over an identical folder: the no-op
// regeneration, which must write nothing.
func BenchmarkWriteUnchanged(b *testing.B) {
	files := realFiles(b)
	dir := b.TempDir()
	if _, err := contentdir.Write(dir, []string{benchMarker}, files); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		st, err := contentdir.Write(dir, []string{benchMarker}, files)
		if err != nil || st.Written != 0 || st.Unchanged != len(files) {
			b.Fatalf("no-op write: %+v, %v", st, err)
		}
	}
}
