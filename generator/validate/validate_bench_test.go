package validate_test

import (
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/internal/synth"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// BenchmarkCheck validates the real data folder.
func BenchmarkCheck(b *testing.B) {
	benchCheck(b, filepath.Join("..", "..", "data"))
}

// BenchmarkCheckSynthetic1k validates 1,000 synthetic markets in 20 editions.
func BenchmarkCheckSynthetic1k(b *testing.B) {
	dir := synth.TempData(b, 1000)
	benchCheck(b, dir)
}

func benchCheck(b *testing.B, dir string) {
	set, problems, err := dataset.Load(dir)
	if err != nil || len(problems) > 0 {
		b.Fatalf("load %s: %v %v", dir, err, problems)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ps := validate.Check(set, validate.Options{Today: sitetest.Today}); len(ps) > 0 {
			b.Fatalf("%d problems, first: %v", len(ps), ps[0])
		}
	}
}
