package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/mail/mailtest"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

const (
	testPublicURL = "https://tanggap.example.go.id"
	testMailFrom  = "Tanggap <noreply@tanggap.example.go.id>"
)

// syncBuffer collects log output written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startMailQueue registers the mail worker (sending through smtpURL, or
// unconfigured when it is empty) and runs db's queue until the test ends.
// It returns the log the worker and sender write.
func startMailQueue(t *testing.T, db *store.DB, smtpURL string) *syncBuffer {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	composer, err := mail.NewComposer(testPublicURL, "")
	if err != nil {
		t.Fatal(err)
	}
	w := store.MailWorker{Composer: composer, Logger: logger, Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	if smtpURL != "" {
		cfg, err := mail.ParseConfig(smtpURL, testMailFrom)
		if err != nil {
			t.Fatal(err)
		}
		sender, err := mail.NewSender(cfg, logger)
		if err != nil {
			t.Fatal(err)
		}
		w.Sender, w.From = sender, cfg.From
	}
	db.RegisterMailWorker(db.Jobs(), w)
	ctx, cancel := context.WithCancel(context.Background())
	if err := db.Jobs().Start(ctx, jobs.Config{PollInterval: 20 * time.Millisecond, Workers: 2, Logger: logger,
		Backoff: func(int) time.Duration { return 10 * time.Millisecond }}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		db.Jobs().Stop(sctx) //nolint:errcheck // the test is over
	})
	return logs
}

// waitMail waits until no mail job is left to run.
func waitMail(t *testing.T, db *store.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := db.Jobs().WaitDone(ctx, 20*time.Millisecond, store.MailKind); err != nil {
		t.Fatalf("mail jobs not done: %v", err)
	}
}

// outboxAddresses returns the addresses still held by the outbox.
func outboxAddresses(t *testing.T, db *store.DB) []string {
	t.Helper()
	var addrs []string
	if err := db.Bun().NewSelect().Table("mail_outbox").Column("recipient").Where("recipient <> ''").
		Scan(context.Background(), &addrs); err != nil {
		t.Fatal(err)
	}
	return addrs
}

