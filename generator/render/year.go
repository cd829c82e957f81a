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
	Returning     int    `json:"returning"`
	Dropped       int    `json:"dropped"`
	Previous      int    `json:"previous,omitempty,omitzero"` // year of the publisher's previous edition
}

func editionFacts(e *model.Edition) editionFront {
	f := editionFront{
		ID: e.ID(), Publisher: e.Publisher.Short, PublisherName: e.Publisher.Name, List: e.Publisher.List,
		Year: e.Year, Title: e.Title, Published: e.Published, PublishedText: e.PublishedText(), URL: e.URL,
		Online: len(e.Online), Physical: len(e.Physical),
		OfficialOnl: e.Counts.Online, OfficialPhys: e.Counts.Physical, OfficialTotal: e.Counts.Total,
		New: len(e.New), Returning: len(e.Returning), Dropped: len(e.Dropped),
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
		names = append(names, fmt.Sprintf("the %s %s (%d markets)", e.Publisher.Short, e.Publisher.List, len(e.Online)+len(e.Physical)))
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
		fmt.Fprintf(b, "Based on the markets recorded on this site. The %s %s only partly recorded here ([data coverage](/coverage/)), so a market shown as new or dropped may not be.\n\n", strings.Join(partial, " and "), verb)
	}
	for _, c := range []struct {
		label   string
		markets []*model.Market
	}{{"New", e.New}, {"Returning", e.Returning}, {"Dropped", e.Dropped}} {
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
