package model

import "github.com/notorious-markets-watch/nmw/generator/domain"

// Host is one of a market's listed domains as the shop check matches it.
type Host struct {
	ASCII   string // canonical form, punycode for IDNs: what the check compares
	Unicode string // the form a reader recognises
	Role    string // current, former or mirror
}

// Hosts lists the market's current, former and mirror domains, in that order.
func (m *Market) Hosts() []Host {
	var out []Host
	for _, g := range []struct {
		role    string
		domains []string
	}{{"current", m.Domains.Current}, {"former", m.Domains.Former}, {"mirror", m.Domains.Mirrors}} {
		for _, d := range g.domains {
			ascii, err := domain.Canonical(d)
			if err != nil { // validation rejects these before a model is built
				continue
			}
			out = append(out, Host{ASCII: ascii, Unicode: domain.Unicode(ascii), Role: g.role})
		}
	}
	return out
}
