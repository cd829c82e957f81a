package dataset

// Invisible says whether r is a character that can make text read differently from what it
// holds: a bidirectional override or isolate, a zero-width space, a word joiner or a byte-order
// mark. (Zero-width joiners, which some scripts need, are allowed.) validate refuses them in the
// data and translation in translations.
func Invisible(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200b' || r == '\u2060' || r == '\ufeff'
}
