// Package domain parses and compares the domain names of listed markets.
package domain

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

var profile = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.ValidateLabels(true),
	idna.StrictDomainName(true),
	idna.VerifyDNSLength(true),
)

// Canonical returns the lower-case ASCII (punycode) form of a domain name written as data:
// no scheme, port, path or trailing dot. It fails for anything that is not a domain under a
// known public suffix, or is a public suffix itself.
func Canonical(name string) (string, error) {
	if name == "" {
		return "", errors.New("is empty")
	}
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("%q is not valid UTF-8", name)
	}
	if strings.ContainsAny(name, "/:@?#[] \t") {
		return "", fmt.Errorf("%q is not a bare domain name: write it without scheme, port or path", name)
	}
	if strings.HasSuffix(name, ".") {
		return "", fmt.Errorf("%q ends with a dot", name)
	}
	ascii, err := profile.ToASCII(name)
	if err != nil {
		return "", fmt.Errorf("%q is not a valid domain name: %v", name, err)
	}
	if !strings.Contains(ascii, ".") {
		return "", fmt.Errorf("%q has no top-level domain", name)
	}
	suffix, icann := publicsuffix.PublicSuffix(ascii)
	if !icann && strings.IndexByte(suffix, '.') < 0 {
		return "", fmt.Errorf("%q is under %q, which is not a known top-level domain", name, suffix)
	}
	if _, err := publicsuffix.EffectiveTLDPlusOne(ascii); err != nil {
		return "", fmt.Errorf("%q is a public suffix, not a domain a market can own", name)
	}
	return ascii, nil
}

// Unicode returns the Unicode form of a canonical domain, for display.
func Unicode(ascii string) string {
	u, err := idna.Display.ToUnicode(ascii)
	if err != nil {
		return ascii
	}
	return u
}

// Covers reports whether host is the listed domain or one of its subdomains.
// Both must be canonical.
func Covers(listed, host string) bool {
	return host == listed || strings.HasSuffix(host, "."+listed)
}

// Find returns the listed domain that covers host, and its value: host itself or the nearest
// parent domain in listed, matching whole labels from the right as the site's check does
// (shop.example.com is example.com; example.com.evil.net is not). Keys and host must be
// canonical.
func Find[T any](listed map[string]T, host string) (string, T, bool) {
	for h := host; h != ""; {
		if v, ok := listed[h]; ok {
			return h, v, true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	var zero T
	return "", zero, false
}
