package opendata_test

import (
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/internal/synth"
	"github.com/notorious-markets-watch/nmw/generator/opendata"
	"github.com/notorious-markets-watch/nmw/generator/pipeline"
)

// BenchmarkEach makes every open-data file of the real data, discarding the bytes.
func BenchmarkEach(b *testing.B) {
	benchEach(b, filepath.Join("..", "..", "data"))
}

// BenchmarkEachSynthetic1k makes the open-data files of 1,000 synthetic markets in 20 editions.
func BenchmarkEachSynthetic1k(b *testing.B) {
	dir := synth.TempData(b, 1000)
	benchEach(b, dir)
}

// BenchmarkWriteOpenData writes the open-data files of 1,000 synthetic markets into a fresh
// folder each time, through outdir.
func BenchmarkWriteOpenData(b *testing.B) {
	dir := synth.TempData(b, 1000)
	site, problems, err := pipeline.Load(dir, sitetest.Today)
	if err != nil || len(problems) > 0 {
		b.Fatalf("load: %v %v", err, problems)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pipeline.WriteOpenData(site, b.TempDir(), "https://example.org/"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEach(b *testing.B, dir string) {
	site, problems, err := pipeline.Load(dir, sitetest.Today)
	if err != nil || len(problems) > 0 {
		b.Fatalf("load %s: %v %v", dir, err, problems)
	}
	b.ReportAllocs()
	var bytes int64
	for b.Loop() {
		bytes = 0
		err := opendata.Each(site, func(f opendata.File) error {
			c := counter{}
			err := f.Write(&c)
			bytes += c.n
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(bytes)
}

// counter is a writer that only counts bytes.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
