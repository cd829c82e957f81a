// Package place names countries and locations for readers.
package place

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var regions = display.English.Regions()

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, or "" for an empty or
// unknown code.
func CountryName(code string) string {
	if code == "" {
		return ""
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return regions.Name(r)
}

// Location is "City, Country", or the country alone.
func Location(city, country string) string {
	name := CountryName(country)
	if city == "" {
		return name
	}
	if name == "" {
		return city
	}
	return city + ", " + name
}
