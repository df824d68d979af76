package store_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail/mailtest"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// movableClock makes db's clock the real time plus an offset the test moves.
func movableClock(db *store.DB) *atomic.Int64 {
	offset := &atomic.Int64{}
	db.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	return offset
}

var confirmLink = regexp.MustCompile(regexp.QuoteMeta(testPublicURL) + `/langganan/([A-Za-z0-9_-]{43})`)

// confirmToken reads the token of the newest confirmation mail to addr.
func confirmToken(t *testing.T, mp *mailtest.Server, addr string) string {
	t.Helper()
	for _, s := range mp.Messages(t) {
		if len(s.To) == 1 && s.To[0].Address == addr && strings.Contains(s.Subject, "Konfirmasi langganan") {
			m := mp.Message(t, s.ID)
			if match := confirmLink.FindStringSubmatch(m.Text); match != nil {
				return match[1]
			}
			t.Fatalf("confirmation mail without a confirmation link:\n%s", m.Text)
		}
	}
	t.Fatalf("no confirmation mail to %s", addr)
	return ""
}

// followerMessages returns the messages to addr other than confirmations.
func followerMessages(t *testing.T, mp *mailtest.Server, addr string) []mailtest.Message {
	t.Helper()
	var out []mailtest.Message
	for _, s := range mp.Messages(t) {
		if len(s.To) == 1 && s.To[0].Address == addr && !strings.Contains(s.Subject, "Konfirmasi langganan") {
			out = append(out, mp.Message(t, s.ID))
		}
	}
	return out
}

// waitFollow lets the queue run the follow and mail jobs that are due.
func waitFollow(t *testing.T, db *store.DB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := db.Jobs().WaitIdle(ctx, 20*time.Millisecond, store.FollowFanoutKind, store.FollowDigestKind, store.MailKind); err != nil {
		for _, kind := range []string{store.FollowFanoutKind, store.FollowDigestKind, store.MailKind} {
			list, _ := db.Jobs().List(context.Background(), kind, 20)
			for _, j := range list {
				t.Logf("%s %d %s attempt %d scheduled %s errors %v", kind, j.ID, j.State, j.Attempt, j.ScheduledAt, j.Errors)
			}
		}
		t.Fatalf("follow jobs not idle: %v", err)
	}
}

// answered creates an issue for the agency and publishes its answer.
func answered(t *testing.T, db *store.DB, trc, pic context.Context, title string) (*models.Issue, *models.Response) {
	t.Helper()
	issue, err := db.CreateIssue(trc, models.NewIssue{Title: title, Summary: "Warga menanyakan kabar ini di media sosial.", Kind: models.KindQuestion})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dpupr", Priority: models.PriorityNormal}); err != nil {
		t.Fatal(err)
	}
	response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number, Body: "Penjelasan resmi dinas tentang " + title + "."})
	if err != nil {
		t.Fatal(err)
	}
	return issue, response
}

// TestSubscribeInput: every refusal names its field in Indonesian, and a
// repeated subscription adds no row.
func TestSubscribeInput(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustAgency(t, db, "dpupr", "Dinas PUPR")
		trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
		issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Jalan rusak di Kelurahan Melati", Summary: "Ringkasan isu jalan rusak.", Kind: models.KindComplaint})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, tc := range []struct {
			name  string
			in    models.NewSubscription
			field string
		}{
			{"no target", models.NewSubscription{Email: "a@example.com"}, "input"},
			{"two targets", models.NewSubscription{Email: "a@example.com", AgencySlug: ptr("dpupr"), Search: ptr("banjir")}, "input"},
			{"bad email", models.NewSubscription{Email: "bukan alamat", Search: ptr("banjir")}, "email"},
			{"unknown issue", models.NewSubscription{Email: "a@example.com", IssueNumber: ptr("KTB-2026-999999")}, "issueNumber"},
			// A NEW issue is not public yet: following it is refused alike.
			{"hidden issue", models.NewSubscription{Email: "a@example.com", IssueNumber: ptr(issue.Number)}, "issueNumber"},
			{"unknown agency", models.NewSubscription{Email: "a@example.com", AgencySlug: ptr("tidak-ada")}, "agencySlug"},
			{"short search", models.NewSubscription{Email: "a@example.com", Search: ptr("ab")}, "search"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := db.Subscribe(ctx, tc.in)
				if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != tc.field {
					t.Fatalf("err = %v; want EINVALID on %s", err, tc.field)
				}
				if msg := models.ErrorMessage(err); msg == "" || strings.Contains(msg, "invalid") {
					t.Errorf("message %q is not Indonesian", msg)
				}
			})
		}
		for range 2 {
			r, err := db.Subscribe(ctx, models.NewSubscription{Email: " Warga@Example.com ", Search: ptr("  Banjir   Rob ")})
			if err != nil {
				t.Fatal(err)
			}
			if r.Target != models.FollowSearch || r.Value != "banjir rob" {
				t.Errorf("result = %+v", r)
			}
		}
		n, err := db.Bun().NewSelect().Table("subscriptions").Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("%d subscription rows after subscribing twice (%v), want 1", n, err)
		}
	})
}

