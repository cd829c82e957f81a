// Command simplify makes data/geo/countries.geojson, once, from Natural Earth's countries as
// GeoJSON (data/geo/topo2geo.mjs writes them from the world-atlas npm package):
//
//	node data/geo/topo2geo.mjs > /tmp/ne.geojson
//	go run ./generator/maps/simplify /tmp/ne.geojson > data/geo/countries.geojson
//
// It simplifies each country's outline (Douglas-Peucker, orb/simplify), rounds coordinates to
// two decimals (about 1 km, far below a pixel of the site's maps) and keys each country by its
// ISO 3166-1 alpha-2 code, as data/ writes countries. See data/geo/README.md.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
	"golang.org/x/text/language"
)

// tolerance is the largest distance, in degrees, a simplified outline may stray from Natural
// Earth's: a tenth of a degree is under a third of a pixel on the site's 960-pixel-wide map.
const tolerance = 0.1

// noNumeric are Natural Earth countries with no ISO 3166-1 numeric code but an alpha-2 code
// data/ accepts.
var noNumeric = map[string]string{"Kosovo": "XK"}

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: simplify NATURAL-EARTH.geojson > data/geo/countries.geojson")
	}
	b, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	in, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		log.Fatal(err)
	}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		name, _ := f.Properties["name"].(string)
		code := noNumeric[name]
		if id, ok := f.ID.(string); ok && code == "" {
			if r, err := language.ParseRegion(id); err == nil && r.IsCountry() {
				code = r.String()
			}
		}
		g := outline(f.Geometry)
		if g == nil {
			log.Printf("%s (%v): not a polygon, left out", name, f.ID)
			continue
		}
		nf := geojson.NewFeature(orb.Round(g, 100))
		nf.Properties = geojson.Properties{"name": name}
		if code != "" {
			nf.Properties["code"] = code
		}
		out.Append(nf)
	}
	sort.SliceStable(out.Features, func(i, j int) bool {
		return out.Features[i].Properties.MustString("name") < out.Features[j].Properties.MustString("name")
	})
	// One feature a line, so that a later change shows as a diff of the countries it touches.
	fmt.Print(`{"type":"FeatureCollection","features":[`)
	for i, f := range out.Features {
		enc, err := json.Marshal(f)
		if err != nil {
			log.Fatal(err)
		}
		if i > 0 {
			fmt.Print(",")
		}
		fmt.Printf("\n%s", enc)
	}
	fmt.Print("\n]}\n")
}

// world is every longitude and latitude.
var world = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// splitAntimeridian cuts the polygons that cross longitude 180° (Natural Earth's Fiji and
// Russia's Chukotka: a ring jumps from +180 to -180) into a part on each side, so that no
// outline is drawn across the whole map. Such a polygon is unwrapped east of 180° first, then
// clipped to the world as it is and shifted by 360°.
func splitAntimeridian(mp orb.MultiPolygon) orb.MultiPolygon {
	var out orb.MultiPolygon
	for _, p := range mp {
		if !crosses(p[0]) {
			out = append(out, p)
			continue
		}
		east := make(orb.Polygon, len(p))
		for i, r := range p {
			east[i] = make(orb.Ring, len(r))
			for j, pt := range r {
				if pt[0] < 0 {
					pt[0] += 360
				}
				east[i][j] = pt
			}
		}
		west := make(orb.Polygon, len(east))
		for i, r := range east {
			west[i] = make(orb.Ring, len(r))
			for j, pt := range r {
				west[i][j] = orb.Point{pt[0] - 360, pt[1]}
			}
		}
		for _, q := range []orb.Polygon{clip.Polygon(world, east), clip.Polygon(world, west)} {
			if len(q) > 0 && len(q[0]) >= 4 {
				out = append(out, q)
			}
		}
	}
	return out
}

// crosses reports whether a ring jumps across the antimeridian.
func crosses(r orb.Ring) bool {
	for i := 1; i < len(r); i++ {
		if d := r[i][0] - r[i-1][0]; d > 180 || d < -180 {
			return true
		}
	}
	return false
}

// outline simplifies each ring of a country; a ring too small to keep four points (a small
// island, a city state) keeps Natural Earth's own points, so that no country disappears.
func outline(g orb.Geometry) orb.Geometry {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return nil
	}
	dp := simplify.DouglasPeucker(tolerance)
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range splitAntimeridian(mp) {
		q := make(orb.Polygon, 0, len(p))
		for _, r := range p {
			s := dp.Ring(r.Clone())
			if len(s) < 4 {
				s = r
			}
			q = append(q, s)
		}
		out = append(out, q)
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}
