// Package translation holds the translations of the data's prose (entry and development
// summaries, absence notes, and the responses and issue focus of issue 36), read from
// data/translations/<lang>/<edition>.yaml. Each translation records the SHA-256 of the English
// it translates, so that one whose English has changed is never shown.
package translation

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/notorious-markets-watch/nmw/generator/dataset"
)

// Dir is the folder below data/ that holds the translations.
const Dir = "translations"

// Langs are the languages a translation may be in, as the site names them (hugo.toml).
var Langs = []string{"es", "fr", "de", "zh-hans"}

// Kind is what a translated text is: a top-level key of a translation file.
type Kind string

// The kinds of translated text.
const (
	Entries      Kind = "entries"      // an entry's summary, by market slug
	Developments Kind = "developments" // a development's summary, by market slug
	Absences     Kind = "absences"     // a market's absence note, under the absence's first edition
	Focus        Kind = "focus"        // the edition's issue focus summary (issue 36)
	FocusTitle   Kind = "focus_title"  // the edition's issue focus title (issue 36)
	Responses    Kind = "responses"    // responses answering the edition, by market slug or edition id (issue 36)
)

// Ref names the English a translation translates: its kind, edition and key (a market slug,
// an edition id for a response to the whole edition, or "" for the focus).
type Ref struct {
	Kind    Kind
	Edition string
	Key     string
}

// Item is one translated text and the SHA-256 of the English it translates. A response's item
// may also give By, who responded, in the language: a government body's name, written as the
// subject of a sentence ("el Ministerio de Comercio de China"); shown only while the item is up
// to date, else the English `by`.
type Item struct {
	SHA256 string  `yaml:"sha256"`
	Text   string  `yaml:"text"`
	By     *string `yaml:"by"` // nil where absent, so that an empty `by:` is an error
}

// File is one data/translations/<lang>/<edition>.yaml.
type File struct {
	Entries      map[string]Item   `yaml:"entries"`
	Developments map[string]Item   `yaml:"developments"`
	Absences     map[string]Item   `yaml:"absences"`
	Focus        *Item             `yaml:"focus"`
	FocusTitle   *Item             `yaml:"focus_title"`
	Responses    map[string][]Item `yaml:"responses"`
	Lang         string            `yaml:"-"` // the folder's name
	Edition      string            `yaml:"-"` // the file's name without .yaml
	dataset.Pos  `yaml:"-"`
}

// Hash is the SHA-256, in lower-case hex, of an English text exactly as loaded from data/.
func Hash(english string) string {
	sum := sha256.Sum256([]byte(english))
	return hex.EncodeToString(sum[:])
}

// Set is every translation read, by what it translates and language.
type Set struct {
	Files []*File // by language (Langs order), then edition
	items map[Ref]map[string][]Item
}

// Text returns the translation into lang of the English text named by r, if one is up to date:
// it records the hash of english, exactly. A nil Set has none.
func (s *Set) Text(lang string, r Ref, english string) (string, bool) {
	it, ok := s.item(lang, r, Hash(english))
	return it.Text, ok
}

// By returns who gave a response, in lang, where the up-to-date translation of the response's
// summary (english) gives it; r names the response as Text does.
func (s *Set) By(lang string, r Ref, english string) (string, bool) {
	return s.by(lang, r, Hash(english))
}

func (s *Set) by(lang string, r Ref, hash string) (string, bool) {
	it, ok := s.item(lang, r, hash)
	if !ok || it.By == nil || strings.TrimSpace(*it.By) == "" {
		return "", false
	}
	return strings.TrimSpace(*it.By), true
}

// Bys returns the up-to-date translations of a response's `by`, by language, or nil.
func (s *Set) Bys(r Ref, english string) map[string]string {
	if s == nil || s.items[r] == nil {
		return nil
	}
	h := Hash(english)
	var out map[string]string
	for _, lang := range Langs {
		if by, ok := s.by(lang, r, h); ok {
			if out == nil {
				out = map[string]string{}
			}
			out[lang] = by
		}
	}
	return out
}

// item is the translation into lang of the English text named by r that records its hash.
func (s *Set) item(lang string, r Ref, hash string) (Item, bool) {
	if s == nil {
		return Item{}, false
	}
	for _, it := range s.items[r][lang] {
		if it.SHA256 == hash {
			return it, true
		}
	}
	return Item{}, false
}

// Texts returns the up-to-date translations of an English text, by language, or nil.
func (s *Set) Texts(r Ref, english string) map[string]string {
	if s == nil || s.items[r] == nil {
		return nil // most texts have no translation: no need to hash them
	}
	h := Hash(english)
	var out map[string]string
	for _, lang := range Langs {
		if it, ok := s.item(lang, r, h); ok {
			if out == nil {
				out = map[string]string{}
			}
			out[lang] = it.Text
		}
	}
	return out
}

// add indexes a file's items.
func (s *Set) add(f *File) {
	put := func(r Ref, it Item) {
		if s.items[r] == nil {
			s.items[r] = map[string][]Item{}
		}
		s.items[r][f.Lang] = append(s.items[r][f.Lang], it)
	}
	for k, it := range f.Entries {
		put(Ref{Entries, f.Edition, k}, it)
	}
	for k, it := range f.Developments {
		put(Ref{Developments, f.Edition, k}, it)
	}
	for k, it := range f.Absences {
		put(Ref{Absences, f.Edition, k}, it)
	}
	if f.Focus != nil {
		put(Ref{Focus, f.Edition, ""}, *f.Focus)
	}
	if f.FocusTitle != nil {
		put(Ref{FocusTitle, f.Edition, ""}, *f.FocusTitle)
	}
	for k, its := range f.Responses {
		for _, it := range its {
			put(Ref{Responses, f.Edition, k}, it)
		}
	}
}
