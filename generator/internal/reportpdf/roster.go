package reportpdf

import (
	"fmt"
	"strings"
)

// The fixed roster every dressed report lists: 30 online and 14 physical markets, and two
// positive developments. Every name, domain and sentence is made up.

// onlineGroups are the kinds of online market, in the order the EU lists group them; USTR
// lists them all under Online Markets.
var onlineGroups = []struct{ eu2018, eu2020, category string }{
	{"Cyberlockers", "Cyberlockers", "cyberlocker"},
	{"Stream-ripping websites", "Stream-ripping websites", "stream-ripping"},
	{"Linking or referrer websites", "Linking or referrer websites", "streaming-linking"},
	{"Peer-to-peer and BitTorrent indexing websites", "Peer-to-peer and BitTorrent indexing websites", "torrent-index"},
	{"E-commerce platforms", "", "e-commerce-platform"}, // EU 2020–25: a top-level section
	{"Online pharmacies", "", "online-pharmacy"},        // likewise
}

var groupWords = []string{"cyberlocker", "stream-ripping site", "linking site", "torrent index", "e-commerce platform", "online pharmacy"}

var onlineNames = []string{
	"Tessera Locker", "Quillon Drive", "Marbleshare", "Vantor Files", "Nimbrel Cloud",
	"Rippa Tune", "Audiograb Zone", "Sonnet Pull", "Tubeclip Hub", "Wavelift",
	"Linkora", "Veilstream", "Cinefold", "Reelnest", "Moviquill",
	"Torrent Grove", "Bitsparrow", "Seedharbor", "Magnetica", "Peerloft",
	"Bazaar Nova", "Shopquay", "Tradewhim", "Dealmosaic", "Cartolina",
	"Pillbridge", "Medivane", "Tabletcourt", "Remedyloop", "Capsulon",
}

// rosterWhere are the ways an entry says where a site is run from, with the country's code;
// the last gives no country.
var rosterWhere = []struct{ text, code string }{
	{"The site is reportedly operated from Vietnam.", "VN"},
	{"Right holders say the service is based in Russia.", "RU"},
	{"The operator is reportedly located in the Netherlands.", "NL"},
	{"It reportedly ships counterfeit goods and parts from China to buyers abroad.", "CN"},
	{"Its operator reportedly works from an office in Lagos, Nigeria.", "NG"},
	{"Where it is run from is not known.", ""},
}

var lands = []struct{ name, code, city string }{
	{"Argentina", "AR", "Buenos Aires"}, {"Brazil", "BR", "São Paulo"}, {"China", "CN", "Guangzhou"},
	{"India", "IN", "Mumbai"}, {"Mexico", "MX", "Mexico City"}, {"Thailand", "TH", "Bangkok"},
	{"Turkey", "TR", "Istanbul"},
}

var physicalNames = []string{"Feria Ventana", "Galeria Prisma", "Plaza Corvina", "Mercado Tilde",
	"Bazar Lucerna", "Centro Amatista", "Pasaje Orbital", "Galeria Sextante", "Feria Nutria",
	"Plaza Helecho", "Mercado Brujula", "Bazar Almendra", "Centro Farol", "Pasaje Ocelote"}

// roster returns the online markets (with their group) and physical markets of every report.
func roster() (online []Market, groups []int, physical []Market) {
	for i, n := range onlineNames {
		slug := strings.ToLower(strings.ReplaceAll(n, " ", ""))
		m := Market{Name: n, Kind: "online", Domains: []string{slug + ".to"}}
		if i%3 == 0 {
			m.Domains = append(m.Domains, slug+".net")
		}
		m.Country = rosterWhere[i%len(rosterWhere)].code
		online = append(online, m)
		groups = append(groups, i/5)
	}
	for i, n := range physicalNames {
		l := lands[i/2]
		physical = append(physical, Market{Name: n, Kind: "physical", Country: l.code, City: l.city})
	}
	return online, groups, physical
}

// developments are two markets named under positive developments: never listed.
var developments = []struct{ name, domain, text string }{
	{"Orchid Vault", "orchidvault.net", "The cyberlocker reportedly closed in the year after a court order, and is no longer included in the list."},
	{"Kestrel Shop", "kestrelshop.com", "The platform reportedly removed many listings of counterfeit goods and was removed from the list."},
}

var numberWords = map[int]string{2: "two", 14: "fourteen", 30: "thirty"}

// countWord writes a count as the style does: words in the out-of-cycle reviews, digits after.
func countWord(s Style, n int) string {
	if w, ok := numberWords[n]; ok && (s == USTR2010 || s == USTR2014) {
		return w
	}
	return fmt.Sprint(n)
}
