package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
)

// MailSender delivers one composed message; *mail.Sender is one.
type MailSender interface {
	Send(ctx context.Context, m mail.Message) error
}

// MailWorker sends the outbox's messages: the worker of MailKind jobs.
type MailWorker struct {
	// Composer renders the messages, with links under TANGGAP_PUBLIC_URL.
	Composer *mail.Composer
	// Sender delivers them; nil when mail is not configured: every job is
	// then set aside as dead, its message kept until MailRetention, and
	// retrying the dead jobs once mail is configured sends them.
	Sender MailSender
	// From is TANGGAP_MAIL_FROM, of which the Message-ID is derived.
	From string
	// Backoff is the wait after the n-th send refused for the moment;
	// MailBackoff when nil.
	Backoff func(n int) time.Duration
	Logger  *slog.Logger
}

// MailBackoff waits a minute after the first refused send, doubling up to
// two hours: MailMaxSends offers span about nine hours.
func MailBackoff(n int) time.Duration {
	return min(time.Minute<<min(max(n-1, 0), 10), 2*time.Hour)
}

// ErrMailNotConfigured sets a mail job aside when TANGGAP_SMTP_URL is not set.
var ErrMailNotConfigured = errors.New("mail not configured (TANGGAP_SMTP_URL)")

// RegisterMailWorker registers w as the worker of the mail jobs of q.
func (db *DB) RegisterMailWorker(q *jobs.Queue, w MailWorker) {
	if w.Logger == nil {
		w.Logger = slog.Default()
	}
	if w.Backoff == nil {
		w.Backoff = MailBackoff
	}
	jobs.Register(q, func(ctx context.Context, job *jobs.Job[MailArgs]) error {
		return db.sendMail(ctx, &w, job)
	})
}

// sendMail sends one outbox row at most once as far as SMTP allows: a row
// marked sent is never offered again, and the mark commits together with
// the job's completion. Only a process dying between the server's accepting
// the message and that commit makes the next run offer it again, under the
// same Message-ID. No log line carries the address.
func (db *DB) sendMail(ctx context.Context, w *MailWorker, job *jobs.Job[MailArgs]) error {
	id := job.Args.OutboxID
	log := w.Logger.With("outbox_id", id, "job_id", job.ID)
	m, err := db.MailToSend(ctx, id)
	switch {
	case err != nil:
		return err
	case m == nil, m.Sent, m.Stopped:
		return nil
	case m.Failed:
		return errors.New("mail given up earlier")
	}
	log = log.With("kind", m.Kind, "to_hash", mail.AddressHash(m.Notification.To))
	if w.Sender == nil {
		log.Warn("mail not configured (TANGGAP_SMTP_URL): the notification is set aside in the job queue's dead letter",
			"attempt", job.Attempt, "max_attempts", job.MaxAttempts)
		return ErrMailNotConfigured
	}
	msg, err := w.Composer.Compose(m.Notification)
	if err != nil {
		log.Error("mail not composed; given up", "error", err)
		if ferr := db.MarkMailFailed(ctx, id, err.Error()); ferr != nil {
			return ferr
		}
		return err
	}
	sends, err := db.NoteMailAttempt(ctx, id)
	if err != nil {
		return err
	}
	if err := w.Sender.Send(ctx, msg); err != nil {
		// SendError's text holds address hashes, never addresses.
		if mail.IsRetryable(err) && sends < MailMaxSends && ctx.Err() == nil {
			wait := w.Backoff(sends)
			log.Warn("mail not sent; trying again later", "sends", sends, "retry_in", wait, "error", err)
			if nerr := db.NoteMailError(ctx, id, err.Error()); nerr != nil {
				log.Warn("mail error not noted", "error", nerr)
			}
			return jobs.RetryLater(wait)
		}
		if ctx.Err() != nil {
			// Stopped mid-send (shutdown): again as soon as a worker runs.
			return jobs.RetryLater(0)
		}
		log.Error("mail refused; given up", "sends", sends, "error", err)
		if ferr := db.MarkMailFailed(ctx, id, err.Error()); ferr != nil {
			return ferr
		}
		return err
	}
	messageID := mail.MessageID(msg.ID, w.From)
	return db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.MarkMailSent(ctx, tx, id, messageID); err != nil {
			return err
		}
		return jobs.Complete(ctx, tx, job)
	})
}
