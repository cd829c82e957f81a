// Package namekey folds market names for comparison as the site's check does.
package namekey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold drops case, accents and everything but letters and digits, as fold in
// assets/js/check.js does: "Março" and "MARCO" meet, and so do "OLDLOCKER" and "Old Locker".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
