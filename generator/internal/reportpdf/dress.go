package reportpdf

// Dress says how a report is set: the options of one layout, each free to combine with the
// others. The values follow the layouts of the real editions (testdata/LAYOUTS.md says which
// stored copy gave which fact).
type Dress struct {
	Style       Style
	TOC         TOCForm
	Numbered    bool // sections (and country headings) numbered: "2. Online Markets", "3.1. Argentina"
	Columns     bool // the body in two columns
	Entry       EntryForm
	Physical    PhysicalForm
	CountryHead bool // physical markets under country headings
	PageNumbers bool // printed page numbers in the footer
	Footnotes   bool // footnote markers in the text, footnotes at the page's foot
}

// Style is a publisher's layout family.
type Style int

const (
	USTR2010 Style = iota // "Out-of-Cycle Review of Notorious Markets", 2010–2013: a short list
	USTR2014              // "<year> Out-of-Cycle Review of Notorious Markets", 2014–2018
	USTR2019              // "<year> Review of Notorious Markets for Counterfeiting and Piracy", 2019–2025
	EU2018                // the first Counterfeit and Piracy Watch List: online sections by kind of service
	EU2020                // the Watch Lists of 2020–2025: numbered sections in capitals
)

var styleNames = []string{"ustr2010", "ustr2014", "ustr2019", "eu2018", "eu2020"}

func (s Style) String() string { return styleNames[s] }

// TOCForm is what the table of contents lists.
type TOCForm int

const (
	NoTOC       TOCForm = iota
	TOCSections         // sections only (the USTR 2018 and EU lists)
	TOCMarkets          // every section, country and market (USTR 2019–2021)
)

// EntryForm is how an online entry opens.
type EntryForm int

const (
	EntryHeading EntryForm = iota // a heading line with the name, then "Nominated as ..."
	EntryRunIn                    // a bold name opening its paragraph: "Name. Nominated as ..."
	EntryDomains                  // "Name (a.com, b.net) – text", the name and domains leading the paragraph
	EntryCaps                     // a heading line in capitals: "NAME"
)

// PhysicalForm is how a physical entry gives its place.
type PhysicalForm int

const (
	PhysComma PhysicalForm = iota // "Name, City"
	PhysParen                     // "Name (City, Country)"
	PhysDash                      // "Name – City"
)

// Factors are the number of values of each of Dress's options, in the order Dress lists them.
var Factors = []int{5, 3, 2, 2, 4, 3, 2, 2, 2}

// DressOf makes a Dress from one row of values, one per factor.
func DressOf(row []int) Dress {
	return Dress{
		Style: Style(row[0]), TOC: TOCForm(row[1]), Numbered: row[2] == 1, Columns: row[3] == 1,
		Entry: EntryForm(row[4]), Physical: PhysicalForm(row[5]), CountryHead: row[6] == 1,
		PageNumbers: row[7] == 1, Footnotes: row[8] == 1,
	}
}

// Family is a publisher's layout family in the dress its real editions wear, as far as the
// stored copies show it (testdata/LAYOUTS.md).
type Family struct {
	Name  string
	Dress Dress
}

// Families are the five families, each in its own dress.
var Families = []Family{
	{"ustr-2010-13", Dress{Style: USTR2010, TOC: NoTOC, Entry: EntryRunIn, Physical: PhysParen, PageNumbers: true}},
	{"ustr-2014-18", Dress{Style: USTR2014, TOC: TOCSections, Entry: EntryHeading, Physical: PhysComma, CountryHead: true, PageNumbers: true, Footnotes: true}},
	{"ustr-2019-25", Dress{Style: USTR2019, TOC: TOCMarkets, Entry: EntryCaps, Physical: PhysComma, CountryHead: true, PageNumbers: true, Footnotes: true}},
	{"eu-2018", Dress{Style: EU2018, TOC: TOCSections, Numbered: true, Entry: EntryDomains, Physical: PhysComma, CountryHead: true, PageNumbers: true, Footnotes: true}},
	{"eu-2020-25", Dress{Style: EU2020, TOC: TOCSections, Numbered: true, Entry: EntryDomains, Physical: PhysComma, CountryHead: true, PageNumbers: true, Footnotes: true}},
}
