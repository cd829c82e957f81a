package maps

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// TestEqualEarth checks the projection against values from its definition: the origin at the
// map's centre, symmetry, the equator's length, and equal area (a 10° square's area on the map
// is proportional to its area on the sphere, at the equator and far from it).
func TestEqualEarth(t *testing.T) {
	if p := equalEarth(orb.Point{0, 0}); p != (orb.Point{0, 0}) {
		t.Errorf("origin: %v", p)
	}
	// Half the equator: 2√3π / (3 A1) ≈ 2.7066; the map is about 2.05 times as wide as high (Šavrič et al. 2018).
	if got := xMax; math.Abs(got-2.7066) > 1e-4 {
		t.Errorf("xMax = %v, want 2.7066", got)
	}
	if y := equalEarth(orb.Point{0, 90})[1]; math.Abs(2*xMax/(2*y)-2.0543) > 1e-3 {
		t.Errorf("width:height = %v, want 2.0543", 2*xMax/(2*y))
	}
	a, b := equalEarth(orb.Point{30, -40}), equalEarth(orb.Point{-30, 40})
	if math.Abs(a[0]+b[0]) > 1e-12 || math.Abs(a[1]+b[1]) > 1e-12 {
		t.Errorf("not symmetric: %v %v", a, b)
	}
	area := func(lat float64) float64 { // of the cell lon 0..10, lat..lat+10, on the map
		r := orb.Ring{equalEarth(orb.Point{0, lat}), equalEarth(orb.Point{10, lat}), equalEarth(orb.Point{10, lat + 10}), equalEarth(orb.Point{0, lat + 10}), equalEarth(orb.Point{0, lat})}
		s := 0.0
		for i := 1; i < len(r); i++ {
			s += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
		}
		return math.Abs(s) / 2
	}
	sphere := func(lat float64) float64 { // the same cell on the unit sphere
		return 10 * math.Pi / 180 * (math.Sin((lat+10)*math.Pi/180) - math.Sin(lat*math.Pi/180))
	}
	for _, lat := range []float64{0, 30, 60} {
		if r := area(lat) / sphere(lat); math.Abs(r-1) > 0.01 {
			t.Errorf("cell at %v°: map area / sphere area = %v, want 1", lat, r)
		}
	}
}

var number = regexp.MustCompile(`-?[0-9]*\.?[0-9]+`)

// TestWorld: the real outlines load, each country has path data inside the map, and no ring
// crosses the map from side to side (the antimeridian, cut by the simplify tool).
func TestWorld(t *testing.T) {
	w, err := Load(filepath.Join("..", "..", "data"))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, c := range w.Countries {
		codes[c.Code] = true
		if c.Path == "" || c.Detail == "" {
			t.Errorf("%s: no path", c.Name)
		}
		for _, d := range []string{c.Path, c.Detail} {
			// every ring has steps: "M1 2lz" is not valid path data (the Nu checker says so)
			if regexp.MustCompile(`l\s*z`).MatchString(d) {
				t.Errorf("%s: a ring without steps in %q", c.Name, d)
			}
			// relative steps follow the first move: none may be half the map wide
			for _, ring := range regexp.MustCompile(`l[^z]*`).FindAllString(d, -1) {
				nums := number.FindAllString(ring, -1)
				for i := 0; i < len(nums); i += 2 {
					if dx, _ := strconv.ParseFloat(nums[i], 64); math.Abs(dx) > Width/2 {
						t.Errorf("%s: a step of %v pixels across the map", c.Name, dx)
					}
				}
			}
		}
		if c.Bound.Min[0] < -1 || c.Bound.Max[0] > Width+1 {
			t.Errorf("%s: outside the map: %v", c.Name, c.Bound)
		}
	}
	for _, code := range []string{"CN", "TH", "HK", "SG", "XK", "US", "RU"} {
		if !codes[code] {
			t.Errorf("no outline for %s", code)
		}
	}
	if codes["AQ"] {
		t.Error("Antarctica is drawn")
	}
}

// TestNum: path numbers are short and exact.
func TestNum(t *testing.T) {
	for _, c := range []struct {
		steps, precision int
		want             string
	}{{123, 10, "12.3"}, {-5, 10, "-.5"}, {40, 10, "4"}, {-40, 10, "-4"}, {0, 10, "0"}, {7, 1, "7"}, {-7, 1, "-7"}} {
		if got := num(c.steps, c.precision); got != c.want {
			t.Errorf("num(%d, %d) = %q, want %q", c.steps, c.precision, got, c.want)
		}
	}
}

// TestNoData: a data folder without outlines has no map.
func TestNoData(t *testing.T) {
	w, err := Load(t.TempDir())
	if w != nil || err != nil {
		t.Errorf("Load = %v, %v; want nil, nil", w, err)
	}
}
