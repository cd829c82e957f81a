package domain_test

import (
	"strings"
	"testing"

	"github.com/notorious-markets-watch/nmw/generator/domain"
)

// FuzzCanonical checks that a domain Canonical accepts comes out lower-case ASCII, stays the same
// when canonicalised again (also from its Unicode form), and covers itself and its subdomains only.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"taobao.com", "bücher.de", "xn--bcher-kva.de", "бухта.рф", "shoporama.com.cn",
		"co.uk", "Example.COM", "a..b.com", "example.com.", "https://x.com/", "ｅｘａｍｐｌｅ.com", "x.y.z.github.io", "ÉCOLE.fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		c, err := domain.Canonical(name)
		if err != nil {
			return
		}
		for _, r := range c {
			if r > 0x7f || (r >= 'A' && r <= 'Z') {
				t.Fatalf("Canonical(%q) = %q: not lower-case ASCII", name, c)
			}
		}
		if strings.Contains(c, "..") || strings.HasPrefix(c, ".") || !strings.Contains(c, ".") {
			t.Fatalf("Canonical(%q) = %q: not a dotted name", name, c)
		}
		if again, err := domain.Canonical(c); err != nil || again != c {
			t.Fatalf("Canonical(%q) = %q, but Canonical(%q) = %q, %v", name, c, c, again, err)
		}
		if u := domain.Unicode(c); u != c {
			if back, err := domain.Canonical(u); err != nil || back != c {
				t.Fatalf("Canonical(%q) = %q, Unicode = %q, back = %q, %v", name, c, u, back, err)
			}
		}
		if !domain.Covers(c, c) || !domain.Covers(c, "www."+c) {
			t.Fatalf("%q does not cover itself or www.%[1]s", c)
		}
		if domain.Covers(c, "x"+c) || domain.Covers("www."+c, c) {
			t.Fatalf("%q covers a name that is not below it", c)
		}
	})
}
