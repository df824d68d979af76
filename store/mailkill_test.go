package store_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/mail/mailtest"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// The environment of a mail worker process started by TestMailWorkerKilledMidSend.
const (
	childDBEnv   = "TANGGAP_TEST_MAIL_CHILD_DB"
	childSMTPEnv = "TANGGAP_TEST_MAIL_CHILD_SMTP"
)

func TestMain(m *testing.M) {
	if url := os.Getenv(childDBEnv); url != "" {
		os.Exit(runMailChild(url, os.Getenv(childSMTPEnv)))
	}
	os.Exit(m.Run())
}

// runMailChild is a mail worker process: it sends the outbox of the
// database at dbURL through smtpURL until it is stopped or killed.
func runMailChild(dbURL, smtpURL string) int {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	db, err := store.Open(dbURL, store.Options{Hasher: auth.Argon2id{}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 2
	}
	defer db.Close()
	composer, err := mail.NewComposer(testPublicURL, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	cfg, err := mail.ParseConfig(smtpURL, testMailFrom)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	sender, err := mail.NewSender(cfg, logger)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	db.RegisterMailWorker(db.Jobs(), store.MailWorker{Composer: composer, Sender: sender, From: cfg.From, Logger: logger})
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := db.Jobs().Start(ctx, jobs.Config{PollInterval: 50 * time.Millisecond, RescueAfter: time.Second,
		Backoff: func(int) time.Duration { return 50 * time.Millisecond }, Logger: logger}); err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		return 2
	}
	fmt.Println("worker started")
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db.Jobs().Stop(sctx) //nolint:errcheck // exiting
	return 0
}

// stallProxy forwards SMTP between the worker and mailpit. While stalling,
// it forwards the client's DATA command but holds back the message after
// it, so the worker hangs in the DATA phase and mailpit never receives the
// message.
type stallProxy struct {
	ln       net.Listener
	upstream string
	mu       sync.Mutex
	stall    bool
	stalled  chan struct{}
	once     sync.Once
}

func startStallProxy(t *testing.T, upstream string) *stallProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln, upstream: upstream, stall: true, stalled: make(chan struct{})}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *stallProxy) setStall(v bool) {
	p.mu.Lock()
	p.stall = v
	p.mu.Unlock()
}

func (p *stallProxy) serve(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	p.mu.Lock()
	stall := p.stall
	p.mu.Unlock()
	go io.Copy(client, server) //nolint:errcheck // the connection ends
	if !stall {
		io.Copy(server, client) //nolint:errcheck // the connection ends
		return
	}
	r := bufio.NewReader(client)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if _, werr := server.Write(line); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
		if bytes.EqualFold(bytes.TrimSpace(line), []byte("DATA")) {
			break
		}
	}
	// Hold the message: read it from the worker, forward nothing.
	p.once.Do(func() { close(p.stalled) })
	io.Copy(io.Discard, r) //nolint:errcheck // until the worker dies
}

func startMailChild(t *testing.T, dbURL, smtpURL string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDBEnv+"="+dbURL, childSMTPEnv+"="+smtpURL)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Signal(syscall.SIGTERM) //nolint:errcheck // may be gone
			cmd.Wait()                          //nolint:errcheck // stopped
		}
	})
	return cmd
}

// TestMailWorkerKilledMidSend: a worker process killed while the SMTP
// server waits for the message, then started again, sends it exactly once.
func TestMailWorkerKilledMidSend(t *testing.T) {
	mp := mailtest.MustStart(t)
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			mp.DeleteAll(t)
			var dbURL string
			if dialect == store.SQLite {
				dbURL = "sqlite:" + filepath.Join(t.TempDir(), "tanggap.db")
			} else {
				dbURL = storetest.NewPostgresURL(t)
			}
			db, err := store.Open(dbURL, store.Options{Hasher: auth.Argon2id{}})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			db.EnableAskerMail()
			const addr = "sekali.saja@example.com"
			q, _, err := db.SubmitQuestion(models.NewContextWithClientAddr(context.Background(), "203.0.113.10"),
				models.NewQuestion{Body: "Apakah pasar malam di alun-alun dibuka lagi minggu ini?", Contact: addr})
			if err != nil {
				t.Fatal(err)
			}

			proxy := startStallProxy(t, mp.SMTPAddr)
			smtpURL := "smtp://" + proxy.ln.Addr().String()
			first := startMailChild(t, dbURL, smtpURL)
			select {
			case <-proxy.stalled:
			case <-time.After(2 * time.Minute):
				t.Fatal("the worker never reached the DATA phase")
			}
			if err := first.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.Wait() //nolint:errcheck // killed
			if n := len(mp.Messages(t)); n != 0 {
				t.Fatalf("mailpit holds %d messages while the send was stalled", n)
			}

			proxy.setStall(false)
			second := startMailChild(t, dbURL, smtpURL)
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			if err := db.Jobs().WaitDone(ctx, 100*time.Millisecond, store.MailKind); err != nil {
				t.Fatalf("the restarted worker did not finish: %v", err)
			}
			second.Process.Signal(syscall.SIGTERM) //nolint:errcheck // stop it
			second.Wait()                          //nolint:errcheck // stopped

			msgs := mp.Messages(t)
			if len(msgs) != 1 {
				t.Fatalf("mailpit holds %d messages, want exactly 1", len(msgs))
			}
			m := mp.Message(t, msgs[0].ID)
			if len(m.To) != 1 || m.To[0].Address != addr || !bytes.Contains([]byte(m.Subject), []byte(q.TrackingCode)) {
				t.Errorf("the message is %q to %v", m.Subject, m.To)
			}
			var sends int
			if err := db.Bun().NewSelect().Table("mail_outbox").Column("attempts").Scan(context.Background(), &sends); err != nil {
				t.Fatal(err)
			}
			if sends != 2 {
				t.Errorf("the message was offered %d times, want 2 (the stalled one and the one after the restart)", sends)
			}
			if dead, err := db.Jobs().Dead(context.Background(), store.MailKind, 10); err != nil || len(dead) != 0 {
				t.Errorf("dead mail jobs: %v, %v", dead, err)
			}
		})
	}
}
