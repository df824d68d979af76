// Package migrations holds the embedded SQL schema of each database dialect.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// FS returns the migrations of one dialect: "postgres" or "sqlite".
func FS(dialect string) fs.FS {
	sub, err := fs.Sub(files, dialect)
	if err != nil {
		panic(err) // the directories are embedded at build time
	}
	return sub
}
