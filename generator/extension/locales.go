package extension

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/notorious-markets-watch/nmw/i18n"
)

// Locales maps each language of the site (its i18n file) to the extension's locale folder,
// _locales/<folder>/messages.json. English is the default locale.
var Locales = []struct{ Lang, Folder string }{
	{"en", "en"}, {"es", "es"}, {"fr", "fr"}, {"de", "de"}, {"zh-hans", "zh_CN"},
}

// messages are the i18n keys the extension says, by the same names in messages.json. The js_
// ones are the site's check's, so the popup and the check say the same; ext_ ones are the
// extension's own. Each is a plain string whose fields are written {name}.
var messages = []string{
	"ext_name", "ext_description", "ext_title", "ext_badge_current", "ext_badge_reported",
	"ext_checking", "ext_private", "ext_reported_on", "ext_latest_editions",
	"ext_latest_listed", "ext_latest_not_listed_online", "ext_latest_not_listed_physical",
	"ext_latest_unknown", "ext_caveat", "ext_nf_heading", "ext_complete", "ext_not_recorded",
	"ext_coverage_complete", "ext_check_by_name", "ext_nothing_heading", "ext_nothing_text",
	"js_on_current", "js_formerly", "js_named", "js_listed_before", "js_editions",
	"js_development_only", "js_what_reports_said", "js_host_is", "js_host_belongs",
	"js_role_current", "js_role_former", "js_role_mirror", "js_look_alike",
	"js_nf_text", "js_nf_list", "js_nf_edition", "js_nf_editions", "js_nf_and",
	"js_nf_partly", "js_nf_no_guarantee", "js_nf_before", "js_nf_tip_address", "js_nf_tip_price",
	"js_nf_tip_company", "js_nf_tip_reviews", "js_nf_tip_payment",
	"js_partly_official", "js_partly_no_official", "js_partly_no_official_one", "js_sentence_end",
	"js_list_separator",
	"ext_latest_not_listed_sourced", // issue 26
	// issue 33: each publisher as {publisher} and {list} take it, and its list's name
	"js_pub_ustr", "js_pub_eu", "js_list_ustr", "js_list_eu",
}

// field is a {name} field of a message.
var field = regexp.MustCompile(`\{([a-z]+)\}`)

// message is one entry of messages.json.
type message struct {
	Message      string                       `json:"message"`
	Placeholders map[string]map[string]string `json:"placeholders,omitempty"`
}

// localeFiles returns _locales/<folder>/messages.json for every language. A field {name}
// becomes the placeholder $NAME$, filled by the popup's substitutions, which it passes in the
// alphabetical order of the fields' names (the order the English message's fields sort in).
func localeFiles() ([]File, error) {
	words := map[string]map[string]any{}
	for _, l := range Locales {
		b, err := i18n.Files.ReadFile(l.Lang + ".toml")
		if err != nil {
			return nil, fmt.Errorf("extension: the %s words: %w", l.Lang, err)
		}
		m := map[string]any{}
		if err := toml.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("extension: i18n/%s.toml: %w", l.Lang, err)
		}
		words[l.Lang] = m
	}
	var out []File
	for _, l := range Locales {
		msgs := map[string]message{
			// the site's language, for the popup's links and its lang attribute
			"site_lang": {Message: l.Lang},
		}
		for _, key := range messages {
			en, _ := plain(words["en"][key])
			s, ok := plain(words[l.Lang][key])
			if !ok || en == "" {
				return nil, fmt.Errorf("extension: i18n/%s.toml: %q is missing or not a plain string, and the extension says it", l.Lang, key)
			}
			if strings.ContainsAny(s, "<&") || strings.Contains(s, "{{") {
				return nil, fmt.Errorf("extension: i18n/%s.toml: %q has markup or a template field, which the extension cannot show: %q", l.Lang, key, s)
			}
			var names []string
			for _, f := range field.FindAllStringSubmatch(en, -1) {
				if !slices.Contains(names, f[1]) {
					names = append(names, f[1])
				}
			}
			slices.Sort(names)
			m := message{Message: strings.ReplaceAll(s, "$", "$$")}
			var bad error
			m.Message = field.ReplaceAllStringFunc(m.Message, func(f string) string {
				name := f[1 : len(f)-1]
				i := slices.Index(names, name)
				if i < 0 {
					bad = fmt.Errorf("extension: i18n/%s.toml: %q has the field %s, which the English lacks", l.Lang, key, f)
					return f
				}
				if m.Placeholders == nil {
					m.Placeholders = map[string]map[string]string{}
				}
				m.Placeholders[name] = map[string]string{"content": fmt.Sprintf("$%d", i+1)}
				return "$" + strings.ToUpper(name) + "$"
			})
			if bad != nil {
				return nil, bad
			}
			msgs[key] = m
		}
		b, err := json.MarshalIndent(msgs, "", "  ")
		if err != nil {
			return nil, err
		}
		out = append(out, File{"_locales/" + l.Folder + "/messages.json", append(b, '\n')})
	}
	return out, nil
}

// plain returns an i18n value that is a string: written as one, or as a table with "other" only
// (how keys are written at the end of the files, after the plural tables).
func plain(v any) (string, bool) {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		v = m["other"]
	}
	s, ok := v.(string)
	return s, ok
}
