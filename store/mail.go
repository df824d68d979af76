package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	netmail "net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/models"
)

// MailKind is the job kind that sends one row of the mail outbox.
const MailKind = "mail.send"

// MailJobAttempts bounds the runs of a mail job that fail for good (a
// refused message, mail not configured) or die with their process: such a
// job is dead after this many runs. Sends refused for the moment are tried
// again without counting (MailMaxSends bounds them).
const MailJobAttempts = 4

// MailMaxSends is how often one message is offered to the SMTP server
// before it is given up.
const MailMaxSends = 10

// MailRetention is how long the record of a sent or failed message (kind,
// address hash, Message-ID, times: never the address) is kept, and how long
// a message that was never sent waits, its address included.
const MailRetention = 30 * 24 * time.Hour

// mailStopped is the last_error of a message dropped by the stop link.
const mailStopped = "stopped by the recipient"

// MailArgs are the arguments of a mail job: the outbox row to send.
type MailArgs struct {
	OutboxID int64 `json:"outbox_id"`
}

// Kind names the mail worker.
func (MailArgs) Kind() string { return MailKind }

// JobOptions bounds the job's counted runs.
func (MailArgs) JobOptions() jobs.Options { return jobs.Options{MaxAttempts: MailJobAttempts} }

// mailRow is one message of the outbox. Recipient holds the address only
// until the message is sent or given up; Payload is the notification
// without its address and is cleared at the same time.
type mailRow struct {
	bun.BaseModel `bun:"table:mail_outbox"`

	ID            int64      `bun:"id,pk,autoincrement"`
	Kind          string     `bun:"kind,notnull"`
	Recipient     string     `bun:"recipient,notnull"`
	RecipientHash string     `bun:"recipient_hash,notnull"`
	QuestionID    *int64     `bun:"question_id"`
	Payload       string     `bun:"payload,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	SentAt        *time.Time `bun:"sent_at"`
	FailedAt      *time.Time `bun:"failed_at"`
	MessageID     string     `bun:"message_id,notnull"`
	Attempts      int        `bun:"attempts,notnull"`
	LastError     string     `bun:"last_error,notnull"`
}

// enqueueMail writes n to the outbox and enqueues the job that sends it,
// inside tx: the message exists exactly when the change that calls for it
// commits. n.ID is ignored (the row's id becomes the notification's id).
func (db *DB) enqueueMail(ctx context.Context, tx bun.Tx, n mail.Notification) error {
	return db.enqueueMailFor(ctx, tx, n, nil)
}

// enqueueMailFor is enqueueMail for a message to the asker of a question.
func (db *DB) enqueueMailFor(ctx context.Context, tx bun.Tx, n mail.Notification, questionID *int64) error {
	to := strings.TrimSpace(n.To)
	if to == "" {
		return errors.New("enqueue mail: no recipient")
	}
	n.To, n.ID = "", ""
	payload, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("encode mail: %w", err)
	}
	row := &mailRow{Kind: string(n.Kind), Recipient: to, RecipientHash: mail.AddressHash(to),
		QuestionID: questionID, Payload: string(payload), CreatedAt: db.now()}
	if _, err := tx.NewInsert().Model(row).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("insert mail: %w", err)
	}
	if row.ID == 0 {
		return errors.New("insert mail: no id returned")
	}
	return jobs.Enqueue(ctx, tx, MailArgs{OutboxID: row.ID})
}

// OutboxMail is one message of the outbox as the mail worker sees it.
type OutboxMail struct {
	ID   int64
	Kind mail.Kind
	// Notification is the message to compose, its ID and To filled in; To
	// is empty once the message was sent, given up or stopped.
	Notification mail.Notification
	Sent         bool
	Failed       bool
	// Stopped: the asker followed the stop link before it was sent.
	Stopped   bool
	Attempts  int
	MessageID string
}

// MailToSend loads an outbox row for the mail worker; nil when it is gone
// (deleted after MailRetention).
func (db *DB) MailToSend(ctx context.Context, id int64) (*OutboxMail, error) {
	row := new(mailRow)
	err := db.bun.NewSelect().Model(row).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("load mail %d: %w", id, err)
	}
	m := &OutboxMail{ID: row.ID, Kind: mail.Kind(row.Kind), Sent: row.SentAt != nil, Failed: row.FailedAt != nil,
		Stopped:  row.FailedAt != nil && row.LastError == mailStopped,
		Attempts: row.Attempts, MessageID: row.MessageID}
	if err := json.Unmarshal([]byte(row.Payload), &m.Notification); err != nil {
		return nil, fmt.Errorf("decode mail %d: %w", id, err)
	}
	m.Notification.ID = strconv.FormatInt(row.ID, 10)
	m.Notification.To = row.Recipient
	return m, nil
}

// NoteMailAttempt counts one more offer of the message to the SMTP server,
// committed before the offer, and returns the count.
func (db *DB) NoteMailAttempt(ctx context.Context, id int64) (int, error) {
	var attempts int
	err := db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model((*mailRow)(nil)).Set("attempts = attempts + 1").Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model((*mailRow)(nil)).Column("attempts").Where("id = ?", id).Scan(ctx, &attempts)
	})
	if err != nil {
		return 0, fmt.Errorf("count mail attempt %d: %w", id, err)
	}
	return attempts, nil
}

// MarkMailSent records inside tx that the message was accepted by the SMTP
// server under messageID, and forgets its address and content. A row
// already marked keeps its first mark. Records older than MailRetention
// are deleted on the way.
func (db *DB) MarkMailSent(ctx context.Context, tx bun.Tx, id int64, messageID string) error {
	now := db.now()
	if _, err := tx.NewUpdate().Model((*mailRow)(nil)).
		Set("sent_at = ?", now).Set("message_id = ?", messageID).
		Set("recipient = ''").Set("payload = '{}'").Set("last_error = ''").
		Where("id = ?", id).Where("sent_at IS NULL").
		Exec(ctx); err != nil {
		return fmt.Errorf("mark mail %d sent: %w", id, err)
	}
	return pruneMail(ctx, tx, now)
}

// MarkMailFailed records that the message will not be sent, with reason
// (which must hold no address), and forgets its address and content.
func (db *DB) MarkMailFailed(ctx context.Context, id int64, reason string) error {
	now := db.now()
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Model((*mailRow)(nil)).
			Set("failed_at = ?", now).Set("last_error = ?", reason).
			Set("recipient = ''").Set("payload = '{}'").
			Where("id = ?", id).Where("sent_at IS NULL").
			Exec(ctx); err != nil {
			return fmt.Errorf("mark mail %d failed: %w", id, err)
		}
		return pruneMail(ctx, tx, now)
	})
}

// NoteMailError keeps the latest error of a message still to be sent.
func (db *DB) NoteMailError(ctx context.Context, id int64, reason string) error {
	_, err := db.bun.NewUpdate().Model((*mailRow)(nil)).Set("last_error = ?", reason).Where("id = ?", id).Exec(ctx)
	return err
}

// pruneMail deletes the outbox rows older than MailRetention: records of
// sent or failed messages, and messages never sent (mail not configured)
// whose job the queue has set aside and forgotten by then.
func pruneMail(ctx context.Context, tx bun.Tx, now time.Time) error {
	if _, err := tx.NewDelete().Model((*mailRow)(nil)).Where("created_at < ?", now.Add(-MailRetention)).Exec(ctx); err != nil {
		return fmt.Errorf("prune mail: %w", err)
	}
	return nil
}

// MailStats counts the outbox for operators: waiting, sent and failed
// messages. It never returns addresses.
type MailStats struct {
	Waiting, Sent, Failed int
}

// MailStats counts the outbox rows by state.
func (db *DB) MailStats(ctx context.Context) (MailStats, error) {
	var s MailStats
	var rows []struct {
		State string `bun:"state"`
		N     int    `bun:"n"`
	}
	err := db.bun.NewSelect().Model((*mailRow)(nil)).
		ColumnExpr("CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'waiting' END AS state").
		ColumnExpr("COUNT(*) AS n").GroupExpr("1").Scan(ctx, &rows)
	if err != nil {
		return s, err
	}
	for _, r := range rows {
		switch r.State {
		case "sent":
			s.Sent = r.N
		case "failed":
			s.Failed = r.N
		default:
			s.Waiting = r.N
		}
	}
	return s, nil
}

// --- The asker is told ---------------------------------------------------

// newMailStopToken returns a fresh stop token: 32 random bytes, URL-safe.
func newMailStopToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// isEmailContact reports whether a question's contact is an e-mail address
// (a contact is an e-mail address or a phone number; only the first gets
// mail).
func isEmailContact(contact string) bool {
	if contact == "" || !strings.Contains(contact, "@") {
		return false
	}
	addr, err := netmail.ParseAddress(contact)
	return err == nil && strings.EqualFold(addr.Address, contact)
}

// questionMailToken is the stop token of a question whose asker gets mail.
type questionMailToken struct {
	bun.BaseModel `bun:"table:question_mail_tokens"`

	QuestionID int64  `bun:"question_id,pk"`
	Token      string `bun:"token,notnull"`
}

// askerRow is what a message to the asker of a question needs.
type askerRow struct {
	ID           int64                 `bun:"id"`
	TrackingCode string                `bun:"tracking_code"`
	Body         string                `bun:"body"`
	Contact      string                `bun:"contact"`
	Status       models.QuestionStatus `bun:"status"`
	IssueID      *int64                `bun:"issue_id"`
	RejectReason string                `bun:"reject_reason"`
	StopToken    string                `bun:"token"`
}

// EnableAskerMail makes every question submitted with an e-mail address
// tell its asker, by e-mail, of its receipt, of its link to an issue, of
// the publication and every correction of that issue's official answer,
// and of its rejection. The messages are enqueued in the transaction of the
// change (see OnAudit). Only questions that arrived through SubmitQuestion
// carry a stop token, and only they get mail: the demo loader's and old
// questions never do, so backfilled history notifies nobody.
func (db *DB) EnableAskerMail() {
	db.OnAuditChange(db.askerMail) // reads the action, subject and changes only
}

func (db *DB) askerMail(ctx context.Context, tx bun.Tx, e *models.AuditEntry) error {
	switch e.Action {
	case "question.submit", "question.link", "question.open_issue", "question.reject":
		id, err := strconv.ParseInt(strings.TrimPrefix(e.Subject, "question:"), 10, 64)
		if err != nil {
			return nil
		}
		return db.tellAsker(ctx, tx, e.Action, id)
	case "issue.answered", "issue.revised", "issue.assigned", "issue.made_public":
		return db.tellAskersOfIssue(ctx, tx, e)
	}
	return nil
}

// askers loads the questions that get mail, narrowed by where, whose one
// placeholder is arg, through the prepared statement called name (queryTx).
func (db *DB) askers(ctx context.Context, tx bun.Tx, name, where string, arg any) ([]askerRow, error) {
	var rows []askerRow
	err := db.queryTx(ctx, tx, name, func() string {
		return db.bun.NewSelect().TableExpr("questions AS q").
			Join("JOIN question_mail_tokens AS t ON t.question_id = q.id").
			ColumnExpr("q.id, q.tracking_code, q.body, q.contact, q.status, q.issue_id, q.reject_reason, t.token").
			Where(where, db.param()).Where("q.contact <> ''").
			OrderExpr("q.id ASC").String()
	}, &rows, arg)
	return rows, err
}

func (db *DB) tellAsker(ctx context.Context, tx bun.Tx, action string, id int64) error {
	rows, err := db.askers(ctx, tx, "askersOfQuestion", "q.id = ?", id)
	if err != nil || len(rows) == 0 {
		return err
	}
	q := rows[0]
	if !isEmailContact(q.Contact) {
		return nil
	}
	n := mail.Notification{To: q.Contact, StopToken: q.StopToken, TrackingCode: q.TrackingCode, Question: q.Body}
	switch action {
	case "question.submit":
		n.Kind = mail.KindReceipt
	case "question.link", "question.open_issue":
		if q.IssueID == nil {
			return nil
		}
		// An issue the public cannot see yet (a new one) is announced
		// when it becomes public (tellAskersOfIssue).
		issue, ok, err := mailIssue(ctx, tx, *q.IssueID)
		if err != nil || !ok {
			return err
		}
		n.Kind, n.Issue = mail.KindLinked, issue
	case "question.reject":
		n.Kind, n.Reason = mail.KindRejected, q.RejectReason
	default:
		return nil
	}
	return db.enqueueMailFor(ctx, tx, n, &q.ID)
}

func (db *DB) tellAskersOfIssue(ctx context.Context, tx bun.Tx, e *models.AuditEntry) error {
	// One statement for the common case of an issue nobody asked about.
	number := strings.TrimPrefix(e.Subject, "issue:")
	rows, err := db.askers(ctx, tx, "askersOfIssue", "q.issue_id = (SELECT id FROM issues WHERE number = ?)", number)
	if err != nil || len(rows) == 0 {
		return err
	}
	issue, ok, err := mailIssue(ctx, tx, *rows[0].IssueID)
	if err != nil || !ok {
		return err
	}
	kind, reason := mail.KindAnswered, ""
	switch e.Action {
	case "issue.revised":
		kind = mail.KindRevised
		var changes map[string]any
		if json.Unmarshal([]byte(e.Changes), &changes) == nil {
			reason, _ = changes["reason"].(string)
		}
	case "issue.assigned", "issue.made_public":
		// The issue became public: askers linked while it was not are
		// told now, once.
		kind = mail.KindLinked
	}
	for _, q := range rows {
		if q.Status != models.QuestionLinked || !isEmailContact(q.Contact) {
			continue
		}
		if kind == mail.KindLinked {
			told, err := tx.NewSelect().Model((*mailRow)(nil)).Where("question_id = ?", q.ID).
				Where("kind = ?", string(mail.KindLinked)).Exists(ctx)
			if err != nil {
				return err
			} else if told {
				continue
			}
		}
		n := mail.Notification{Kind: kind, To: q.Contact, StopToken: q.StopToken, TrackingCode: q.TrackingCode,
			Question: q.Body, Issue: issue, Reason: reason}
		if err := db.enqueueMailFor(ctx, tx, n, &q.ID); err != nil {
			return err
		}
	}
	return nil
}

// mailIssue describes an issue for a message; ok is false when the public
// may not see it (the link would lead nowhere).
func mailIssue(ctx context.Context, tx bun.Tx, id int64) (mail.Issue, bool, error) {
	issue := new(models.Issue)
	if err := tx.NewSelect().Model(issue).Where("id = ?", id).Scan(ctx); err != nil {
		return mail.Issue{}, false, fmt.Errorf("load issue for mail: %w", err)
	}
	if !issue.IsPublic() {
		return mail.Issue{}, false, nil
	}
	out := mail.Issue{Number: issue.Number, Title: issue.Title}
	if issue.Verdict != nil {
		out.Verdict = *issue.Verdict
	}
	if issue.AgencyID != nil {
		var name string
		if err := tx.NewSelect().Table("agencies").Column("name").Where("id = ?", *issue.AgencyID).Scan(ctx, &name); err == nil {
			out.Agency = name
		}
	}
	return out, true, nil
}

// StopAskerMail stops every further message to the asker whose question
// holds token: the question's contact address and token are deleted, and
// messages still waiting for it are dropped. It reports whether the token
// was known. Anyone holding the token may call it (the stop link of every
// message, RFC 8058 one-click).
func (db *DB) StopAskerMail(ctx context.Context, token string) (bool, error) {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 128 {
		return false, nil
	}
	found := false
	err := db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		var ids []int64
		if err := tx.NewSelect().Model((*questionMailToken)(nil)).Column("question_id").Where("token = ?", token).Scan(ctx, &ids); err != nil {
			return err
		}
		found = len(ids) > 0
		if !found {
			return nil
		}
		if _, err := tx.NewUpdate().Table("questions").Set("contact = ''").Set("updated_at = ?", now).
			Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
			return fmt.Errorf("stop asker mail: %w", err)
		}
		if _, err := tx.NewDelete().Model((*questionMailToken)(nil)).Where("question_id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
			return fmt.Errorf("stop asker mail: %w", err)
		}
		if _, err := tx.NewUpdate().Model((*mailRow)(nil)).
			Set("failed_at = ?", now).Set("last_error = ?", mailStopped).
			Set("recipient = ''").Set("payload = '{}'").
			Where("question_id IN (?)", bun.In(ids)).Where("sent_at IS NULL").Where("failed_at IS NULL").
			Exec(ctx); err != nil {
			return fmt.Errorf("stop asker mail: %w", err)
		}
		return nil
	})
	return found, err
}
