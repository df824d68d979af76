package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

const questionText = "Apakah benar pendaftaran bantuan sosial tahun ini hanya dibuka sampai akhir bulan?"

func fromAddr(ctx context.Context, addr string) context.Context {
	return models.NewContextWithClientAddr(ctx, addr)
}

func mustSubmit(t *testing.T, db *store.DB, addr string, in models.NewQuestion) *models.Question {
	t.Helper()
	q, _, err := db.SubmitQuestion(fromAddr(context.Background(), addr), in)
	if err != nil {
		t.Fatalf("submit question: %v", err)
	}
	return q
}

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	_, n, err := db.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSubmitQuestion(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := fromAddr(context.Background(), "203.0.113.7")
		t.Run("OK", func(t *testing.T) {
			before := auditCount(t, db)
			q, existing, err := db.SubmitQuestion(ctx, models.NewQuestion{Body: questionText, Name: "Siti", Contact: "0812-3456-7890"})
			if err != nil || existing {
				t.Fatalf("submit: %v, existing %v", err, existing)
			}
			if _, ok := models.NormalizeTrackingCode(q.TrackingCode); !ok || q.Status != models.QuestionReceived {
				t.Fatalf("got code %q status %s", q.TrackingCode, q.Status)
			}
			if q.Name != "" || q.Contact != "" {
				t.Errorf("the anonymous submitter got personal data back: %q %q", q.Name, q.Contact)
			}
			if got := auditCount(t, db); got != before+1 {
				t.Errorf("audit entries: %d, want %d", got, before+1)
			}
			stored, err := db.QuestionByID(storetest.As(&models.User{ID: 0, Role: models.RoleAdmin}), q.ID)
			if err != nil || stored.Contact != "081234567890" || stored.Name != "Siti" {
				t.Fatalf("stored question: %+v, %v", stored, err)
			}
		})
		t.Run("RepeatFolded", func(t *testing.T) {
			in := models.NewQuestion{Body: "Kapan jadwal kapal feri Kotabaru ke Batulicin kembali normal setelah perbaikan dermaga?"}
			first := mustSubmit(t, db, "198.51.100.1", in)
			before := auditCount(t, db)
			again, existing, err := db.SubmitQuestion(fromAddr(context.Background(), "198.51.100.1"),
				models.NewQuestion{Body: "  kapan JADWAL kapal feri Kotabaru ke Batulicin kembali normal   setelah perbaikan dermaga? "})
			if err != nil || !existing || again.TrackingCode != first.TrackingCode {
				t.Fatalf("same text from the same address: code %q existing %v err %v; want %q", again.TrackingCode, existing, err, first.TrackingCode)
			}
			if got := auditCount(t, db); got != before {
				t.Errorf("a folded repeat wrote %d audit entries", got-before)
			}
			other := mustSubmit(t, db, "198.51.100.2", in)
			if other.TrackingCode == first.TrackingCode {
				t.Error("another address got the first caller's code")
			}
			db.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
			defer func() { db.Now = time.Now }()
			later := mustSubmit(t, db, "198.51.100.1", in)
			if later.TrackingCode == first.TrackingCode {
				t.Error("a repeat after 24 hours should be a new question")
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			cases := map[string]models.NewQuestion{
				"body":         {Body: "terlalu pendek"},
				"contact":      {Body: questionText, Contact: "bukan kontak"},
				"agencySlug":   {Body: questionText, AgencySlug: "tidak-ada"},
				"categorySlug": {Body: questionText, CategorySlug: "tidak-ada"},
				"name":         {Body: questionText, Name: strings.Repeat("n", 121)},
			}
			for field, in := range cases {
				before := auditCount(t, db)
				_, _, err := db.SubmitQuestion(ctx, in)
				if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != field {
					t.Errorf("%s: want BAD_USER_INPUT on %s, got %v", field, field, err)
				}
				if got := auditCount(t, db); got != before {
					t.Errorf("%s: a refused question wrote to the audit log", field)
				}
			}
			if _, _, err := db.SubmitQuestion(ctx, models.NewQuestion{Body: strings.Repeat("a", models.MaxQuestionBody+1)}); models.ErrorField(err) != "body" {
				t.Errorf("oversized body: %v", err)
			}
		})
	})
}

