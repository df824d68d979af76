package store_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFaultImportCSVValidation imports rows whose times no reader could
// present later (year 0, year 1, before 2000) and whose text no database
// can take (NUL) or that shows nothing (zero-width characters only): every
// one is reported with its row and column, and nothing is imported.
func TestFaultImportCSVValidation(t *testing.T) {
	zeroWidth := strings.Repeat("\u200b", 12)
	file := "external_ref,title,summary,kind,logged_at,source_platform,source_claim,source_detected_at,agency,priority,assigned_at,answered_at,response\n" +
		"OK-1,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,X,Klaim yang beredar,,,,,,\n" +
		"YEAR-0,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,0000-01-01T00:00:00Z,,,,,,,,\n" +
		"YEAR-1,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,0001-01-01T00:00:00+08:00,,,,,,,,\n" +
		"OLD,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,1999-12-31 23:59,,,,,,,,\n" +
		"DETECTED-1,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,X,Klaim,0001-01-01T00:00:00Z,,,,,\n" +
		"NUL,Judul \x00 yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,,,,,,,,\n" +
		"INVISIBLE," + zeroWidth + ",Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,,,,,,,,\n" +
		"CLAIM,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,X,Klaim \x01 kendali,,,,,,\n" +
		"ANSWER,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,2026-03-01 08:00,,,,dinkes,HIGH,2026-03-01 09:00,2026-03-02 09:00," + strings.Repeat("\u2060", 30) + "\n"
	want := map[string]bool{
		"3/logged_at": false, "4/logged_at": false, "5/logged_at": false, "6/source_detected_at": false,
		"7/title": false, "8/title": false, "9/source_claim": false, "10/response": false,
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mustImportFixtures(t, db)
		_, err := importFile(t, db, file)
		var invalid *store.ImportError
		if !errors.As(err, &invalid) {
			t.Fatalf("want an ImportError, got %v", err)
		}
		got := map[string]bool{}
		for _, r := range invalid.Rows {
			got[strconv.Itoa(r.Row)+"/"+r.Column] = true
		}
		for key := range want {
			if !got[key] {
				t.Errorf("problem %s not reported; got:\n%v", key, invalid.Error())
			}
		}
		for key := range got {
			if _, ok := want[key]; !ok {
				t.Errorf("unexpected problem %s:\n%v", key, invalid.Error())
			}
		}
		if n := len(storedIssueNumbers(t, db)); n != 0 {
			t.Errorf("%d issues imported from a file with errors", n)
		}
	})
}

func storedIssueNumbers(t *testing.T, db *store.DB) []string {
	t.Helper()
	var numbers []string
	if err := db.Bun().NewSelect().Table("issues").Column("number").Scan(t.Context(), &numbers); err != nil {
		t.Fatal(err)
	}
	return numbers
}

