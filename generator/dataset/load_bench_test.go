package dataset_test

import (
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/synth"
)

// BenchmarkLoad reads the real data folder.
func BenchmarkLoad(b *testing.B) {
	benchLoad(b, filepath.Join("..", "..", "data"))
}

// BenchmarkLoadSynthetic1k reads 1,000 synthetic markets in 20 editions.
func BenchmarkLoadSynthetic1k(b *testing.B) {
	dir := synth.TempData(b, 1000)
	benchLoad(b, dir)
}

func benchLoad(b *testing.B, dir string) {
	b.ReportAllocs()
	for b.Loop() {
		set, problems, err := dataset.Load(dir)
		if err != nil || len(problems) > 0 || len(set.Markets) == 0 {
			b.Fatalf("load %s: %v, %d problems", dir, err, len(problems))
		}
	}
}
