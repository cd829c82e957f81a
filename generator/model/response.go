package model

import (
	"fmt"
	"sort"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Response is a public response to an edition's listing (issue 36): by the market's operator,
// its parent company or a government. It is shown beside the listing it answers and never
// changes a market's status.
type Response struct {
	*dataset.Response
	Edition *Edition  // the edition it answers
	Markets []*Market // the markets it concerns: its file's market, or an edition response's markets
	// Market is the market whose file records the response; nil for one recorded in the
	// edition's file, which answers the edition as a whole.
	Market *Market
	// Index is the response's place among its file's responses to the same edition, so that
	// its id (edition, market, index) stays put when responses to other editions are added.
	Index int
}

// linkResponses gives each market and edition the responses that concern it, by date.
func linkResponses(s *Site, editions map[string]*Edition, markets map[string]*Market) {
	add := func(r *Response) {
		r.Edition.Responses = append(r.Edition.Responses, r)
		for _, m := range r.Markets {
			m.Responses = append(m.Responses, r)
		}
	}
	for _, m := range s.Markets {
		seen := map[string]int{} // responses so far to each edition
		for i := range m.Market.Responses {
			d := &m.Market.Responses[i]
			if e := editions[d.Answers]; e != nil { // validation reports the rest
				add(&Response{Response: d, Edition: e, Markets: []*Market{m}, Market: m, Index: seen[d.Answers]})
			}
			seen[d.Answers]++
		}
	}
	for _, e := range s.Editions {
		for i := range e.Edition.Responses {
			d := &e.Edition.Responses[i]
			r := &Response{Response: d, Edition: e, Index: i}
			for _, slug := range d.Markets {
				if m := markets[slug]; m != nil {
					r.Markets = append(r.Markets, m)
				}
			}
			add(r)
		}
	}
	order := map[*Edition]int{}
	for i, e := range s.Editions {
		order[e] = i
	}
	byDate := func(rs []*Response) {
		sort.SliceStable(rs, func(i, j int) bool {
			if rs[i].Edition != rs[j].Edition {
				return order[rs[i].Edition] < order[rs[j].Edition]
			}
			return rs[i].Date < rs[j].Date
		})
	}
	for _, m := range s.Markets {
		byDate(m.Responses)
	}
	for _, e := range s.Editions {
		byDate(e.Responses)
	}
}

// Key names the file that records the response: the market's slug, or the edition's id for a
// response to the edition as a whole. Its translations are kept under it (data/translations/).
func (r *Response) Key() string {
	if r.Market != nil {
		return r.Market.Slug
	}
	return r.Edition.ID()
}

// ID names the response on pages, in feeds and in the open data: the edition it answers, its
// Key and its Index, as in ustr-2016-taobao-0.
func (r *Response) ID() string {
	return fmt.Sprintf("%s-%s-%d", r.Edition.ID(), r.Key(), r.Index)
}
