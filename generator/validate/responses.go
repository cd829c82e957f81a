package validate

import (
	"fmt"
	"time"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// responses checks the responses (issue 36) recorded in market and edition files: each names
// who responded, when, what they said and the pages read; a market's answers an edition that
// exists, an edition's names markets that edition lists; and none is dated before the edition
// it answers was published, unless it says its source puts it there (before_publication).
func (c *checker) responses() {
	for _, m := range c.set.Markets {
		for i, r := range m.Responses {
			f := fmt.Sprintf("responses[%d]", i)
			c.response(m.Pos, f, r)
			if len(r.Markets) > 0 {
				c.add(m.Pos.Problem(f+".markets", "is for a response recorded in an edition file; a market file's response concerns its own market: remove markets"))
			}
			if !c.required(m.Pos, f+".answers", r.Answers) {
				continue
			}
			e := c.set.Edition(r.Answers)
			if e == nil {
				c.add(m.Pos.Problem(f+".answers", "%q is not an edition in editions/: name it as its file is named (ustr-2016)", r.Answers))
				continue
			}
			c.responseDate(m.Pos, f, r, e)
		}
	}
	for _, e := range c.set.Editions {
		listed := map[string]bool{}
		for _, en := range e.Entries {
			listed[en.Market] = true
		}
		for i, r := range e.Responses {
			f := fmt.Sprintf("responses[%d]", i)
			c.response(e.Pos, f, r)
			if r.Answers != "" {
				c.add(e.Pos.Problem(f+".answers", "an edition file's response answers that edition: remove answers (a market's own response goes in its market file)"))
			}
			if len(r.Markets) == 0 {
				c.add(e.Pos.Problem(f+".markets", "is required: the slugs of this edition's entries the response concerns"))
			}
			seen := map[string]bool{}
			for k, s := range r.Markets {
				mf := fmt.Sprintf("%s.markets[%d]", f, k)
				switch {
				case seen[s]:
					c.add(e.Pos.Problem(mf, "%q is named twice", s))
				case c.set.Market(s) == nil && !c.set.Unread[s]:
					c.add(e.Pos.Problem(mf, "%q has no file markets/%s.yaml", s, s))
				case !listed[s]:
					c.add(e.Pos.Problem(mf, "%q is not an entry of %s: a response concerns markets the edition lists", s, e.ID()))
				}
				seen[s] = true
			}
			c.responseDate(e.Pos, f, r, e)
		}
	}
}

// response checks the fields every response has.
func (c *checker) response(pos dataset.Pos, f string, r dataset.Response) {
	c.text(pos, f+".by", r.By)
	if c.required(pos, f+".date", r.Date) {
		d, _, err := r.ResponseDate()
		switch {
		case err != nil:
			c.add(pos.Problem(f+".date", "%q is not an ISO date (YYYY-MM-DD, or YYYY-MM when the day is unknown)", r.Date))
		case !c.opt.Today.IsZero() && d.After(c.opt.Today):
			c.add(pos.Problem(f+".date", "%s is in the future", r.Date))
		}
	}
	c.summary(pos, f+".summary", r.Summary)
	c.sources(pos, f+".sources", r.Sources)
}

// responseDate checks a response's date against the publication of the edition it answers: not
// before it, unless before_publication says the source puts it there, and then truly before.
func (c *checker) responseDate(pos dataset.Pos, f string, r dataset.Response, e *dataset.Edition) {
	d, dDay, err := r.ResponseDate()
	if err != nil {
		return // reported by response
	}
	p, pDay, err := e.PublishedDate()
	if err != nil {
		return // reported with the edition
	}
	before := earlier(d, dDay, p, pDay)
	switch {
	case before && !r.BeforePublication:
		c.add(pos.Problem(f+".date", "%s is before %s was published (%s): a response answers a published edition; if its source says it came before publication, add before_publication: true", r.Date, e.ID(), e.Published))
	case !before && r.BeforePublication:
		c.add(pos.Problem(f+".before_publication", "is true but %s is not before %s was published (%s): remove it or correct the date", r.Date, e.ID(), e.Published))
	}
}

// earlier reports whether date a is surely before date b: by day where both give one, else by
// month (a response of December 2016 is not before an edition of 21 December 2016).
func earlier(a time.Time, aDay bool, b time.Time, bDay bool) bool {
	if aDay && bDay {
		return a.Before(b)
	}
	ay, am, _ := a.Date()
	by, bm, _ := b.Date()
	return ay < by || ay == by && am < bm
}

// focus checks an edition's issue focus: a title, a summary in our words and sources.
func (c *checker) focus(e *dataset.Edition) {
	if e.Focus == nil {
		return
	}
	c.text(e.Pos, "focus.title", e.Focus.Title)
	c.summary(e.Pos, "focus.summary", e.Focus.Summary)
	c.sources(e.Pos, "focus.sources", e.Focus.Sources)
}
