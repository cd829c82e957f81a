// Package i18n holds the site's words in every language, i18n/<lang>.toml, for the generator's
// outputs that speak too: the browser extension's _locales are written from these files, so
// the site and the extension say the same thing (Hugo reads the same files; see README.md).
package i18n

import "embed"

// Files holds <lang>.toml for every language of hugo.toml.
//
//go:embed *.toml
var Files embed.FS
