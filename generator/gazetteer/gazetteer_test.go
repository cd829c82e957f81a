package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// TestRealPlaces: data/places.yaml reads without problems and places only cities of markets.
func TestRealPlaces(t *testing.T) {
	dir := filepath.Join("..", "..", "data")
	places, problems := Load(dir)
	if len(problems) > 0 {
		t.Fatalf("data/places.yaml: %v", problems)
	}
	set, problems, err := dataset.Load(dir)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if ps := Check(places, set); len(ps) > 0 {
		t.Errorf("Check: %v", ps)
	}
	if p := places[Key("TH", "Bangkok")]; p == nil || p.GeoNames != 1609350 {
		t.Errorf("Bangkok = %+v, want GeoNames 1609350", p)
	}
	// Delhi and New Delhi are two places, as the sources write them.
	if d, n := places[Key("IN", "Delhi")], places[Key("IN", "New Delhi")]; d == nil || n == nil || d.GeoNames == n.GeoNames {
		t.Errorf("Delhi %+v and New Delhi %+v should be two GeoNames places", d, n)
	}
}

// TestBadPlaces: each broken place is one problem naming file, line and field.
func TestBadPlaces(t *testing.T) {
	dir := t.TempDir()
	const file = `- city: Bangkok
  country: TH
  geonames: 1609350
  geonames_name: Bangkok
  lat: 13.75
  lon: 100.5
  source: https://www.geonames.org/1609350
- city: Lima
  country: pe
  geonames: 3936456
  geonames_name: Lima
  lat: 120
  lon: -77.0
  source: https://example.org/lima
- city: Bangkok
  country: TH
  geonames: 1609350
  geonames_name: Bangkok
  lat: 13.75
  lon: 100.5
  source: https://www.geonames.org/1609350
- city: Nowhere
  country: FR
  geonames: 1
  geonames_name: Nowhere
  lat: 1
  lon: 1
  source: https://www.geonames.org/1
`
	if err := os.WriteFile(filepath.Join(dir, File), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	places, problems := Load(dir)
	set := &dataset.Set{Markets: []*dataset.Market{{Slug: "mbk", Name: "MBK", Country: "TH", City: "Bangkok"}}}
	problems = append(problems, Check(places, set)...)
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	path := filepath.Join(dir, File)
	want := []string{
		path + ":9: [1].country: must be an ISO 3166-1 alpha-2 code in capitals, as the market's country",
		path + ":12: [1].lat: must be a latitude in degrees, -90 to 90",
		path + ":14: [1].source: must be the place's GeoNames page, https://www.geonames.org/3936456",
		path + ":15: [2].city: Bangkok (TH) is already placed at line 1",
		path + ":22: [3].city: no market in data/markets/ has city \"Nowhere\" and country FR",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoPlacesFile: a data folder without places.yaml has no places and no problem.
func TestNoPlacesFile(t *testing.T) {
	places, problems := Load(t.TempDir())
	if len(places) != 0 || len(problems) != 0 {
		t.Errorf("Load = %v, %v; want nothing", places, problems)
	}
}

// TestNotAList: a places file that is not a list is one problem.
func TestNotAList(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, File), []byte("city: Lima\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, problems := Load(dir); len(problems) != 1 || !strings.Contains(problems[0].Message, "list") {
		t.Errorf("problems = %v, want one about a list", problems)
	}
}
