package render_test

import (
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/internal/synth"
	"github.com/notorious-markets-watch/nmw/generator/model"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
	"github.com/notorious-markets-watch/nmw/generator/render"
)

// BenchmarkPages renders every page of the real data.
func BenchmarkPages(b *testing.B) {
	benchPages(b, filepath.Join("..", "..", "data"))
}

// BenchmarkPagesSynthetic1k renders 1,000 synthetic markets in 20 editions.
func BenchmarkPagesSynthetic1k(b *testing.B) {
	dir := synth.TempData(b, 1000)
	benchPages(b, dir)
}

func benchPages(b *testing.B, dir string) {
	site := load(b, dir)
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		pages, err := render.Pages(site)
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, p := range pages {
			bytes += int64(len(p.Data))
		}
	}
	b.SetBytes(bytes)
}

func load(b *testing.B, dir string) *model.Site {
	site, problems, err := pipeline.Load(dir, sitetest.Today)
	if err != nil || len(problems) > 0 {
		b.Fatalf("load %s: %v %v", dir, err, problems)
	}
	return site
}
