package dataset

import "time"

// Response is what a listed market's operator, its parent company or a government said in
// public about an edition's listing (issue 36). A market file's responses answer an edition
// (Answers); an edition file's responses answer that edition as a whole and name the markets
// they concern (Markets). A response never changes whether or how a market is listed.
type Response struct {
	Date    string `yaml:"date"`    // as the source gives it: YYYY-MM-DD, or YYYY-MM
	By      string `yaml:"by"`      // who responded: the operator, its parent, a government body
	Answers string `yaml:"answers"` // market files only: the id of the edition it answers
	// Markets: edition files only, the slugs of the edition's entries the response concerns.
	Markets []string `yaml:"markets"`
	// Disputes is true only where the responder disputed or rejected the listing.
	Disputes bool `yaml:"disputes"`
	// BeforePublication is true where the source says the response came before the edition
	// was published (a reply to the nominations, say): only then may Date precede it.
	BeforePublication bool     `yaml:"before_publication"`
	Summary           string   `yaml:"summary"` // our own words; short quotes only, marked as quotes
	Sources           []string `yaml:"sources"`
}

// Focus is an edition's "Issue Focus": the theme its report opens with (issue 36).
type Focus struct {
	Title   string   `yaml:"title"`
	Summary string   `yaml:"summary"` // our own words
	Sources []string `yaml:"sources"`
}

// ResponseDate parses a response's date, written YYYY-MM-DD or, where only the month is
// known, YYYY-MM. It reports whether the day is known.
func (r *Response) ResponseDate() (date time.Time, dayKnown bool, err error) {
	return parseDate(r.Date)
}