// TestSubscribeRateLimitPerEmail: one address may be named a few times an
// hour, from any client address.
func TestSubscribeRateLimitPerEmail(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		for i := range store.SubscribesPerEmail {
			ctx := models.NewContextWithClientAddr(context.Background(), "203.0.113."+string(rune('1'+i)))
			if _, err := db.Subscribe(ctx, models.NewSubscription{Email: "sasaran@example.com", Search: ptr("banjir " + string(rune('a'+i)))}); err != nil {
				t.Fatalf("subscription %d: %v", i+1, err)
			}
		}
		_, err := db.Subscribe(context.Background(), models.NewSubscription{Email: "SASARAN@example.com", Search: ptr("jalan rusak")})
		var e *models.Error
		if models.ErrorCode(err) != models.ERATELIMITED {
			t.Fatalf("subscription past the limit: %v", err)
		}
		if e, _ = err.(*models.Error); e == nil || e.RetryAfterSeconds <= 0 || !strings.Contains(e.Message, "Coba lagi") {
			t.Errorf("refusal %#v lacks a wait in Indonesian", err)
		}
		if strings.Contains(strings.ToLower(err.Error()), "sasaran") {
			t.Errorf("the refusal names the address: %v", err)
		}
		// Another address is not affected.
		if _, err := db.Subscribe(context.Background(), models.NewSubscription{Email: "lain@example.com", Search: ptr("jalan rusak")}); err != nil {
			t.Errorf("another address refused: %v", err)
		}
	})
}

// TestFollowDigest reads real mail from mailpit: an issue's follower is
// told at once of the answer, and of its correction only once the hour
// since has passed; a saved search's matches within the hour arrive as one
// digest. Nothing reaches an address before it is confirmed, and the demo
// data's history notifies nobody.
func TestFollowDigest(t *testing.T) {
	mp := mailtest.MustStart(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mp.DeleteAll(t)
		offset := movableClock(db)
		db.EnableFollowing()
		logs := startMailQueue(t, db, mp.SMTPURL())
		storetest.MustAgency(t, db, "dpupr", "Dinas PUPR")
		trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
		pic := storetest.As(storetest.MustUser(t, db, "pic@example.go.id", models.RolePIC, "dpupr"))
		ctx := models.NewContextWithClientAddr(context.Background(), "203.0.113.9")
		const issueFan, searchFan, unconfirmed = "pengikut.isu@example.com", "pengikut.cari@example.com", "belum@example.com"

		first, firstResponse := answered(t, db, trc, pic, "Jembatan Sungai Mahakam ditutup")
		if _, err := db.Subscribe(ctx, models.NewSubscription{Email: issueFan, IssueNumber: ptr(first.Number)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Subscribe(ctx, models.NewSubscription{Email: searchFan, Search: ptr("Banjir")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Subscribe(ctx, models.NewSubscription{Email: unconfirmed, Search: ptr("banjir")}); err != nil {
			t.Fatal(err)
		}
		waitFollow(t, db)
		for _, addr := range []string{issueFan, searchFan} {
			if _, err := db.ConfirmSubscription(ctx, confirmToken(t, mp, addr)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.ConfirmSubscription(ctx, "bukan-token"); models.ErrorCode(err) != models.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}

		// The correction of the followed issue: told at once.
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: firstResponse.ID,
			Body: "Jembatan dibuka kembali untuk kendaraan roda dua.", Reason: "Jembatan sudah dibuka sebagian."}); err != nil {
			t.Fatal(err)
		}
		waitFollow(t, db)
		got := followerMessages(t, mp, issueFan)
		if len(got) != 1 || !strings.Contains(got[0].Subject, "diperbarui") || !strings.Contains(got[0].Text, "Jembatan sudah dibuka sebagian.") {
			t.Fatalf("issue follower got %d messages (%v), want the correction", len(got), subjects(got))
		}
		stop := regexp.MustCompile(`^<` + regexp.QuoteMeta(testPublicURL) + `/langganan/berhenti/[A-Za-z0-9_-]{43}>$`)
		if !stop.MatchString(got[0].ListUnsubscribe.Header) || got[0].ListUnsubscribe.HeaderPost != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe %q, -Post %q", got[0].ListUnsubscribe.Header, got[0].ListUnsubscribe.HeaderPost)
		}
		// A second correction within the hour waits.
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: firstResponse.ID,
			Body: "Jembatan dibuka kembali untuk semua kendaraan.", Reason: "Jembatan sudah dibuka penuh."}); err != nil {
			t.Fatal(err)
		}

		// Two matching answers within the hour, and one that does not match.
		a, _ := answered(t, db, trc, pic, "Banjir rob di pesisir Kelurahan Karang Asam")
		b, _ := answered(t, db, trc, pic, "Tanggul jebol, warga khawatir kebanjiran")
		c, _ := answered(t, db, trc, pic, "Lampu jalan padam di Jalan Pahlawan")
		waitFollow(t, db)
		if got := followerMessages(t, mp, searchFan); len(got) != 0 {
			t.Fatalf("the search digest went out within its hour: %v", subjects(got))
		}
		if got := followerMessages(t, mp, issueFan); len(got) != 1 {
			t.Fatalf("the second correction went out within the hour: %v", subjects(got))
		}

		passHour(t, db, offset)
		digest := followerMessages(t, mp, searchFan)
		if len(digest) != 1 {
			t.Fatalf("search follower got %d messages, want one digest: %v", len(digest), subjects(digest))
		}
		if !strings.Contains(digest[0].Subject, `2 isu baru dijawab untuk pencarian "banjir"`) {
			t.Errorf("digest subject %q", digest[0].Subject)
		}
		for _, part := range []string{digest[0].Text, digest[0].HTML} {
			if !strings.Contains(part, a.Number) || !strings.Contains(part, b.Number) || strings.Contains(part, c.Number) {
				t.Errorf("the digest should list %s and %s, not %s:\n%s", a.Number, b.Number, c.Number, part)
			}
		}
		if got := followerMessages(t, mp, issueFan); len(got) != 2 || !strings.Contains(got[1].Text+got[0].Text, "Jembatan sudah dibuka penuh.") {
			t.Errorf("issue follower after the hour: %v", subjects(got))
		}
		for _, s := range mp.Messages(t) {
			if s.To[0].Address == unconfirmed && !strings.Contains(s.Subject, "Konfirmasi") {
				t.Errorf("an unconfirmed address got %q", s.Subject)
			}
		}
		for _, addr := range []string{issueFan, searchFan, unconfirmed} {
			if strings.Contains(logs.String(), addr) {
				t.Errorf("the log names %s", addr)
			}
		}
	})
}

