// Package place names countries and locations for readers.
package place

import (
	"maps"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var regions = display.English.Regions()

// Languages are the site's languages other than English, by the code Hugo's configuration
// (hugo.toml) gives them, with the CLDR language whose country names the site shows.
var Languages = map[string]language.Tag{
	"es":      language.Spanish,
	"fr":      language.French,
	"de":      language.German,
	"zh-hans": language.SimplifiedChinese,
}

// CountryNames returns a country's name in English ("en") and in each of Languages, from
// CLDR, or nil for an empty or unknown code.
func CountryNames(code string) map[string]string {
	if code == "" {
		return nil
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return nil
	}
	names := map[string]string{"en": regions.Name(r)}
	for lang, tag := range Languages {
		names[lang] = display.Regions(tag).Name(r)
	}
	for lang, name := range cldrNames[code] {
		names[lang] = name
	}
	return names
}

// CountryName returns the English name of an ISO 3166-1 alpha-2 code, or "" for an empty or
// unknown code.
func CountryName(code string) string {
	if code == "" {
		return ""
	}
	if name := cldrNames[code]["en"]; name != "" {
		return name
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

// OutlineNames returns the names, in English ("en") and each of Languages, of a Natural Earth
// outline that has no country code, where CLDR names it ("Indian Ocean Ter."), or nil.
func OutlineNames(name string) map[string]string {
	return maps.Clone(cldrOutlines[name])
}
