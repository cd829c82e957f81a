package report

import "testing"

// TestSectionOf reads the section headings of the real editions (reportpdf/testdata/LAYOUTS.md
// says which stored copy each comes from) and names that look like sections but are markets.
func TestSectionOf(t *testing.T) {
	for title, want := range map[string]sectionKind{
		"Overview of the Results of the 2018 Out-of-Cycle Review of Notorious Markets":  none,
		"Positive Developments Since the 2017 Out-of-Cycle Review of Notorious Markets": developments,
		"Issue Focus: Free Trade Zones":                   none,
		"Results of the 2020 Review of Notorious Markets": none,
		"Online Markets":                                  online,
		"Physical Markets":                                physical,
		"Public Information":                              none,
		"ONLINE SERVICE PROVIDERS OFFERING OR FACILITATING ACCESS TO COPYRIGHT-PROTECTED CONTENT": online,
		"E-COMMERCE PLATFORMS": online,
		"ONLINE PHARMACIES AND SERVICE PROVIDERS FACILITATING THE SALES OF MEDICINES": online,
		"PHYSICAL MARKETPLACES":                           physical,
		"POSITIVE DEVELOPMENTS SINCE THE 2018 WATCH LIST": developments,
		"RESULTS OF THE PUBLIC CONSULTATION":              none,
		"NEXT STEPS":                                      none,
		"Cyberlockers":                                    online,
		"Stream-ripping websites":                         online,
		"Peer-to-peer and BitTorrent indexing websites":   online,
		"Internet Markets":                                online,
		"Issue Focus: e-Commerce and the Role of Internet Platforms in Facilitating the Importation": none,
	} {
		if got, _, ok := sectionOf(title); got != want || !ok {
			t.Errorf("sectionOf(%q) = %v, %v; want %v", title, got, ok, want)
		}
	}
	// Market names, not sections.
	for _, name := range []string{"PRIVATE LAYER-HOSTED SITES", "AMAZON'S FOREIGN DOMAINS", "BAIDU WANGPAN", "1337X",
		"HOSTING CONCEPTS B.V. (D/B/A OPEN PROVIDER) AND REGIONAL NETWORK INFORMATION CENTER JSC", "Torrent Grove"} {
		if kind, _, ok := sectionOf(name); ok {
			t.Errorf("sectionOf(%q) = %v: a market read as a section", name, kind)
		}
	}
}
