package render

import (
	"fmt"
	"github.com/notorious-markets-watch/nmw/generator/mdtext"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

type yearPage struct {
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Weight      int        `json:"weight"`
	Params      yearParams `json:"params"`
}

type yearParams struct {
	Year     int            `json:"year"`
	Editions []editionFront `json:"editions"`
}

// editionFront is an edition's facts, shared by the year pages and the home page.
type editionFront struct {
	ID            string `json:"id"`
	Publisher     string `json:"publisher"`
	PublisherName string `json:"publisher_name"`
	List          string `json:"list"`
	Year          int    `json:"year"`
	Title         string `json:"title"`
	Published     string `json:"published"`
	PublishedText string `json:"published_text"`
	URL           string `json:"url"`
	Online        int    `json:"online"`
	Physical      int    `json:"physical"`
	OfficialOnl   *int   `json:"official_online,omitempty,omitzero"`
	OfficialPhys  *int   `json:"official_physical,omitempty,omitzero"`
	OfficialTotal *int   `json:"official_total,omitempty,omitzero"`
	New           int    `json:"new"`
	FirstRecorded int    `json:"first_recorded"` // listed, but earlier editions too partly recorded to call it new
	Returning     int    `json:"returning"`
	Dropped       int    `json:"dropped"`
	Unrecorded    int    `json:"unrecorded"`                  // in the previous edition, not recorded in this partly recorded one
	Complete      bool   `json:"complete"`                    // every market of the edition is recorded (model.Complete)
	Recorded      int    `json:"recorded"`                    // online + physical recorded here
	OfficialKnown *int   `json:"official,omitempty,omitzero"` // the official total, given or summed from the sections
	Previous      int    `json:"previous,omitempty,omitzero"` // year of the publisher's previous edition
}

func editionFacts(e *model.Edition) editionFront {
	f := editionFront{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Year: e.Year, Title: e.Title, Published: e.Published, PublishedText: e.PublishedText(), URL: e.URL,
		Online: len(e.Online), Physical: len(e.Physical),
		OfficialOnl: e.Counts.Online, OfficialPhys: e.Counts.Physical, OfficialTotal: e.Counts.Total,
		New: len(e.New), FirstRecorded: len(e.FirstRecorded), Returning: len(e.Returning), Dropped: len(e.Dropped),
		Unrecorded: len(e.Unrecorded), Complete: model.Complete(e), Recorded: len(e.Online) + len(e.Physical),
		OfficialKnown: model.EditionCount(e).Official,
	}
	if e.Previous != nil {
		f.Previous = e.Previous.Year
	}
	return f
}

func yearFront(y *model.Year) yearPage {
	p := yearPage{Title: fmt.Sprint(y.Year), Weight: -y.Year, Params: yearParams{Year: y.Year}}
	var names []string
	for _, e := range y.Editions {
		p.Params.Editions = append(p.Params.Editions, editionFacts(e))
		names = append(names, fmt.Sprintf("the %s %s (%s)", e.Publisher.Short, e.Publisher.List, recordedText(e)))
	}
	p.Description = fmt.Sprintf("Markets reported for %d on %s.", y.Year, strings.Join(names, " and "))
	return p
}

// yearBody lists each edition's markets, grouped online and physical, and what changed.
func yearBody(y *model.Year) string {
	var b strings.Builder
	for _, e := range y.Editions {
		fmt.Fprintf(&b, "## %s: *%s*\n\n", Escape(e.Publisher.Short+" "+e.Publisher.List), Escape(e.Title))
		fmt.Fprintf(&b, "Published %s by the %s. [Read the report](%s).\n\n", e.PublishedText(), Escape(e.Publisher.Name), escapeURL(e.URL))
		changes(&b, e)
		group(&b, "Online markets", e.Online)
		group(&b, "Physical markets", e.Physical)
		if len(e.Developments) > 0 {
			fmt.Fprintf(&b, "### Positive developments (%d)\n\n", len(e.Developments))
			for _, d := range e.Developments {
				fmt.Fprintf(&b, "- **%s**: %s\n", marketLink(d.Market), mdtext.Indent(d.Summary))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func changes(b *strings.Builder, e *model.Edition) {
	if e.Previous == nil {
		fmt.Fprintf(b, "This is the first %s edition on this site.\n\n", Escape(e.Publisher.Short))
		return
	}
	fmt.Fprintf(b, "### Changes since %d\n\n", e.Previous.Year)
	var partial []string
	for _, ed := range []*model.Edition{e.Previous, e} {
		if !model.Complete(ed) {
			partial = append(partial, fmt.Sprint(ed.Year))
		}
	}
	if len(partial) > 0 {
		verb := "edition is"
		if len(partial) > 1 {
			verb = "editions are"
		}
		fmt.Fprintf(b, "Based on the markets recorded on this site. The %s %s only partly recorded here ([data coverage](/coverage/)), so a change is shown only where the data can tell: a market missing from a partly recorded edition is not counted as dropped, returning or new.\n\n", strings.Join(partial, " and "), verb)
	}
	for _, c := range []struct {
		label   string
		markets []*model.Market
		always  bool
	}{
		{"New", e.New, true},
		{"First recorded here, not known to be new", e.FirstRecorded, false},
		{"Returning", e.Returning, true},
		{"Dropped", e.Dropped, true},
		{fmt.Sprintf("Listed in %d, not yet recorded for %d, so still possibly listed", e.Previous.Year, e.Year), e.Unrecorded, false},
	} {
		if len(c.markets) == 0 && !c.always {
			continue
		}
		fmt.Fprintf(b, "- %s (%d): ", c.label, len(c.markets))
		if len(c.markets) == 0 {
			b.WriteString("none")
		}
		for i, m := range c.markets {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(marketLink(m))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

func group(b *strings.Builder, title string, listings []*model.Listing) {
	if len(listings) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s (%d)\n\n", title, len(listings))
	for _, l := range listings {
		fmt.Fprintf(b, "- **%s** (%s%s): %s\n", marketLink(l.Market), Escape(l.Section), pageText(l.Page), mdtext.Indent(l.Summary))
	}
	b.WriteString("\n")
}

// recordedText says how many of an edition's markets are recorded: "69 markets", "13 of 69
// markets recorded", or "16 markets recorded; official count not published".
func recordedText(e *model.Edition) string {
	c := model.EditionCount(e)
	switch {
	case model.Complete(e):
		return fmt.Sprintf("%d markets", c.Recorded)
	case c.Official == nil:
		return fmt.Sprintf("%d markets recorded; official count not published", c.Recorded)
	}
	return fmt.Sprintf("%d of %d markets recorded", c.Recorded, *c.Official)
}
