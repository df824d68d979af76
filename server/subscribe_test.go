package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/mail/mailtest"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/ratelimit"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// startFollowMail wires following and the mail worker (sending to mp) on
// db's queue, runs the queue until the test ends, and sends every log line
// of the process to the returned buffer.
func startFollowMail(t *testing.T, db *store.DB, mp *mailtest.Server) *lockedBuffer {
	t.Helper()
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	previous := slog.Default()
	slog.SetDefault(logger)
	t.Cleanup(func() { slog.SetDefault(previous) })
	composer, err := mail.NewComposer(testPublicURL, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := mail.ParseConfig(mp.SMTPURL(), "Tanggap <noreply@tanggap.example.go.id>")
	if err != nil {
		t.Fatal(err)
	}
	sender, err := mail.NewSender(cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	db.EnableFollowing()
	db.RegisterMailWorker(db.Jobs(), store.MailWorker{Composer: composer, Logger: logger, Sender: sender, From: cfg.From})
	ctx, cancel := context.WithCancel(context.Background())
	if err := db.Jobs().Start(ctx, jobs.Config{PollInterval: 20 * time.Millisecond, Workers: 2, Logger: logger}); err != nil {
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

// settle waits until no follow or mail job is left to run.
func settle(t *testing.T, db *store.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := db.Jobs().WaitDone(ctx, 20*time.Millisecond, store.FollowFanoutKind, store.FollowDigestKind, store.MailKind); err != nil {
		t.Fatalf("jobs not done: %v", err)
	}
}

// messagesTo lists mailpit's messages to addr, newest first.
func messagesTo(t *testing.T, mp *mailtest.Server, addr string) []mailtest.Message {
	t.Helper()
	var out []mailtest.Message
	for _, s := range mp.Messages(t) {
		if len(s.To) == 1 && strings.EqualFold(s.To[0].Address, addr) {
			out = append(out, mp.Message(t, s.ID))
		}
	}
	return out
}

const subscribeMutation = `mutation($in: SubscribeInput!) { subscribe(input: $in) { target value label } }`

// TestFollowOverHTTP is the whole life of a follow over real HTTP with real
// mail: subscribe → confirmation mail → the confirmation link → an answer
// → the notification → one-click stop (RFC 8058) → the address is gone →
// another answer → no mail. The address appears in no response and no log
// line, AUDITOR included.
func TestFollowOverHTTP(t *testing.T) {
	mp := mailtest.MustStart(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mp.DeleteAll(t)
		logs := startFollowMail(t, db, mp)
		api := newTestAPI(t, db)
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
		pic := storetest.As(storetest.MustUser(t, db, "pic@example.go.id", models.RolePIC, "dinkes"))
		storetest.MustUser(t, db, "auditor@example.go.id", models.RoleAuditor, "")
		issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Vaksin di puskesmas kini berbayar?", Summary: "Pesan berantai menyebut vaksin berbayar.", Kind: models.KindMisinformation})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}
		const addr = "pengikut.rahasia@example.com"
		var bodies []string

		r := api.post("", subscribeMutation, map[string]any{"in": map[string]any{"email": "Pengikut.Rahasia@Example.com", "issueNumber": issue.Number}})
		bodies = append(bodies, string(r.Raw))
		var sub struct {
			Subscribe struct{ Target, Value, Label string }
		}
		r.decode(t, &sub)
		if sub.Subscribe.Target != "ISSUE" || sub.Subscribe.Value != issue.Number || sub.Subscribe.Label != issue.Title {
			t.Errorf("subscribe = %+v", sub.Subscribe)
		}
		// Invalid input names the field, in Indonesian.
		r = api.post("", subscribeMutation, map[string]any{"in": map[string]any{"email": addr, "issueNumber": issue.Number, "agencySlug": "dinkes"}})
		if r.code() != models.EINVALID || !strings.Contains(r.Errors[0].Message, "hanya salah satu") {
			t.Errorf("two targets: %s", r.Raw)
		}

		settle(t, db)
		confirms := messagesTo(t, mp, addr)
		if len(confirms) != 1 || !strings.Contains(confirms[0].Subject, "Konfirmasi langganan") {
			t.Fatalf("want one confirmation mail, got %d", len(confirms))
		}
		link := regexp.MustCompile(regexp.QuoteMeta(testPublicURL) + `(/langganan/[A-Za-z0-9_-]{43})`).FindStringSubmatch(confirms[0].Text)
		if link == nil {
			t.Fatalf("no confirmation link in:\n%s", confirms[0].Text)
		}

		// Nothing before the confirmation: an answer published now would be
		// missed, so confirm first, through the link of the mail.
		page := api.raw(http.MethodGet, link[1], "", "", nil)
		bodies = append(bodies, string(page.Raw))
		if page.Status != http.StatusOK || !strings.Contains(string(page.Raw), "Langganan Anda sudah aktif") || !strings.Contains(string(page.Raw), issue.Title) {
			t.Fatalf("confirmation page %d:\n%s", page.Status, page.Raw)
		}
		if bad := api.raw(http.MethodGet, "/langganan/tidak-dikenal", "", "", nil); bad.Status != http.StatusNotFound || !strings.Contains(string(bad.Raw), "Tautan konfirmasi tidak berlaku") {
			t.Errorf("unknown confirmation token: %d %s", bad.Status, bad.Raw)
		}

		response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number, Body: "Vaksin di puskesmas tetap gratis.", Verdict: ptrVerdict(models.VerdictFalse)})
		if err != nil {
			t.Fatal(err)
		}
		settle(t, db)
		all := messagesTo(t, mp, addr)
		if len(all) != 2 || !strings.Contains(all[0].Subject, "sudah dijawab") {
			t.Fatalf("after the answer: %d messages, newest %q", len(all), all[0].Subject)
		}
		notice := all[0]
		stopRE := regexp.MustCompile(`^<` + regexp.QuoteMeta(testPublicURL) + `(/langganan/berhenti/[A-Za-z0-9_-]{43})>$`)
		stop := stopRE.FindStringSubmatch(notice.ListUnsubscribe.Header)
		if stop == nil || notice.ListUnsubscribe.HeaderPost != "List-Unsubscribe=One-Click" {
			t.Fatalf("List-Unsubscribe %q, -Post %q", notice.ListUnsubscribe.Header, notice.ListUnsubscribe.HeaderPost)
		}
		if !strings.Contains(notice.Text, testPublicURL+"/isu/"+issue.Number) || !strings.Contains(notice.Text, testPublicURL+stop[1]) {
			t.Errorf("the notice lacks the issue or stop link:\n%s", notice.Text)
		}

		// AUDITOR sees counts, never addresses.
		auditor := api.login("auditor@example.go.id", storetest.Password)
		r = api.post(auditor, `{ subscriptionStats { target pending confirmed } }`, nil)
		bodies = append(bodies, string(r.Raw))
		var stats struct {
			SubscriptionStats []struct {
				Target             string
				Pending, Confirmed int
			}
		}
		r.decode(t, &stats)
		if len(stats.SubscriptionStats) != 3 || stats.SubscriptionStats[0].Target != "ISSUE" || stats.SubscriptionStats[0].Confirmed != 1 {
			t.Errorf("stats = %+v", stats.SubscriptionStats)
		}
		if r := api.post("", `{ subscriptionStats { target confirmed } }`, nil); r.code() != models.EUNAUTHENTICATED {
			t.Errorf("anonymous stats: %s", r.Raw)
		}

		// The stop page has a form; the one-click POST stops without login.
		form := api.raw(http.MethodGet, stop[1], "", "", nil)
		if form.Status != http.StatusOK || !strings.Contains(string(form.Raw), `method="post"`) {
			t.Errorf("stop page %d:\n%s", form.Status, form.Raw)
		}
		if n := subscriptionRows(t, db, addr); n != 1 {
			t.Fatalf("showing the stop page changed the rows: %d", n)
		}
		done := api.raw(http.MethodPost, stop[1], "", "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click"))
		bodies = append(bodies, string(done.Raw))
		if done.Status != http.StatusOK || !strings.Contains(string(done.Raw), "sudah berhenti berlangganan") {
			t.Fatalf("one-click stop %d:\n%s", done.Status, done.Raw)
		}
		if n := subscriptionRows(t, db, addr); n != 0 {
			t.Errorf("%d rows still hold the address after stopping", n)
		}
		var outbox int
		if err := db.Bun().NewSelect().Table("mail_outbox").ColumnExpr("count(*)").Where("lower(recipient) = ?", addr).Scan(context.Background(), &outbox); err != nil {
			t.Fatal(err)
		}
		if outbox != 0 {
			t.Errorf("the outbox holds the address %d times", outbox)
		}
		again := api.raw(http.MethodPost, stop[1], "", "application/x-www-form-urlencoded", []byte("List-Unsubscribe=One-Click"))
		if again.Status != http.StatusNotFound || !strings.Contains(string(again.Raw), "Tautan tidak dikenal") {
			t.Errorf("a used stop token: %d %s", again.Status, again.Raw)
		}

		// A correction after the stop reaches nobody.
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID, Body: "Vaksin di puskesmas tetap gratis untuk semua warga.", Verdict: ptrVerdict(models.VerdictFalse), Reason: "Memperjelas cakupan."}); err != nil {
			t.Fatal(err)
		}
		settle(t, db)
		if n := len(messagesTo(t, mp, addr)); n != 2 {
			t.Errorf("after stopping, %d messages (want still 2)", n)
		}

		for _, b := range bodies {
			if strings.Contains(strings.ToLower(b), addr) {
				t.Errorf("a response shows the address:\n%s", b)
			}
		}
		if strings.Contains(strings.ToLower(string(logs.Bytes())), addr) {
			t.Errorf("the log names the address")
		}
		if !strings.Contains(string(logs.Bytes()), mail.AddressHash(addr)) {
			t.Errorf("the log has no trace of the sends (by address hash); is it captured?")
		}
	})
}

