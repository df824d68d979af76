package store_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestScanColumns reads issues, responses and sources with the column
// lists of rowscan.go and with bun, and wants the same models: every
// column, NULLs, and stored times no writer produces (each poisoned value
// in a different row), which both readings must clamp alike.
func TestScanColumns(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		storetest.MustLoadDemo(t, db, time.Now())
		mustCaptureLogs(t) // the clamped times are logged
		for i, value := range poisonedTimes(db.Dialect()) {
			id := int64(i + 1)
			poison(t, db, "issues", "created_at", value, id)
			poison(t, db, "issues", "answered_at", value, id+10)
			poison(t, db, "responses", "published_at", value, id)
			poison(t, db, "responses", "updated_at", value, id+10)
			poison(t, db, "issue_sources", "detected_at", value, id)
		}

		for _, c := range []struct {
			table, query  string
			byHand, byBun any
		}{
			{"issues", "SELECT * FROM issues ORDER BY id", &[]*models.Issue{}, &[]*models.Issue{}},
			{"issues", "SELECT id, number, status, created_at, closed_at FROM issues ORDER BY id", &[]*models.Issue{}, &[]*models.Issue{}},
			{"responses", "SELECT * FROM responses ORDER BY id", &[]*models.Response{}, &[]*models.Response{}},
			{"issue_sources", "SELECT * FROM issue_sources ORDER BY id", &[]*models.IssueSource{}, &[]*models.IssueSource{}},
		} {
			if err := store.ScanByHandAndByBun(ctx, db, c.query, c.byHand, c.byBun); err != nil {
				t.Fatalf("%s: %v", c.query, err)
			}
			hand, bun := reflect.ValueOf(c.byHand).Elem(), reflect.ValueOf(c.byBun).Elem()
			if hand.Len() < 10 || hand.Len() != bun.Len() {
				t.Fatalf("%s: %d rows by hand, %d by bun", c.query, hand.Len(), bun.Len())
			}
			for i := range hand.Len() {
				// The whole rows, unexported fields (the clamped columns)
				// included; then which exported field differs.
				h, b := hand.Index(i).Elem(), bun.Index(i).Elem()
				if reflect.DeepEqual(h.Interface(), b.Interface()) {
					continue
				}
				t.Errorf("%s, row %d: by hand %+v, by bun %+v", c.query, i, h, b)
				for f := range h.NumField() {
					if h.Type().Field(f).IsExported() && !reflect.DeepEqual(h.Field(f).Interface(), b.Field(f).Interface()) {
						t.Errorf("%s, row %d, %s: by hand %v, by bun %v", c.query, i, h.Type().Field(f).Name, h.Field(f), b.Field(f))
					}
				}
			}
		}

		// Every column of the tables is listed, and nothing else.
		for table, model := range map[string]any{"issues": models.Issue{}, "responses": models.Response{}, "issue_sources": models.IssueSource{}} {
			var want []string
			for _, f := range db.Bun().Table(reflect.TypeOf(model)).Fields {
				want = append(want, f.Name)
			}
			got := store.ScanColumnNames(table)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: columns read by hand %v, bun's %v", table, got, want)
			}
		}

		// A column no list knows fails the read instead of being dropped.
		var issues []*models.Issue
		err := store.ScanByHandAndByBun(ctx, db, "SELECT id, 1 AS unknown FROM issues", &issues, &[]*models.Issue{})
		if err == nil {
			t.Fatal("a column no list knows was read without an error")
		}
	})
}