func mailRowCount(t *testing.T, db *store.DB) int64 {
	t.Helper()
	n, err := db.Bun().NewSelect().Table("mail_outbox").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func stopToken(t *testing.T, db *store.DB, questionID int64) string {
	t.Helper()
	var tokens []string
	if err := db.Bun().NewSelect().Table("question_mail_tokens").Column("token").Where("question_id = ?", questionID).
		Scan(context.Background(), &tokens); err != nil {
		t.Fatal(err)
	}
	if len(tokens) == 0 {
		return ""
	}
	return tokens[0]
}

// checkAskerMessage reads the newest message to addr from mailpit and checks
// what every message to an asker carries.
func checkAskerMessage(t *testing.T, mp *mailtest.Server, addr, subject, code, token string, bodyHas ...string) {
	t.Helper()
	var found *mailtest.Message
	for _, s := range mp.Messages(t) {
		if len(s.To) == 1 && s.To[0].Address == addr && strings.Contains(s.Subject, subject) {
			m := mp.Message(t, s.ID)
			found = &m
			break
		}
	}
	if found == nil {
		t.Fatalf("no message %q to the asker in mailpit", subject)
	}
	stop := testPublicURL + "/langganan/berhenti/" + token
	if found.ListUnsubscribe.Header != "<"+stop+">" || found.ListUnsubscribe.HeaderPost != "List-Unsubscribe=One-Click" {
		t.Errorf("%q: List-Unsubscribe %q, -Post %q; want <%s> and one-click", subject, found.ListUnsubscribe.Header,
			found.ListUnsubscribe.HeaderPost, stop)
	}
	for _, part := range []string{found.Text, found.HTML} {
		if !strings.Contains(part, code) {
			t.Errorf("%q: a part lacks the tracking code %s", subject, code)
		}
		if !strings.Contains(part, stop) {
			t.Errorf("%q: a part lacks the stop link", subject)
		}
		for _, want := range bodyHas {
			if !strings.Contains(part, want) {
				t.Errorf("%q: a part lacks %q:\n%s", subject, want, part)
			}
		}
		for _, line := range strings.Fields(part) {
			if i := strings.Index(line, "://"); i > 0 && strings.HasPrefix(line[max(0, i-5):], "http") {
				link := line[max(0, i-5):]
				if j := strings.IndexAny(link, "\"'<>) "); j >= 0 {
					link = link[:j]
				}
				if !strings.HasPrefix(link, "https://") && !strings.HasPrefix(link, "http://") {
					continue
				}
				if !strings.HasPrefix(link, testPublicURL+"/") && link != testPublicURL {
					t.Errorf("%q: link %q is not under PUBLIC_URL", subject, link)
				}
			}
		}
	}
	if !strings.HasPrefix(found.MessageID, "notifikasi.") {
		t.Errorf("%q: Message-ID %q is not the notification's", subject, found.MessageID)
	}
}

// TestAskerMail follows a question through its life and reads the asker's
// messages from a real mailpit: receipt, linked, answered, corrected; a
// second question is rejected with its reason; a phone number gets nothing;
// the stop link stops the rest.
func TestAskerMail(t *testing.T) {
	mp := mailtest.MustStart(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mp.DeleteAll(t)
		db.EnableAskerMail()
		logs := startMailQueue(t, db, mp.SMTPURL())
		trc, pic := storetest.MustDinkesStaff(t, db)
		citizen := models.NewContextWithClientAddr(context.Background(), "203.0.113.7")
		const asker = "warga.penanya@example.com"

		q, _, err := db.SubmitQuestion(citizen, models.NewQuestion{Body: "Apakah benar vaksin di puskesmas sekarang berbayar?",
			Name: "Warga", Contact: "  Warga.Penanya@Example.com "})
		if err != nil {
			t.Fatal(err)
		}
		if q.Contact != "" {
			t.Errorf("the citizen's answer shows the contact %q", q.Contact)
		}
		token := stopToken(t, db, q.ID)
		if len(token) < 40 {
			t.Fatalf("stop token %q too short", token)
		}
		waitMail(t, db)
		checkAskerMessage(t, mp, asker, "sudah kami terima", q.TrackingCode, token, testPublicURL+"/lacak/"+q.TrackingCode)

		// A phone number gets no mail and no token.
		phoneQ, _, err := db.SubmitQuestion(citizen, models.NewQuestion{Body: "Kapan jadwal posyandu bulan depan di kelurahan kami?",
			Contact: "0812-3456-7890"})
		if err != nil {
			t.Fatal(err)
		}
		if tok := stopToken(t, db, phoneQ.ID); tok != "" {
			t.Errorf("a phone contact got stop token %q", tok)
		}

		issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Vaksin di puskesmas berbayar", Summary: "Warga bertanya apakah vaksin kini berbayar.", Kind: models.KindQuestion})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.LinkQuestion(trc, q.ID, issue.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LinkQuestion(trc, phoneQ.ID, issue.Number); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		issueURL := testPublicURL + "/isu/" + issue.Number
		checkAskerMessage(t, mp, asker, "sedang ditangani dalam isu "+issue.Number, q.TrackingCode, token, issueURL)

		response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number,
			Body: "Vaksin di puskesmas tetap gratis."})
		if err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		checkAskerMessage(t, mp, asker, "Jawaban resmi sudah terbit", q.TrackingCode, token, issueURL)

		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID,
			Body: "Vaksin di puskesmas tetap gratis untuk semua warga.", Reason: "Memperjelas siapa yang berhak."}); err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		checkAskerMessage(t, mp, asker, "Jawaban resmi diperbarui", q.TrackingCode, token, issueURL, "Memperjelas siapa yang berhak.")

		// Rejected, with the reason.
		const other = "penanya.kedua@example.com"
		rq, _, err := db.SubmitQuestion(citizen, models.NewQuestion{Body: "Pertanyaan ini tidak berhubungan dengan layanan publik sama sekali.",
			Contact: other})
		if err != nil {
			t.Fatal(err)
		}
		const reason = "Pertanyaan di luar kewenangan pemerintah kabupaten."
		if _, err := db.RejectQuestion(trc, rq.ID, reason); err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		checkAskerMessage(t, mp, other, "tidak dapat kami proses", rq.TrackingCode, stopToken(t, db, rq.ID), reason)

		all := mp.Messages(t)
		if len(all) != 6 {
			t.Errorf("mailpit holds %d messages, want 6 (5 to the asker, 1 to the second)", len(all))
		}
		for _, s := range all {
			for _, to := range s.To {
				if to.Address != asker && to.Address != other {
					t.Errorf("a message went to %q", to.Address)
				}
			}
		}
		// Sent messages leave no address behind.
		if addrs := outboxAddresses(t, db); len(addrs) != 0 {
			t.Errorf("the outbox still holds %d addresses after sending", len(addrs))
		}

		// The stop link: the contact and token are gone, nothing more comes.
		stopped, err := db.StopAskerMail(context.Background(), token)
		if err != nil || !stopped {
			t.Fatalf("StopAskerMail = %v, %v", stopped, err)
		}
		if again, err := db.StopAskerMail(context.Background(), token); err != nil || again {
			t.Errorf("a used token stopped again: %v, %v", again, err)
		}
		var contact string
		if err := db.Bun().NewSelect().Table("questions").Column("contact").Where("id = ?", q.ID).Scan(context.Background(), &contact); err != nil {
			t.Fatal(err)
		}
		if contact != "" || stopToken(t, db, q.ID) != "" {
			t.Errorf("after stopping, contact %q and token remain", contact)
		}
		before := mailRowCount(t, db)
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID,
			Body: "Vaksin di puskesmas tetap gratis untuk semua warga kabupaten.", Reason: "Menambah cakupan wilayah."}); err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		if n := mailRowCount(t, db); n != before {
			t.Errorf("a correction after stopping wrote %d messages", n-before)
		}
		if n := len(mp.Messages(t)); n != 6 {
			t.Errorf("mailpit holds %d messages after stopping, want still 6", n)
		}
		if dead, err := db.Jobs().List(context.Background(), store.MailKind, 100, jobs.StateDead); err != nil || len(dead) != 0 {
			t.Errorf("dead mail jobs: %v, %v", dead, err)
		}
		for _, addr := range []string{asker, other, "Warga.Penanya"} {
			if strings.Contains(strings.ToLower(logs.String()), strings.ToLower(addr)) {
				t.Errorf("the log names the address %s", addr)
			}
		}
		if !strings.Contains(logs.String(), mail.AddressHash(asker)) {
			t.Errorf("the log does not name the address hash; was anything logged?\n%s", logs.String())
		}
	})
}

