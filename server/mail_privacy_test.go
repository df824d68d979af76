package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/mail/mailtest"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// TestPrivacyWithMail runs the asker's mail through its whole life (receipt,
// link, answer, correction, rejection) with a real mailpit, then reads every
// public query, page and feed, /readyz, and the log of the server and the
// mail worker: the asker's address appears in none of them, though it does
// reach mailpit.
func TestPrivacyWithMail(t *testing.T) {
	mp := mailtest.MustStart(t)
	logs := &lockedBuffer{}
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(previous) })

	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mp.DeleteAll(t)
		db.EnableAskerMail()
		storetest.MustLoadDemo(t, db, time.Now())
		composer, err := mail.NewComposer(testPublicURL, "")
		if err != nil {
			t.Fatal(err)
		}
		mcfg, err := mail.ParseConfig(mp.SMTPURL(), "Tanggap <noreply@tanggap.example.go.id>")
		if err != nil {
			t.Fatal(err)
		}
		sender, err := mail.NewSender(mcfg, slog.Default())
		if err != nil {
			t.Fatal(err)
		}
		db.RegisterMailWorker(db.Jobs(), store.MailWorker{Composer: composer, Sender: sender, From: mcfg.From})
		ctx, cancel := context.WithCancel(context.Background())
		if err := db.Jobs().Start(ctx, jobs.Config{PollInterval: 20 * time.Millisecond, Backoff: func(int) time.Duration { return 10 * time.Millisecond }}); err != nil {
			t.Fatal(err)
		}
		defer func() {
			cancel()
			sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer scancel()
			db.Jobs().Stop(sctx) //nolint:errcheck // the test is over
		}()
		wait := func() {
			t.Helper()
			wctx, wcancel := context.WithTimeout(context.Background(), time.Minute)
			defer wcancel()
			if err := db.Jobs().WaitDone(wctx, 20*time.Millisecond, store.MailKind); err != nil {
				t.Fatal(err)
			}
		}
		api := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) {
			cfg.Mail = func(context.Context) map[string]any { return map[string]any{"configured": true} }
		})

		r := api.post("", submitMutation, map[string]any{"in": map[string]any{
			"body": "Apakah bantuan beras bulan ini dibagikan lewat kantor kelurahan atau RT?", "name": askerName,
			"contact": askerEmail, "agencySlug": "dinsos",
		}})
		var first submitted
		r.decode(t, &first)
		r = api.post("", submitMutation, map[string]any{"in": map[string]any{
			"body": "Pertanyaan kedua ini akan ditolak karena bukan urusan pemerintah daerah.", "contact": askerEmail,
		}})
		var second submitted
		r.decode(t, &second)

		trc := storetest.As(storetest.MustUser(t, db, "trc.surat@example.go.id", models.RoleTRC, ""))
		pic := storetest.As(storetest.MustUser(t, db, "pic.surat@example.go.id", models.RolePIC, "dinsos"))
		q1, err := db.QuestionByTrackingCode(trc, first.SubmitQuestion.TrackingCode)
		if err != nil {
			t.Fatal(err)
		}
		q2, err := db.QuestionByTrackingCode(trc, second.SubmitQuestion.TrackingCode)
		if err != nil {
			t.Fatal(err)
		}
		_, issue, err := db.OpenIssueFromQuestion(trc, models.OpenIssue{QuestionID: q1.ID, Title: "Penyaluran bantuan beras",
			Summary: "Warga bertanya lewat mana bantuan beras dibagikan.", Kind: models.KindQuestion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinsos", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number, Body: "Bantuan beras dibagikan lewat RT."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID, Body: "Bantuan beras dibagikan lewat RT masing-masing.",
			Reason: "Memperjelas tempat pembagian."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RejectQuestion(trc, q2.ID, "Di luar kewenangan pemerintah kabupaten."); err != nil {
			t.Fatal(err)
		}
		wait()

		// The address did reach the asker: the checks below are not vacuous.
		subjects := map[string]bool{}
		for _, s := range mp.Messages(t) {
			if len(s.To) == 1 && s.To[0].Address == askerEmail {
				subjects[s.Subject] = true
			}
		}
		if len(subjects) != 6 {
			t.Fatalf("mailpit holds %d messages to the asker, want 6 (2 receipts, linked, answered, corrected, rejected): %v", len(subjects), subjects)
		}

		vars := map[string]any{"n": issue.Number, "c": first.SubmitQuestion.TrackingCode}
		for name, query := range publicQueries {
			if query == "" {
				continue
			}
			assertNoPersonalData(t, "Query."+name, api.post("", query, vars).Raw)
		}
		for _, path := range []string{"/", "/isu/" + issue.Number, "/lacak/" + first.SubmitQuestion.TrackingCode, "/feed.xml",
			"/feed.json", "/claimreview.json", "/sitemap.xml", "/open-data/issues.csv", "/open-data/responses.jsonl", "/readyz"} {
			resp, err := http.Get(api.srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assertNoPersonalData(t, "page "+path, body)
			if path == "/readyz" {
				var ready struct{ Mail map[string]any }
				if err := json.Unmarshal(body, &ready); err != nil || ready.Mail["configured"] != true {
					t.Errorf("/readyz mail entry: %s", body)
				}
			}
		}
	})
	assertNoPersonalData(t, "server and worker log", logs.Bytes())
	if !bytes.Contains(logs.Bytes(), []byte(mail.AddressHash(askerEmail))) {
		t.Fatal("the log holds no line of the mail sender; the log check would be vacuous")
	}
}

// TestReadyzMailNotConfigured: without a mail status /readyz says mail is
// not configured, and the instance stays ready.
func TestReadyzMailNotConfigured(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	api := newTestAPI(t, db)
	resp, err := http.Get(api.srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ready struct {
		Status string
		Mail   map[string]any
	}
	if err := json.NewDecoder(resp.Body).Decode(&ready); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || ready.Mail["configured"] != false ||
		!strings.Contains(ready.Mail["status"].(string), "TANGGAP_SMTP_URL") {
		t.Errorf("/readyz: %d %+v", resp.StatusCode, ready)
	}
}
