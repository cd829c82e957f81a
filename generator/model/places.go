package model

import "slices"

// CountryCount is how a country's markets stand on the latest edition of each list, for the
// world map: the three states of every market, counted.
type CountryCount struct {
	Code       string // ISO 3166-1 alpha-2
	Markets    int    // markets data/ places in the country
	Listed     int    // distinct markets listed in the latest edition of at least one list
	Unrecorded int    // markets listed before, not recorded in a latest edition too partly recorded to say (LatestUnknown)
}

// LatestByCountry counts, for every country the data places a market in, its markets listed in
// the latest edition of each list (a market on both lists counts once) and those whose latest
// state is not recorded. Countries come in code order.
func (s *Site) LatestByCountry() []CountryCount {
	byCode := map[string]*CountryCount{}
	var codes []string
	for _, m := range s.Markets {
		if m.Country == "" {
			continue
		}
		c := byCode[m.Country]
		if c == nil {
			c = &CountryCount{Code: m.Country}
			byCode[m.Country] = c
			codes = append(codes, m.Country)
		}
		c.Markets++
		switch {
		case m.Current():
			c.Listed++
		case m.LatestUnknown():
			c.Unrecorded++
		}
	}
	slices.Sort(codes)
	out := make([]CountryCount, 0, len(codes))
	for _, code := range codes {
		out = append(out, *byCode[code])
	}
	return out
}
