package opendata

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/notorious-markets-watch/nmw/generator/model"
)

// DataPackageJSON is the Frictionless Data descriptor of the open data, at the site's root so
// that every resource path is below it.
const DataPackageJSON = "datapackage.json"

// Licence of the open-data files; the Data page states the same (hugo.toml's params.data).
const (
	LicenceName  = "CC-BY-4.0"
	LicenceTitle = "Creative Commons Attribution 4.0 International"
	LicenceURL   = "https://creativecommons.org/licenses/by/4.0/"
)

// DataPackage is a Frictionless Data Package descriptor (https://specs.frictionlessdata.io/).
type DataPackage struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Version     string     `json:"version"`
	Licenses    []License  `json:"licenses"`
	Sources     []Source   `json:"sources"`
	Resources   []Resource `json:"resources"`
}

// License is a data package's licence.
type License struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Title string `json:"title"`
}

// Source is where the data comes from.
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path"`
}

// Resource is one file of the package. JSONSchema, not part of the Frictionless specification,
// names the JSON Schema a JSON resource follows.
type Resource struct {
	Name        string       `json:"name"`
	Path        string       `json:"path"`
	Profile     string       `json:"profile"`
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	Format      string       `json:"format"`
	MediaType   string       `json:"mediatype"`
	Encoding    string       `json:"encoding"`
	Dialect     *Dialect     `json:"dialect,omitempty"`
	Schema      *TableSchema `json:"schema,omitempty"`
	JSONSchema  string       `json:"jsonschema,omitempty"`
}

// Dialect is a CSV file's dialect.
type Dialect struct {
	Delimiter   string `json:"delimiter"`
	QuoteChar   string `json:"quoteChar"`
	Header      bool   `json:"header"`
	DoubleQuote bool   `json:"doubleQuote"`
}

// TableSchema is a Frictionless Table Schema: the CSV's columns and key.
type TableSchema struct {
	Fields        []CSVField `json:"fields"`
	PrimaryKey    []string   `json:"primaryKey,omitempty"`
	MissingValues []string   `json:"missingValues"`
}

// dataPackage describes the open-data files of the site.
func dataPackage(site *model.Site) DataPackage {
	dp := DataPackage{
		Profile: "data-package",
		Name:    "notorious-markets-watch",
		Title:   "Notorious Markets Watch: the notorious markets watchlists as data",
		Description: "The USTR Notorious Markets List and the European Commission's Counterfeit and Piracy Watch List, " +
			"edition by edition: every market recorded, with the sources read for it. The lists are allegations " +
			"by governments, not court findings; not every entry of every edition is recorded yet. Documented at " + DataPage + ".",
		Version:  versionString(),
		Licenses: []License{{Name: LicenceName, Path: LicenceURL, Title: LicenceTitle}},
	}
	for _, p := range site.Publishers {
		dp.Sources = append(dp.Sources, Source{Title: p.Name + ": " + p.List, Path: p.URL})
	}
	dp.Resources = append(dp.Resources,
		Resource{
			Name: "listings", Path: ListingsCSV, Profile: "tabular-data-resource",
			Title:       "One row per market per edition",
			Description: "Columns holding several values (categories, domains, sources) separate them with single spaces. Positive developments are in the JSON files.",
			Format:      "csv", MediaType: "text/csv", Encoding: "utf-8",
			Dialect: &Dialect{Delimiter: ",", QuoteChar: `"`, Header: true, DoubleQuote: true},
			Schema:  &TableSchema{Fields: CSVFields, PrimaryKey: []string{"edition", "market"}, MissingValues: []string{""}},
		},
		Resource{
			Name: "responses", Path: ResponsesCSV, Profile: "tabular-data-resource",
			Title:       "Public responses to listings: one row per response and market it concerns",
			Description: "Who responded to an edition's listing (a market's operator, its parent company, a government), when, whether they disputed it, what they said in our words, and the sources read. A response never changes whether or how a market is listed.",
			Format:      "csv", MediaType: "text/csv", Encoding: "utf-8",
			Dialect: &Dialect{Delimiter: ",", QuoteChar: `"`, Header: true, DoubleQuote: true},
			Schema:  &TableSchema{Fields: ResponseFields, PrimaryKey: []string{"id", "market"}, MissingValues: []string{""}},
		},
		jsonResource("dataset", DatasetJSON, "The whole dataset: publishers, categories, editions with their entries, markets", DatasetSchema),
		jsonResource("domains", DomainsJSON, "Every listed domain, with the path of its look-up file api/domains/<domain>.json", DomainsSchema),
	)
	for _, e := range site.Editions {
		dp.Resources = append(dp.Resources, jsonResource("edition-"+e.ID(), EditionsDir+e.ID()+".json",
			e.Publisher.Short+" "+e.Publisher.List+": "+e.Title, EditionSchema))
	}
	return dp
}

func jsonResource(name, path, title, schema string) Resource {
	return Resource{Name: name, Path: path, Profile: "data-resource", Title: title,
		Format: "json", MediaType: "application/json", Encoding: "utf-8", JSONSchema: SchemaPath(schema)}
}

// versionString is the package's version: the files' schema version.
func versionString() string { return fmt.Sprintf("%d.0.0", SchemaVersion) }

// dataPackageFile is datapackage.json.
func dataPackageFile(site *model.Site) File {
	return File{Path: DataPackageJSON, Write: func(w io.Writer) error {
		b, err := json.MarshalIndent(dataPackage(site), "", "  ")
		if err == nil {
			_, err = w.Write(append(b, '\n'))
		}
		return err
	}}
}