// passHour moves db's clock on by an hour and makes the digest jobs
// waiting for it run, as the queue would once the hour has passed, then
// lets them finish.
func passHour(t *testing.T, db *store.DB, offset *atomic.Int64) {
	t.Helper()
	offset.Add(int64(61 * time.Minute))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	waiting, err := db.Jobs().List(ctx, store.FollowDigestKind, 100, jobs.StateScheduled)
	if err != nil {
		t.Fatal(err)
	}
	if len(waiting) == 0 {
		t.Fatal("no digest job waits for its hour")
	}
	for _, j := range waiting {
		if err := db.Jobs().Retry(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Jobs().WaitDone(ctx, 20*time.Millisecond, store.FollowFanoutKind, store.FollowDigestKind, store.MailKind); err != nil {
		t.Fatal(err)
	}
}

func subjects(ms []mailtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Subject)
	}
	return out
}

// TestFollowIgnoresHistory: loading the demo data replays hundreds of
// published answers; none reaches a follower.
func TestFollowIgnoresHistory(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.EnableFollowing()
		ctx := context.Background()
		// No agency exists yet, so the demo still loads; a saved search
		// that many demo issues match, confirmed by hand.
		if _, err := db.Subscribe(ctx, models.NewSubscription{Email: "sejarah@example.com", Search: ptr("warga")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Bun().NewUpdate().Table("subscriptions").Set("confirmed_at = ?", time.Now().UTC()).Where("1 = 1").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		storetest.MustLoadDemo(t, db, time.Now())
		jobsOf, err := db.Jobs().List(ctx, store.FollowFanoutKind, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(jobsOf) != 0 {
			t.Errorf("the demo history enqueued %d fanout jobs", len(jobsOf))
		}
		// The hook does enqueue for a person's answer: the check can fail.
		storetest.MustAgency(t, db, "dpupr", "Dinas PUPR")
		trc := storetest.As(storetest.MustUser(t, db, "trc.baru@example.go.id", models.RoleTRC, ""))
		pic := storetest.As(storetest.MustUser(t, db, "pic.baru@example.go.id", models.RolePIC, "dpupr"))
		answered(t, db, trc, pic, "Warga melaporkan jalan berlubang")
		if jobsOf, err = db.Jobs().List(ctx, store.FollowFanoutKind, 10); err != nil || len(jobsOf) != 1 {
			t.Errorf("a new answer enqueued %d fanout jobs (%v), want 1", len(jobsOf), err)
		}
	})
}

// TestFollowDigestTwiceAtOnce: two digest jobs of one address that run at
// the same time send its waiting correction once. The test holds the
// waiting event's row until both jobs are blocked: the first at deleting
// the event it has read, the second at locking the address's
// subscriptions. Without that lock the second would read the event before
// the first deleted it, and send it again. Only PostgreSQL runs two write
// transactions at once; SQLite takes them one after the other.
func TestFollowDigestTwiceAtOnce(t *testing.T) {
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skip(storetest.PostgresURLEnv + " is not set: two digests overlap only on PostgreSQL")
	}
	mp := mailtest.MustStart(t)
	db := storetest.MustOpen(t, store.Postgres)
	offset := movableClock(db)
	db.EnableFollowing()
	startMailQueue(t, db, mp.SMTPURL())
	storetest.MustAgency(t, db, "dpupr", "Dinas PUPR")
	trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
	pic := storetest.As(storetest.MustUser(t, db, "pic@example.go.id", models.RolePIC, "dpupr"))
	ctx := models.NewContextWithClientAddr(context.Background(), "203.0.113.9")
	const fan = "pengikut.isu@example.com"

	issue, response := answered(t, db, trc, pic, "Jembatan Sungai Mahakam ditutup")
	if _, err := db.Subscribe(ctx, models.NewSubscription{Email: fan, IssueNumber: ptr(issue.Number)}); err != nil {
		t.Fatal(err)
	}
	waitFollow(t, db)
	if _, err := db.ConfirmSubscription(ctx, confirmToken(t, mp, fan)); err != nil {
		t.Fatal(err)
	}
	// The first correction is told at once; the second waits for the hour.
	for _, reason := range []string{"Jembatan sudah dibuka sebagian.", "Jembatan sudah dibuka penuh."} {
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID, Body: "Jembatan dibuka kembali. " + reason, Reason: reason}); err != nil {
			t.Fatal(err)
		}
		waitFollow(t, db)
	}
	if got := followerMessages(t, mp, fan); len(got) != 1 {
		t.Fatalf("before the hour the follower got %d messages (%v), want the first correction", len(got), subjects(got))
	}
	var address string
	if err := db.Bun().NewSelect().Table("subscriptions").Column("email_hash").Scan(ctx, &address); err != nil {
		t.Fatal(err)
	}

	hold, err := db.Bun().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback() //nolint:errcheck // committed below; this is for a failed test
	var held []int64
	if err := hold.NewRaw("SELECT id FROM subscription_events FOR UPDATE").Scan(ctx, &held); err != nil || len(held) != 1 {
		t.Fatalf("held %d waiting events (%v), want the second correction", len(held), err)
	}
	offset.Add(int64(61 * time.Minute))
	waiting, err := db.Jobs().List(ctx, store.FollowDigestKind, 10, jobs.StateScheduled)
	if err != nil || len(waiting) != 1 {
		t.Fatalf("%d digest jobs wait for the hour (%v), want 1", len(waiting), err)
	}
	if err := db.Jobs().Retry(ctx, waiting[0].ID); err != nil {
		t.Fatal(err)
	}
	waitBlocked(t, db, 1)
	// A second digest of the address, as a change noted while the first
	// ran would enqueue.
	if err := db.Jobs().Add(ctx, store.FollowDigestArgs{Address: address}); err != nil {
		t.Fatal(err)
	}
	waitBlocked(t, db, 2)
	if err := hold.Commit(); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := db.Jobs().WaitDone(wctx, 20*time.Millisecond, store.FollowFanoutKind, store.FollowDigestKind, store.MailKind); err != nil {
		t.Fatal(err)
	}
	got := followerMessages(t, mp, fan)
	if len(got) != 2 {
		t.Fatalf("the follower got %d messages (%v), want the two corrections once each", len(got), subjects(got))
	}
	if !strings.Contains(got[0].Text+got[1].Text, "Jembatan sudah dibuka penuh.") {
		t.Errorf("the second message is not the second correction: %v", subjects(got))
	}
}

// waitBlocked waits until n sessions of db wait for a lock that another
// holds.
func waitBlocked(t *testing.T, db *store.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var blocked int
		if err := db.Bun().NewRaw("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").
			Scan(context.Background(), &blocked); err != nil {
			t.Fatal(err)
		}
		if blocked >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions wait for a lock after 15 s, want %d", blocked, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