func ptrVerdict(v models.Verdict) *models.Verdict { return &v }

func subscriptionRows(t *testing.T, db *store.DB, addr string) int {
	t.Helper()
	n, err := db.Bun().NewSelect().Table("subscriptions").Where("email = ?", addr).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestSubscribeRateLimitPerAddress: the subscribe field is counted per
// client address, aliases included.
func TestSubscribeRateLimitPerAddress(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db, withLimits(func(l *graph.Limits) {
			l.FieldRateLimits.PerAddress = map[string]*ratelimit.Limiter{"subscribe": ratelimit.New(2, time.Hour)}
		}))
		for i, email := range []string{"satu@example.com", "dua@example.com"} {
			r := api.post("", subscribeMutation, map[string]any{"in": map[string]any{"email": email, "search": "banjir rob"}})
			if len(r.Errors) > 0 {
				t.Fatalf("subscription %d refused: %s", i+1, r.Raw)
			}
		}
		r := api.post("", subscribeMutation, map[string]any{"in": map[string]any{"email": "tiga@example.com", "search": "banjir rob"}})
		if r.code() != models.ERATELIMITED || !strings.Contains(r.Errors[0].Message, "Terlalu banyak permintaan") {
			t.Errorf("third subscription: %s", r.Raw)
		}
	})
}
