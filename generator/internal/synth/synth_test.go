package synth

import (
	"path/filepath"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
	"github.com/notorious-markets-watch/nmw/generator/internal/sitetest"
	"github.com/notorious-markets-watch/nmw/generator/validate"
)

// TestWriteValid checks that synthetic data passes the same validation as real data.
func TestWriteValid(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	st, err := Write(dir, Options{Markets: 200, Editions: 20})
	if err != nil {
		t.Fatal(err)
	}
	if st.Markets != 200 || st.Editions != 20 || st.Entries < st.Markets {
		t.Fatalf("stats %+v: want 200 markets, 20 editions, at least one entry a market", st)
	}
	set, problems, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	problems = append(problems, validate.Check(set, validate.Options{Today: sitetest.Today})...)
	for _, p := range problems {
		t.Error(p)
	}
	if len(set.Markets) != 200 || len(set.Editions) != 20 {
		t.Errorf("loaded %d markets and %d editions, want 200 and 20", len(set.Markets), len(set.Editions))
	}
}
