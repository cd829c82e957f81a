package report

import (
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames maps lower-case English country names, and the other names reports use, to
// ISO 3166-1 alpha-2 codes.
var countryNames = map[string]string{
	"russia": "RU", "vietnam": "VN", "viet nam": "VN", "south korea": "KR", "korea": "KR",
	"north korea": "KP", "united states": "US", "united states of america": "US", "usa": "US",
	"the united states": "US", "united kingdom": "GB", "the united kingdom": "GB", "uk": "GB",
	"great britain": "GB", "the netherlands": "NL", "netherlands": "NL", "czech republic": "CZ",
	"turkey": "TR", "türkiye": "TR", "turkiye": "TR", "uae": "AE", "the uae": "AE",
	"united arab emirates": "AE", "the united arab emirates": "AE", "hong kong": "HK",
	"macau": "MO", "macao": "MO", "taiwan": "TW", "laos": "LA", "iran": "IR", "syria": "SY",
	"moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "the philippines": "PH",
	"ivory coast": "CI", "côte d'ivoire": "CI", "cote d'ivoire": "CI", "brunei": "BN",
	"myanmar": "MM", "burma": "MM", "people's republic of china": "CN", "prc": "CN",
	"mainland china": "CN", "the russian federation": "RU", "russian federation": "RU",
	"kyrgyzstan": "KG", "cape verde": "CV", "eswatini": "SZ", "swaziland": "SZ",
	"kyrgyz republic": "KG", "the kyrgyz republic": "KG", "slovak republic": "SK", "lao pdr": "LA",
	"bosnia and herzegovina": "BA", "north macedonia": "MK", "macedonia": "MK",
	"the bahamas": "BS", "the gambia": "GM", "seychelles": "SC", "kosovo": "XK",
}

// countryList is every country name, longest first, for finding one in a sentence.
var countryList []string

func init() {
	regions := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code {
				continue
			}
			if name := strings.ToLower(regions.Name(r)); name != "" {
				if _, ok := countryNames[name]; !ok {
					countryNames[name] = code
				}
			}
		}
	}
	for n := range countryNames {
		countryList = append(countryList, n)
	}
	sort.Slice(countryList, func(i, j int) bool {
		if len(countryList[i]) != len(countryList[j]) {
			return len(countryList[i]) > len(countryList[j])
		}
		return countryList[i] < countryList[j]
	})
}

// Country returns the code of a country named exactly by s ("China", "the Netherlands"), or "".
func Country(s string) string {
	return countryNames[key(s)]
}

// firstCountry returns the code and name of the country named first in s, or "".
func firstCountry(s string) (string, string) {
	low := strings.ToLower(s)
	best, bestAt := "", len(low)+1
	for _, n := range countryList {
		for from := 0; ; {
			i := strings.Index(low[from:], n)
			if i < 0 {
				break
			}
			i += from
			end := i + len(n)
			if boundary(low, i-1) && boundary(low, end) && i < bestAt {
				best, bestAt = n, i
			}
			from = i + 1
		}
	}
	if best == "" {
		return "", ""
	}
	return countryNames[best], s[bestAt : bestAt+len(best)]
}

func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80)
}

// basedIn finds where an entry says a market is based: "Headquartered in China", "reportedly
// operated from Vietnam", "based in", "located in", "hosted in", "ships counterfeit goods from",
// "Country: Russia".
var basedIn = regexp.MustCompile(`(?i)\b(?:headquartered|based|operated|operates|located|hosted|registered|run|ships|shipped|shipping|ship)\s+(?:[\w,-]+\s+){0,5}?(?:in|from|out of)\s+([^.;]{1,120})|\bcountry:\s*([^.;\n]{1,80})`)

// inCity is "in <City>, <Country>": the country is the words after the comma.
var inCity = regexp.MustCompile(`\bin\s+\p{Lu}[\p{L}'’. -]{0,40}?,\s+((?:the\s+)?\p{Lu}[\p{L}'’ -]{1,40})`)

// basedCountry returns the country an entry's text says the market is based in, and the phrase
// that says so, or "".
func basedCountry(text string) (code, phrase string) {
	for _, m := range basedIn.FindAllStringSubmatch(text, -1) {
		where := m[1] + m[2]
		if c, _ := firstCountry(where); c != "" {
			return c, strings.TrimSpace(m[0])
		}
	}
	// "in Lagos, Nigeria": the words after the comma must start with a country's whole name.
	for _, m := range inCity.FindAllStringSubmatch(text, -1) {
		if c, name := firstCountry(m[1]); c != "" && strings.HasPrefix(strings.ToLower(m[1]), strings.ToLower(name)) {
			return c, strings.TrimSpace(m[0])
		}
		if c, name := firstCountry(m[1]); c != "" && strings.HasPrefix(strings.ToLower(m[1]), "the "+strings.ToLower(name)) {
			return c, strings.TrimSpace(m[0])
		}
	}
	return "", ""
}
