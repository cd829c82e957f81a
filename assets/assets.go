// Package assets holds the site's source files that the generator needs too: the check's
// matching rules, which the browser extension ships as they are.
package assets

import _ "embed"

// MatchJS is js/match.js, the matching rules shared by the site's check and the extension.
//
//go:embed js/match.js
var MatchJS []byte
