package extension

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// iconSizes are the sizes, in pixels, the browsers ask for.
var iconSizes = []int{16, 32, 48, 128}

func iconPath(size int) string { return fmt.Sprintf("icon-%d.png", size) }

// icon draws the toolbar icon, a magnifying glass on a dark blue disc, at one size.
func icon(size int) ([]byte, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	bg := color.NRGBA{0x1d, 0x3f, 0x6e, 0xff}
	fg := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	s := float64(size)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			px, py := (float64(x)+0.5)/s, (float64(y)+0.5)/s
			// Coverage of each shape, anti-aliased over one pixel.
			disc := clamp((0.5 - math.Hypot(px-0.5, py-0.5)) * s)
			ring := clamp((0.07 - math.Abs(math.Hypot(px-0.44, py-0.44)-0.2)) * s)
			handle := clamp((0.065 - segment(px, py, 0.59, 0.59, 0.76, 0.76)) * s)
			glass := math.Max(ring, handle)
			c := blend(bg, fg, glass)
			c.A = uint8(255 * disc)
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v+0.5)) }

// segment is the distance from (px, py) to the segment from (ax, ay) to (bx, by).
func segment(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(px-ax-t*dx, py-ay-t*dy)
}

func blend(a, b color.NRGBA, t float64) color.NRGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