// TestFaultSourceCorrection corrects and removes a recorded source, which
// was not possible before: a wrong link, or a detection time stored out of
// range, stayed for good. Each change is TRC's alone, is audited, records a
// timeline event, and refreshes the search document through the outbox;
// the corrected values are checked like new ones.
func TestFaultSourceCorrection(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trcUser := storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, "")
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		pic := storetest.As(storetest.MustUser(t, db, "pic@tanggap.test", models.RolePIC, "dinkes"))
		trc := storetest.As(trcUser)
		issue, err := db.CreateIssue(trc, models.NewIssue{
			Title: "Isu dengan sumber keliru", Summary: "Ringkasan isu yang sumbernya perlu dikoreksi.", Kind: models.KindMisinformation,
			Sources: []models.IssueSourceInput{
				{Platform: models.PlatformFacebook, URL: "https://facebook.com/salah", AccountHandle: "@warga"},
				{Platform: models.PlatformX, ClaimText: "Klaim kedua"},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		sources, err := db.SourcesByIssueIDs(trc, []int64{issue.ID})
		if err != nil || len(sources) != 2 {
			t.Fatalf("sources: %v %d", err, len(sources))
		}
		first, second := sources[0], sources[1]
		poison(t, db, "issue_sources", "detected_at", poisonedTimes(db.Dialect())[1], first.ID)

		auditBefore := auditCount(t, db)
		outboxBefore := outboxCount(t, db, issue.ID)
		detected := time.Now().Add(-3 * time.Hour).UTC().Truncate(time.Second)
		url := "https://facebook.com/benar"
		platform := models.PlatformInstagram
		if _, err := db.UpdateIssueSource(trc, models.IssueSourceUpdate{ID: first.ID, Platform: &platform, URL: &url, DetectedAt: &detected}); err != nil {
			t.Fatalf("update source: %v", err)
		}
		sources, _ = db.SourcesByIssueIDs(trc, []int64{issue.ID})
		var corrected *models.IssueSource
		for _, s := range sources {
			if s.ID == first.ID {
				corrected = s
			}
		}
		if corrected == nil || corrected.URL != url || corrected.Platform != platform || !corrected.DetectedAt.Equal(detected) || corrected.AccountHandle != "@warga" {
			t.Fatalf("the corrected source reads %+v", corrected)
		}
		if auditCount(t, db) != auditBefore+1 || lastAuditAction(t, db) != "issue.source_updated" {
			t.Errorf("the correction was not audited: %d entries, last %s", auditCount(t, db)-auditBefore, lastAuditAction(t, db))
		}
		if outboxCount(t, db, issue.ID) != outboxBefore+1 {
			t.Error("the correction did not refresh the search document")
		}

		// The same rules as for a new source.
		for name, in := range map[string]models.IssueSourceUpdate{
			"detectedAt":      {ID: first.ID, DetectedAt: ptr(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC))},
			"url":             {ID: first.ID, URL: ptr("javascript:alert(1)")},
			"claimText":       {ID: first.ID, ClaimText: ptr("klaim \x00")},
			"input":           {ID: second.ID, ClaimText: ptr("")},
			"platform":        {ID: first.ID, Platform: ptr(models.Platform("MYSPACE"))},
			"input/unchanged": {ID: first.ID, URL: ptr(url)},
		} {
			_, err := db.UpdateIssueSource(trc, in)
			field, _, _ := strings.Cut(name, "/")
			if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != field {
				t.Errorf("%s: want BAD_USER_INPUT on %s, got %v", name, field, err)
			}
		}
		if _, err := db.UpdateIssueSource(pic, models.IssueSourceUpdate{ID: first.ID, URL: ptr("https://contoh.id")}); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("a PIC corrected a source: %v", err)
		}
		if _, err := db.UpdateIssueSource(trc, models.IssueSourceUpdate{ID: 999999, URL: ptr("https://contoh.id")}); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("an unknown source: %v", err)
		}

		if _, err := db.RemoveIssueSource(trc, second.ID, "pendek"); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("a short reason: %v", err)
		}
		auditBefore, outboxBefore = auditCount(t, db), outboxCount(t, db, issue.ID)
		if _, err := db.RemoveIssueSource(trc, second.ID, "Unggahan ini bukan sumber klaim yang sama."); err != nil {
			t.Fatalf("remove source: %v", err)
		}
		sources, _ = db.SourcesByIssueIDs(trc, []int64{issue.ID})
		if len(sources) != 1 || sources[0].ID != first.ID {
			t.Fatalf("after removal the sources are %+v", sources)
		}
		if auditCount(t, db) != auditBefore+1 || lastAuditAction(t, db) != "issue.source_removed" || outboxCount(t, db, issue.ID) != outboxBefore+1 {
			t.Error("the removal was not audited or did not refresh the search document")
		}
		if _, err := db.RemoveIssueSource(trc, second.ID, "Unggahan ini bukan sumber klaim yang sama."); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("removing it again: %v", err)
		}
		events, _ := db.EventsByIssueIDs(storetest.As(nil), []int64{issue.ID})
		var types []models.EventType
		for _, e := range events {
			types = append(types, e.Type)
			if e.Type == models.EventSourceRemoved && e.Reason != "" {
				t.Errorf("the public sees the removal reason %q", e.Reason)
			}
		}
		if !containsEvent(types, models.EventSourceUpdated) || !containsEvent(types, models.EventSourceRemoved) {
			t.Errorf("timeline %v lacks the corrections", types)
		}
		mustIntact(t, db, auditCount(t, db))
	})
}

func ptr[T any](v T) *T { return &v }

func containsEvent(types []models.EventType, want models.EventType) bool {
	for _, t := range types {
		if t == want {
			return true
		}
	}
	return false
}

func lastAuditAction(t *testing.T, db *store.DB) string {
	t.Helper()
	var action string
	if err := db.Bun().NewSelect().Table("audit_log").Column("action").OrderExpr("id DESC").Limit(1).Scan(t.Context(), &action); err != nil {
		t.Fatal(err)
	}
	return action
}