// TestQuestionPersonalData checks the personal-data rule in the store: name and contact
// only for TRC, ADMIN, AUDITOR and the PICs of the linked issue's agency.
func TestQuestionPersonalData(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustAgency(t, db, "dinsos", "Dinas Sosial")
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		auditor := storetest.MustUser(t, db, "audit@example.go.id", models.RoleAuditor, "")
		picOwn := storetest.MustUser(t, db, "pic.dinsos@example.go.id", models.RolePIC, "dinsos")
		picOther := storetest.MustUser(t, db, "pic.dinkes@example.go.id", models.RolePIC, "dinkes")

		q := mustSubmit(t, db, "203.0.113.9", models.NewQuestion{Body: questionText, Name: "Rahmat Hidayat", Contact: "rahmat@example.com"})
		issue, err := db.CreateIssue(storetest.As(trc), models.NewIssue{Title: "Batas pendaftaran bansos", Summary: "Warga menanyakan batas waktu pendaftaran bantuan sosial.", Kind: models.KindQuestion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(storetest.As(trc), models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinsos", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LinkQuestion(storetest.As(trc), q.ID, issue.Number); err != nil {
			t.Fatal(err)
		}
		for name, tc := range map[string]struct {
			ctx     context.Context
			visible bool
		}{
			"anonymous": {context.Background(), false},
			"picOther":  {storetest.As(picOther), false},
			"picOwn":    {storetest.As(picOwn), true},
			"trc":       {storetest.As(trc), true},
			"auditor":   {storetest.As(auditor), true},
		} {
			got, err := db.QuestionByTrackingCode(tc.ctx, strings.ToLower(models.FormatTrackingCode(q.TrackingCode)))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if (got.Name == "Rahmat Hidayat" && got.Contact == "rahmat@example.com") != tc.visible || (!tc.visible && (got.Name != "" || got.Contact != "")) {
				t.Errorf("%s: name %q contact %q, visible want %v", name, got.Name, got.Contact, tc.visible)
			}
			linked, err := db.QuestionsByIssueIDs(tc.ctx, []int64{issue.ID})
			if err != nil {
				t.Fatal(err)
			}
			if tc.visible != (len(linked) == 1) {
				t.Errorf("%s: %d linked questions listed", name, len(linked))
			}
		}
		if _, err := db.FindQuestions(context.Background(), models.QuestionFilter{}); models.ErrorCode(err) != models.EUNAUTHENTICATED {
			t.Errorf("anonymous question list: %v", err)
		}
		page, err := db.FindQuestions(storetest.As(picOther), models.QuestionFilter{})
		if err != nil || page.TotalCount != 0 {
			t.Errorf("another agency's PIC lists %v questions (%v)", page, err)
		}
	})
}

func TestTriage(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		admin := storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, "")
		t.Run("OpenIssue", func(t *testing.T) {
			q := mustSubmit(t, db, "192.0.2.1", models.NewQuestion{Body: questionText})
			before := auditCount(t, db)
			linked, issue, err := db.OpenIssueFromQuestion(storetest.As(trc), models.OpenIssue{
				QuestionID: q.ID, Title: "Batas pendaftaran bansos", Summary: "Pertanyaan warga soal batas pendaftaran.", Kind: models.KindQuestion,
			})
			if err != nil {
				t.Fatal(err)
			}
			if linked.Status != models.QuestionLinked || *linked.IssueID != issue.ID || issue.Status != models.StatusNew {
				t.Fatalf("question %+v issue %+v", linked, issue)
			}
			if got := auditCount(t, db); got != before+1 {
				t.Errorf("opening an issue from a question wrote %d audit entries, want 1", got-before)
			}
			sources, err := db.SourcesByIssueIDs(storetest.As(trc), []int64{issue.ID})
			if err != nil || len(sources) != 1 || sources[0].ClaimText != questionText || sources[0].Platform != models.PlatformPortal {
				t.Fatalf("the question should be the issue's source: %+v %v", sources, err)
			}
			if _, err := db.RejectQuestion(storetest.As(trc), q.ID, "Sudah ditautkan sebelumnya."); models.ErrorCode(err) != models.ECONFLICT {
				t.Errorf("rejecting a linked question: %v", err)
			}
		})
		t.Run("Reject", func(t *testing.T) {
			q := mustSubmit(t, db, "192.0.2.2", models.NewQuestion{Body: "Pertanyaan ini berisi promosi yang tidak berkaitan dengan layanan publik."})
			if _, err := db.RejectQuestion(storetest.As(trc), q.ID, "pendek"); models.ErrorField(err) != "reason" {
				t.Errorf("short reason: %v", err)
			}
			if _, err := db.RejectQuestion(storetest.As(admin), q.ID, "Bukan pertanyaan tentang layanan publik."); models.ErrorCode(err) != models.EFORBIDDEN {
				t.Errorf("admin rejecting: %v", err)
			}
			got, err := db.RejectQuestion(storetest.As(trc), q.ID, "Bukan pertanyaan tentang layanan publik.")
			if err != nil || got.Status != models.QuestionRejected || got.RejectedAt == nil {
				t.Fatalf("reject: %+v %v", got, err)
			}
			public, err := db.QuestionByTrackingCode(context.Background(), q.TrackingCode)
			if err != nil || public.RejectReason != "Bukan pertanyaan tentang layanan publik." {
				t.Errorf("the asker should read the reason: %+v %v", public, err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			if _, err := db.LinkQuestion(storetest.As(trc), 999999, "KTB-2026-000001"); models.ErrorCode(err) != models.ENOTFOUND {
				t.Errorf("unknown question: %v", err)
			}
			if _, err := db.QuestionByTrackingCode(context.Background(), models.NewTrackingCode()); models.ErrorCode(err) != models.ENOTFOUND {
				t.Errorf("unknown code: %v", err)
			}
		})
	})
}
