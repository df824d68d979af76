package store

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// cursor is the position after which a page continues. It is encoded
// opaquely; clients must not build cursors themselves.
type cursor struct {
	// List names the list the cursor belongs to, so a cursor of one list
	// is refused by another.
	List  string    `json:"l"`
	Order string    `json:"o,omitempty"`
	At    time.Time `json:"t,omitempty"`
	ID    int64     `json:"i"`
	// Stored says that the row's stored time could not be read as it is
	// (see models.UnreadableTime): the page continues after the row's
	// stored value, whatever it is, rather than after At.
	Stored bool `json:"s,omitempty"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// The lists with cursors.
const (
	listIssues    = "issues"
	listAudit     = "audit"
	listQuestions = "questions"
)

func decodeCursor(s, list string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID <= 0 || c.List != list {
		return c, models.Invalid("after", "kursor tidak valid")
	}
	// A time no database takes (year 0 on PostgreSQL) would fail the
	// query; a cursor this store wrote never holds one.
	if !c.At.IsZero() && !models.ReadableTime(c.At) {
		return c, models.Invalid("after", "kursor tidak valid")
	}
	return c, nil
}

// DefaultPageSize and MaxPageSize bound every list (docs/api.md).
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

func pageSize(first int) (int, error) {
	switch {
	case first == 0:
		return DefaultPageSize, nil
	case first < 1 || first > MaxPageSize:
		return 0, models.Invalid("first", "harus antara 1 dan %d", MaxPageSize)
	}
	return first, nil
}
