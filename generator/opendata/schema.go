package opendata

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
)

// schemas holds the JSON Schemas (draft 2020-12) of the files, one folder per schema version.
//
//go:embed schema
var schemas embed.FS

// SchemaDir is the folder, relative to the site's root, where the schemas are published: each
// version's schemas in their own folder (schema/v1/), so a new version never replaces an old one.
const SchemaDir = "data/schema/"

// SiteURL is the project's site, where the schemas' $ids point.
const SiteURL = "https://notorious-markets-watch.netlify.app/"

// Schemas of the current version's formats, by file name.
const (
	DatasetSchema    = "nmw.schema.json"
	EditionSchema    = "edition.schema.json"
	DomainsSchema    = "domains.schema.json"
	DomainSchema     = "domain.schema.json"
	StatisticsSchema = "statistics.schema.json"
	CheckSchema      = "check.schema.json"
)

// SchemaPath is the path, relative to the site's root, of a schema of the current version.
func SchemaPath(name string) string { return fmt.Sprintf("%sv%d/%s", SchemaDir, SchemaVersion, name) }

// SchemaID is the $id of a schema of the current version.
func SchemaID(name string) string {
	return SiteURL + SchemaPath(name)
}

// Schemas returns the published schemas of every version, with paths such as v1/nmw.schema.json.
func Schemas() fs.FS {
	sub, err := fs.Sub(schemas, "schema")
	if err != nil {
		panic(err) // the folder is embedded
	}
	return sub
}

// schemaFiles hands every schema, of every version, to yield.
func schemaFiles(yield func(File) error) error {
	return fs.WalkDir(Schemas(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return yield(File{Path: path.Join(SchemaDir, p), Write: func(w io.Writer) error {
			b, err := fs.ReadFile(Schemas(), p)
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}})
	})
}