// TestAskerMailStopBeforeSend: a message still waiting when the asker
// follows the stop link is not sent.
func TestAskerMailStopBeforeSend(t *testing.T) {
	mp := mailtest.MustStart(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mp.DeleteAll(t)
		db.EnableAskerMail()
		citizen := models.NewContextWithClientAddr(context.Background(), "203.0.113.8")
		q, _, err := db.SubmitQuestion(citizen, models.NewQuestion{Body: "Di mana lokasi posko banjir terdekat dari kelurahan kami?",
			Contact: "berhenti@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		if stopped, err := db.StopAskerMail(context.Background(), stopToken(t, db, q.ID)); err != nil || !stopped {
			t.Fatalf("StopAskerMail = %v, %v", stopped, err)
		}
		startMailQueue(t, db, mp.SMTPURL())
		waitMail(t, db)
		if n := len(mp.Messages(t)); n != 0 {
			t.Errorf("mailpit holds %d messages; the receipt was stopped before it was sent", n)
		}
		if addrs := outboxAddresses(t, db); len(addrs) != 0 {
			t.Errorf("the outbox still holds an address after stopping")
		}
	})
}

// TestAskerMailNotFromBackfill: the demo loader and the CSV import, which
// replay history with questions that have e-mail contacts, write no mail.
func TestAskerMailNotFromBackfill(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.EnableAskerMail()
		storetest.MustLoadDemo(t, db, time.Now())
		withEmail, err := db.Bun().NewSelect().Table("questions").Where("contact LIKE ?", "%@%").Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if withEmail == 0 {
			t.Fatal("the demo data has no question with an e-mail contact; the test would prove nothing")
		}
		var csv bytes.Buffer
		if err := storetest.WriteImportCSV(&csv, "KTB", 20, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(csv.Bytes()), "uji.csv"); err != nil {
			t.Fatal(err)
		}
		if n := mailRowCount(t, db); n != 0 {
			t.Errorf("backfill wrote %d messages", n)
		}
		if infos, err := db.Jobs().List(context.Background(), store.MailKind, 100); err != nil || len(infos) != 0 {
			t.Errorf("backfill enqueued mail jobs: %d, %v", len(infos), err)
		}
	})
}

// TestMailNotConfigured: without SMTP the job is set aside as dead, with a
// log line naming the setting and no address, and the message waits.
func TestMailNotConfigured(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.EnableAskerMail()
		logs := startMailQueue(t, db, "")
		citizen := models.NewContextWithClientAddr(context.Background(), "203.0.113.9")
		const addr = "tanpa.smtp@example.com"
		if _, _, err := db.SubmitQuestion(citizen, models.NewQuestion{Body: "Apakah jalan desa kami akan diperbaiki tahun ini?",
			Contact: addr}); err != nil {
			t.Fatal(err)
		}
		waitMail(t, db)
		dead, err := db.Jobs().Dead(context.Background(), store.MailKind, 10)
		if err != nil || len(dead) != 1 {
			t.Fatalf("dead mail jobs: %v, %v; want 1", dead, err)
		}
		if !strings.Contains(logs.String(), "mail not configured (TANGGAP_SMTP_URL)") {
			t.Errorf("no log line says mail is not configured:\n%s", logs.String())
		}
		if strings.Contains(logs.String(), addr) {
			t.Errorf("the log names the address")
		}
		stats, err := db.MailStats(context.Background())
		if err != nil || stats.Waiting != 1 || stats.Sent != 0 {
			t.Errorf("MailStats = %+v, %v; want one waiting", stats, err)
		}
	})
}
