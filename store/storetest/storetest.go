// Package storetest opens real, migrated, throw-away databases for tests:
// SQLite in a temporary folder always, and PostgreSQL as well when
// TANGGAP_TEST_POSTGRES_URL names a server. Where CI=true, a missing
// PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/lib/pq" // the postgres driver for creating test databases

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
)

// PostgresURLEnv names the PostgreSQL server tests may create databases on.
const PostgresURLEnv = "TANGGAP_TEST_POSTGRES_URL"

// Dialects lists the databases the tests of this run cover.
func Dialects(tb testing.TB) []store.Dialect {
	if os.Getenv(PostgresURLEnv) != "" {
		return []store.Dialect{store.SQLite, store.Postgres}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not set: CI must run every store test on PostgreSQL too", PostgresURLEnv)
	}
	return []store.Dialect{store.SQLite}
}

// EachDB runs fn as a subtest against a fresh database of every dialect.
func EachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			fn(t, MustOpen(t, d))
		})
	}
}

// MustOpen returns a fresh, migrated database of the given dialect, dropped
// when the test ends.
func MustOpen(tb testing.TB, dialect store.Dialect) *store.DB {
	tb.Helper()
	var rawURL string
	switch dialect {
	case store.SQLite:
		rawURL = "sqlite:" + filepath.Join(tb.TempDir(), "tanggap.db")
	case store.Postgres:
		rawURL = createPostgresDB(tb)
	}
	db, err := store.Open(rawURL, store.Options{Hasher: auth.Argon2id{}})
	if err != nil {
		tb.Fatalf("open %s: %v", dialect, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// NewPostgresURL creates an empty database on the test server and returns
// its URL; the database is dropped when the test ends.
func NewPostgresURL(tb testing.TB) string {
	tb.Helper()
	return createPostgresDB(tb)
}

func createPostgresDB(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresURLEnv)
	if base == "" {
		tb.Fatalf("%s is not set", PostgresURLEnv)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("connect to postgres: %v", err)
	}
	defer admin.Close()
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "tanggap_test_" + hex.EncodeToString(suffix)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") //nolint:errcheck
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresURLEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// SystemContext returns a context acting as the command-line system user.
func SystemContext() context.Context {
	return models.NewContextWithUser(context.Background(), models.SystemUser)
}

// MustLoadDemo loads the demo data, with histories ending at now.
func MustLoadDemo(tb testing.TB, db *store.DB, now time.Time) *store.DemoResult {
	tb.Helper()
	result, err := db.LoadDemo(SystemContext(), now)
	if err != nil {
		tb.Fatalf("load demo data: %v", err)
	}
	return result
}

// As returns a context acting as the given user.
func As(user *models.User) context.Context {
	return models.NewContextWithUser(context.Background(), user)
}

// MustUser creates a staff account with the given role (and agency for a PIC).
func MustUser(tb testing.TB, db *store.DB, email string, role models.Role, agencySlug string) *models.User {
	tb.Helper()
	user, err := db.CreateUser(SystemContext(), models.NewUser{
		Email: email, Name: "Petugas " + string(role), Password: Password, Role: role, AgencySlug: agencySlug,
	})
	if err != nil {
		tb.Fatalf("create user %s: %v", email, err)
	}
	return user
}

// Password is the password of accounts made by MustUser.
const Password = "kata-sandi-uji-123"

// MustAgency creates an agency.
func MustAgency(tb testing.TB, db *store.DB, slug, name string) *models.Agency {
	tb.Helper()
	admin := &models.User{ID: 0, Role: models.RoleAdmin, Active: true}
	short := slug
	agency, err := db.CreateAgency(As(admin), models.AgencyInput{Slug: &slug, Name: &name, ShortName: &short})
	if err != nil {
		tb.Fatalf("create agency %s: %v", slug, err)
	}
	return agency
}

// MustDinkesStaff creates the agency dinkes (Dinas Kesehatan), a TRC
// (trc@example.go.id) and a PIC of dinkes (pic@example.go.id), and returns
// the contexts the two act in.
func MustDinkesStaff(tb testing.TB, db *store.DB) (trc, pic context.Context) {
	tb.Helper()
	MustAgency(tb, db, "dinkes", "Dinas Kesehatan")
	trc = As(MustUser(tb, db, "trc@example.go.id", models.RoleTRC, ""))
	pic = As(MustUser(tb, db, "pic@example.go.id", models.RolePIC, "dinkes"))
	return trc, pic
}

// MustAssignedIssue logs a complaint as trc (a TRC's context) and assigns it
// to the agency, ready to be answered; it returns the issue's number.
func MustAssignedIssue(tb testing.TB, db *store.DB, trc context.Context, title, agencySlug string) string {
	tb.Helper()
	issue, err := db.CreateIssue(trc, models.NewIssue{Title: title, Summary: "Keluhan warga tentang " + title + ".", Kind: models.KindComplaint})
	if err != nil {
		tb.Fatalf("create issue %q: %v", title, err)
	}
	if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: agencySlug, Priority: models.PriorityNormal}); err != nil {
		tb.Fatalf("assign issue %s: %v", issue.Number, err)
	}
	return issue.Number
}
