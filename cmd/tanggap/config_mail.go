package main

import (
	"context"
	"log/slog"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
)

// mailConfig reads TANGGAP_SMTP_URL and TANGGAP_MAIL_FROM: nil when no SMTP
// server is set (notifications are then set aside in the job queue's dead
// letter), an error naming the setting when either is wrong.
func mailConfig(getenv func(string) string) (*mail.Config, error) {
	raw := getenv("TANGGAP_SMTP_URL")
	if raw == "" {
		return nil, nil
	}
	cfg, err := mail.ParseConfig(raw, getenv("TANGGAP_MAIL_FROM"))
	if err != nil {
		return nil, err
	}
	return &cfg, nil
}

// maskedMail describes the mail settings for the configuration dump, the
// password hidden.
func maskedMail(c *mail.Config) string {
	if c == nil {
		return "not configured (TANGGAP_SMTP_URL)"
	}
	return c.String()
}

// mailNotice is the line serve --demo prints about mail.
func mailNotice(c *mail.Config) string {
	if c == nil {
		return "Mail: not configured (TANGGAP_SMTP_URL); notifications wait in the queue's dead letter."
	}
	return "Mail: notifications are sent through " + c.String() + "."
}

// startMail makes askers get mail about their questions and registers the
// mail worker on the store's queue (before the queue starts). Without SMTP
// the messages are still written, and their jobs set aside as dead: once
// mail is configured, retrying the dead jobs sends them (within
// store.MailRetention).
func startMail(cfg Config, db *store.DB, publicURL string) error {
	composer, err := mail.NewComposer(publicURL, "")
	if err != nil {
		return err
	}
	w := store.MailWorker{Composer: composer, Logger: slog.Default()}
	if cfg.Mail != nil {
		sender, err := mail.NewSender(*cfg.Mail, slog.Default())
		if err != nil {
			return err
		}
		w.Sender, w.From = sender, cfg.Mail.From
	} else {
		slog.Warn("mail not configured (TANGGAP_SMTP_URL): notifications are set aside in the job queue's dead letter")
	}
	db.EnableAskerMail()
	db.RegisterMailWorker(db.Jobs(), w)
	return nil
}

// mailReadiness is the "mail" entry of /readyz: whether mail is configured,
// the outbox by state and the dead mail jobs. Like search it never makes the
// instance unready.
func mailReadiness(cfg Config, db *store.DB) server.MailStatus {
	return func(ctx context.Context) map[string]any {
		out := map[string]any{"configured": cfg.Mail != nil}
		if cfg.Mail == nil {
			out["status"] = "not configured (TANGGAP_SMTP_URL); notifications wait in the queue's dead letter"
		} else {
			out["status"] = "configured"
		}
		if s, err := db.MailStats(ctx); err == nil {
			out["waiting"], out["sent"], out["failed"] = s.Waiting, s.Sent, s.Failed
		}
		if dead, err := db.Jobs().List(ctx, store.MailKind, 10000, jobs.StateDead); err == nil {
			out["dead"] = len(dead)
		}
		return out
	}
}
