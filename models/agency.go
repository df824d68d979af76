package models

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// Agency is a regional work unit (SKPD/OPD) that answers the issues assigned to it.
type Agency struct {
	bun.BaseModel `bun:"table:agencies"`

	ID          int64     `bun:"id,pk,autoincrement"`
	Slug        string    `bun:"slug,notnull"`
	Name        string    `bun:"name,notnull"`
	ShortName   string    `bun:"short_name,notnull"`
	Description string    `bun:"description,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

// Category groups issues by topic.
type Category struct {
	bun.BaseModel `bun:"table:categories"`

	ID          int64     `bun:"id,pk,autoincrement"`
	Slug        string    `bun:"slug,notnull"`
	Name        string    `bun:"name,notnull"`
	Description string    `bun:"description,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

// AgencyInput carries the fields of a new or edited agency. Nil fields of an
// update are left unchanged.
type AgencyInput struct {
	Slug        *string
	Name        *string
	ShortName   *string
	Description *string
}

// CategoryInput carries the fields of a new or edited category. Nil fields of an
// update are left unchanged.
type CategoryInput struct {
	Slug        *string
	Name        *string
	Description *string
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidateSlug checks a URL slug: lower-case letters, digits and single hyphens.
func ValidateSlug(field, slug string) error {
	if len(slug) < 2 || len(slug) > 64 || !slugPattern.MatchString(slug) {
		return Invalid(field, "slug harus 2–64 karakter: huruf kecil, angka dan tanda hubung")
	}
	return nil
}

// RequireText trims s (white space and invisible format characters at both
// ends) and checks its length in characters. Control characters other than
// tab, newline and carriage return are refused; text that shows nothing
// (only white space and zero-width or other format characters) is refused
// when the field is required, and format characters do not count towards
// the minimum.
func RequireText(field, s string, min, max int) (string, error) {
	trimmed := trimInvisible(s)
	return trimmed, checkText(field, s, trimmed, min, max)
}

// RequireSource checks text that is stored exactly as written, such as a
// response's Markdown: its trimmed length must fit, but it is not changed.
func RequireSource(field, s string, min, max int) (string, error) {
	return s, checkText(field, s, trimInvisible(s), min, max)
}

// checkText checks text as sent (raw) and without its invisible ends
// (trimmed), which is what is stored or counted.
func checkText(field, raw, trimmed string, min, max int) error {
	s := trimmed
	if err := CheckArgument(field, raw); err != nil {
		return err
	}
	for _, r := range raw {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return Invalid(field, "teks berisi karakter kendali yang tidak diizinkan")
		}
	}
	if min > 0 && VisibleLength(s) == 0 {
		if raw != "" {
			return Invalid(field, "tidak boleh hanya berisi spasi atau karakter tak terlihat")
		}
		return Invalid(field, "wajib diisi")
	}
	if countedLength(s) < min {
		return Invalid(field, "minimal %d karakter", min)
	}
	if utf8.RuneCountInString(s) > max {
		return Invalid(field, "maksimal %d karakter", max)
	}
	return nil
}

// AgencyService manages agencies and categories.
type AgencyService interface {
	// Agencies lists every agency by name. Anyone may call it.
	Agencies(ctx context.Context) ([]*Agency, error)
	// AgencyBySlug returns one agency or ENOTFOUND.
	AgencyBySlug(ctx context.Context, slug string) (*Agency, error)
	// AgenciesByIDs returns the agencies with the given ids, in any order.
	AgenciesByIDs(ctx context.Context, ids []int64) ([]*Agency, error)
	// CreateAgency is for ADMIN. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ECONFLICT (slug taken).
	CreateAgency(ctx context.Context, in AgencyInput) (*Agency, error)
	// UpdateAgency is for ADMIN. Errors as CreateAgency plus ENOTFOUND.
	UpdateAgency(ctx context.Context, slug string, in AgencyInput) (*Agency, error)

	// Categories lists every category by name. Anyone may call it.
	Categories(ctx context.Context) ([]*Category, error)
	// CategoriesByIDs returns the categories with the given ids, in any order.
	CategoriesByIDs(ctx context.Context, ids []int64) ([]*Category, error)
	// CreateCategory is for ADMIN. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ECONFLICT.
	CreateCategory(ctx context.Context, in CategoryInput) (*Category, error)
	// UpdateCategory is for ADMIN. Errors as CreateCategory plus ENOTFOUND.
	UpdateCategory(ctx context.Context, slug string, in CategoryInput) (*Category, error)
}

// ValidateURL checks an optional http(s) link and returns it trimmed.
func ValidateURL(field, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 2000 {
		return raw, Invalid(field, "tautan harus berupa alamat http(s) yang valid")
	}
	return raw, nil
}
