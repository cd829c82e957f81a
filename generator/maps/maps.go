// Package maps draws the site's world map at build time: Natural Earth's countries
// (data/geo/countries.geojson, see data/geo/README.md) in the Equal Earth projection, as SVG
// path data the templates place in inline maps and map.svg files.
package maps

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/simplify"
)

// File is the countries file inside the data folder.
const File = "geo/countries.geojson"

// The map's frame in pixels: the world is Width wide; latitudes from North to South are drawn
// (Antarctica, with no markets, is left out, and so is the empty Arctic Ocean).
const (
	Width = 960
	North = 84.0
	South = -57.0
)

// scale is pixels per unit of the Equal Earth projection, whose width is 2 × xMax.
var scale = Width / (2 * xMax)

// Height is the map's height in pixels.
var Height = math.Round((equalEarth(orb.Point{0, North})[1] - equalEarth(orb.Point{0, South})[1]) * scale)

// Country is one country's outline, projected onto the map.
type Country struct {
	Code   string    // ISO 3166-1 alpha-2, as data/ writes countries; "" for the few Natural Earth gives none
	Name   string    // Natural Earth's English name
	Path   string    // SVG path data in whole map pixels, for the world map
	Detail string    // the same in tenths of a pixel, for maps zoomed on a country
	Bound  orb.Bound // in map pixels
	Main   orb.Bound // of its largest polygon (a country's mainland), in map pixels
}

// World is every country, by Natural Earth name.
type World struct {
	Countries []*Country
}

// Load reads dir/geo/countries.geojson. A data folder without one (a test's) has no map: Load
// returns nil and no error.
func Load(dir string) (*World, error) {
	b, err := os.ReadFile(filepath.Join(dir, File))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", File, err)
	}
	w := &World{}
	for i, f := range fc.Features {
		c := &Country{Code: f.Properties.MustString("code", ""), Name: f.Properties.MustString("name", "")}
		if c.Name == "" || c.Code == "AQ" {
			continue
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			return nil, fmt.Errorf("%s: feature %d (%s): not a polygon", File, i, c.Name)
		}
		mp = project.MultiPolygon(mp.Clone(), Project)
		c.Bound = mp.Bound()
		c.Main = mp[largest(mp)].Bound()
		c.Path = path(mp, 1, 0.8)
		c.Detail = path(mp, 10, 0.1)
		if c.Path == "" || c.Detail == "" {
			continue // smaller than a tenth of a pixel (Vatican): not drawn; the tables still list it
		}
		w.Countries = append(w.Countries, c)
	}
	sort.Slice(w.Countries, func(i, j int) bool { return w.Countries[i].Name < w.Countries[j].Name })
	return w, nil
}

// path is a country's SVG path data, in steps of 1/precision pixel (1 or 10), each ring
// simplified so that it strays at most tolerance pixels.
func path(mp orb.MultiPolygon, precision int, tolerance float64) string {
	var d strings.Builder
	dp := simplify.DouglasPeucker(tolerance)
	biggest := largest(mp)
	for j, p := range mp {
		for k, r := range p {
			// A ring under a step across is left out, unless it is the country's largest
			// (a city state), which keeps its points.
			b := r.Bound()
			step := 1 / float64(precision)
			if (b.Max[0]-b.Min[0] < step && b.Max[1]-b.Min[1] < step) && !(j == biggest && k == 0) {
				continue
			}
			if s := dp.Ring(r.Clone()); len(s) >= 4 {
				r = s
			}
			// A ring that rounds to fewer than two steps has no area at this precision: left
			// out, unless it is the country's largest, which is then written in tenths.
			var ring strings.Builder
			if writeRing(&ring, r, precision) < 2 {
				ring.Reset()
				if !(j == biggest && k == 0) || precision == 10 || writeRing(&ring, r, 10) < 2 {
					continue
				}
			}
			d.WriteString(ring.String())
		}
	}
	return d.String()
}

// largest is the index of the polygon with the widest outer ring.
func largest(mp orb.MultiPolygon) int {
	best, size := 0, -1.0
	for i, p := range mp {
		b := p[0].Bound()
		if s := (b.Max[0] - b.Min[0]) + (b.Max[1] - b.Min[1]); s > size {
			best, size = i, s
		}
	}
	return best
}

// writeRing writes a closed ring as SVG path data and returns its number of steps: a move, then relative lines in steps of
// 1/precision pixel (each step the difference of rounded points, so no error adds up).
func writeRing(d *strings.Builder, r orb.Ring, precision int) (steps int) {
	if len(r) > 1 && r[0] == r[len(r)-1] {
		r = r[:len(r)-1]
	}
	step := func(v float64) int { return int(math.Round(v * float64(precision))) }
	num := func(t int) string { return num(t, precision) }
	x, y := step(r[0][0]), step(r[0][1])
	d.WriteString("M")
	d.WriteString(num(x))
	d.WriteString(sep(y))
	d.WriteString(num(y))
	d.WriteString("l")
	first := true
	for _, p := range r[1:] {
		nx, ny := step(p[0]), step(p[1])
		dx, dy := nx-x, ny-y
		if dx == 0 && dy == 0 {
			continue
		}
		if !first {
			d.WriteString(sep(dx))
		}
		first = false
		d.WriteString(num(dx))
		d.WriteString(sep(dy))
		d.WriteString(num(dy))
		x, y = nx, ny
		steps++
	}
	d.WriteString("z")
	return steps
}

// num writes a number of steps of 1/precision pixel (1 or 10) as a decimal: with precision
// 10, 123 → "12.3", -5 → "-.5", 40 → "4".
func num(t, precision int) string {
	if precision == 1 {
		return strconv.Itoa(t)
	}
	neg := t < 0
	if neg {
		t = -t
	}
	s := strconv.Itoa(t / 10)
	if t%10 != 0 {
		if t/10 == 0 {
			s = ""
		}
		s += "." + strconv.Itoa(t%10)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// sep separates two numbers in path data: a minus sign is separator enough.
func sep(next int) string {
	if next < 0 {
		return ""
	}
	return " "
}

// Project maps a longitude and latitude in degrees to map pixels (x right, y down).
func Project(p orb.Point) orb.Point {
	q := equalEarth(p)
	top := equalEarth(orb.Point{0, North})[1]
	return orb.Point{(q[0] + xMax) * scale, (top - q[1]) * scale}
}

// Equal Earth's constants (Šavrič, Patterson and Jenny, 2018, "The Equal Earth map projection",
// International Journal of Geographical Information Science 33(3)).
const (
	a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
)

// xMax is the projection's half width: x at longitude 180° on the equator.
var xMax = equalEarth(orb.Point{180, 0})[0]

// equalEarth is the Equal Earth projection of a point in degrees, in units of the earth's
// radius, y up.
func equalEarth(p orb.Point) orb.Point {
	lam, phi := p[0]*math.Pi/180, p[1]*math.Pi/180
	th := math.Asin(math.Sqrt(3) / 2 * math.Sin(phi))
	t2 := th * th
	t6 := t2 * t2 * t2
	x := 2 * math.Sqrt(3) * lam * math.Cos(th) / (3 * (9*a4*t6*t2 + 7*a3*t6 + 3*a2*t2 + a1))
	y := th * (a1 + a2*t2 + t6*(a3+a4*t2))
	return orb.Point{x, y}
}
