package mail_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/mail/mailtest"
)

const from = "Tanggap Kotabaru <noreply@tanggap.kotabaru.example>"

func mustSender(t *testing.T, smtpURL string, logger *slog.Logger) *mail.Sender {
	t.Helper()
	cfg, err := mail.ParseConfig(smtpURL, from)
	if err != nil {
		t.Fatal(err)
	}
	s, err := mail.NewSender(cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// find returns the stored message whose Message-ID is id.
func find(t *testing.T, srv *mailtest.Server, id string) mailtest.Summary {
	t.Helper()
	for _, m := range srv.Messages(t) {
		if "<"+m.MessageID+">" == id {
			return m
		}
	}
	t.Fatalf("no message with Message-ID %s", id)
	return mailtest.Summary{}
}

var (
	hrefPattern = regexp.MustCompile(`href="([^"]*)"`)
	urlPattern  = regexp.MustCompile(`https?://[^\s"<>]+`)
	leaks       = []string{"{{", "}}", "<no value>", "%!", "ZgotmplZ", "[]", "map["}
)

// TestEveryMessageThroughRealSMTP composes one message of every kind, sends
// it to mailpit and reads it back: both parts, absolute links under the
// public URL, the stop link, the exact List-Unsubscribe headers, the stable
// Message-ID, Indonesian text and no template leftovers.
func TestEveryMessageThroughRealSMTP(t *testing.T) {
	srv := mailtest.MustStart(t)
	composer, err := mail.NewComposer(publicURL, "Tanggap Kotabaru")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	sender := mustSender(t, srv.SMTPURL(), slog.New(slog.NewJSONHandler(&logs, nil)))
	ctx := context.Background()
	for i, c := range notifications() {
		n := c.n
		n.ID = fmt.Sprintf("job-%d", i+1)
		n.To = fmt.Sprintf("warga.%d@contoh.id", i+1)
		n.StopToken = fmt.Sprintf("berhenti-%d-Zx9", i+1)
		t.Run(fmt.Sprintf("%02d_%s", i+1, n.Kind), func(t *testing.T) {
			msg, err := composer.Compose(n)
			if err != nil {
				t.Fatal(err)
			}
			if err := sender.Send(ctx, msg); err != nil {
				t.Fatal(err)
			}
			srv.WaitForMessages(t, i+1)
			summary := find(t, srv, mail.MessageID(n.ID, from))
			got := srv.Message(t, summary.ID)
			headers := srv.Headers(t, summary.ID)
			stop := publicURL + "/langganan/berhenti/" + n.StopToken

			if len(got.To) != 1 || got.To[0].Address != n.To || got.From.Address != "noreply@tanggap.kotabaru.example" {
				t.Errorf("envelope: from %+v to %+v", got.From, got.To)
			}
			if got.Subject != msg.Subject || got.Subject == "" {
				t.Errorf("subject %q, composed %q", got.Subject, msg.Subject)
			}
			if strings.TrimSpace(got.Text) == "" || strings.TrimSpace(got.HTML) == "" {
				t.Fatalf("a part is empty: text %d bytes, HTML %d bytes", len(got.Text), len(got.HTML))
			}
			if raw := srv.Raw(t, summary.ID); !strings.Contains(raw, "multipart/alternative") {
				t.Errorf("the message is not multipart/alternative")
			}
			if v := headers["List-Unsubscribe"]; len(v) != 1 || v[0] != "<"+stop+">" {
				t.Errorf("List-Unsubscribe = %q, want <%s>", v, stop)
			}
			if v := headers["List-Unsubscribe-Post"]; len(v) != 1 || v[0] != "List-Unsubscribe=One-Click" {
				t.Errorf("List-Unsubscribe-Post = %q", v)
			}
			if got.ListUnsubscribe.Errors != "" {
				t.Errorf("mailpit finds List-Unsubscribe invalid: %s", got.ListUnsubscribe.Errors)
			}
			if v := headers["Message-Id"]; len(v) != 1 || v[0] != mail.MessageID(n.ID, from) {
				if v2 := headers["Message-ID"]; len(v2) != 1 || v2[0] != mail.MessageID(n.ID, from) {
					t.Errorf("Message-ID headers %q %q, want %s", v, v2, mail.MessageID(n.ID, from))
				}
			}
			for part, body := range map[string]string{"text": got.Text, "HTML": got.HTML} {
				if !strings.Contains(body, stop) {
					t.Errorf("%s part has no stop link %s", part, stop)
				}
				for _, leak := range leaks {
					if strings.Contains(body, leak) {
						t.Errorf("%s part contains %q", part, leak)
					}
				}
				if strings.Contains(body, n.To) {
					t.Errorf("%s part repeats the recipient's address", part)
				}
				for _, link := range urlPattern.FindAllString(body, -1) {
					if !strings.HasPrefix(link, publicURL+"/") {
						t.Errorf("%s part links outside the public URL: %s", part, link)
					}
				}
				// Indonesian words every message has, in its footer.
				for _, word := range []string{"Anda menerima surel ini", "Berhenti menerima pemberitahuan"} {
					if !strings.Contains(body, word) {
						t.Errorf("%s part lacks %q", part, word)
					}
				}
			}
			for _, m := range hrefPattern.FindAllStringSubmatch(got.HTML, -1) {
				if !strings.HasPrefix(m[1], publicURL+"/") {
					t.Errorf("HTML link %q is not absolute under %s", m[1], publicURL)
				}
			}
			for _, want := range c.want {
				wantHTML := strings.ReplaceAll(want, "&", "&amp;")
				if !strings.Contains(got.Subject+"\n"+got.Text, want) {
					t.Errorf("subject and text lack %q:\n%s\n%s", want, got.Subject, got.Text)
				}
				if !strings.Contains(got.HTML, want) && !strings.Contains(got.HTML, wantHTML) {
					t.Errorf("HTML lacks %q", want)
				}
			}
		})
	}
	if strings.Contains(logs.String(), "@contoh.id") {
		t.Errorf("the log names a recipient:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), mail.AddressHash("warga.1@contoh.id")) {
		t.Errorf("the log lacks the recipient's hash:\n%s", logs.String())
	}
}

// TestResendKeepsTheMessageID: sending the same notification again (as a
// worker does after a crash) gives a message with the same Message-ID.
func TestResendKeepsTheMessageID(t *testing.T) {
	srv := mailtest.MustStart(t)
	composer, _ := mail.NewComposer(publicURL, "")
	sender := mustSender(t, srv.SMTPURL(), nil)
	msg, err := composer.Compose(mail.Notification{ID: "job-77", Kind: mail.KindReceipt, To: "warga@contoh.id",
		StopToken: "s", TrackingCode: "TNY-AAAA-BBBB"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := sender.Send(context.Background(), msg); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.WaitForMessages(t, 2)
	if msgs[0].MessageID != msgs[1].MessageID || "<"+msgs[0].MessageID+">" != mail.MessageID("job-77", from) {
		t.Fatalf("Message-IDs %q and %q, want both %s", msgs[0].MessageID, msgs[1].MessageID, mail.MessageID("job-77", from))
	}
}

func testMessage(t *testing.T, to string) mail.Message {
	t.Helper()
	composer, _ := mail.NewComposer(publicURL, "")
	msg, err := composer.Compose(mail.Notification{ID: "job-9", Kind: mail.KindIssueAnswered, To: to, StopToken: "s",
		Issue: mail.Issue{Number: "KTB-2026-000009", Title: "Jalan rusak"}})
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// TestSendErrorsAreClassified uses mailpit's fault injection to refuse the
// sender or the recipient with a given reply code.
func TestSendErrorsAreClassified(t *testing.T) {
	srv := mailtest.MustStart(t)
	sender := mustSender(t, srv.SMTPURL(), nil)
	to := "penerima.rahasia@contoh.id"
	off := mailtest.Trigger{}
	cases := []struct {
		name              string
		sender, recipient mailtest.Trigger
		retryable         bool
		code              int
		stage             string
	}{
		{"Recipient550IsPermanent", off, mailtest.Trigger{ErrorCode: 550, Probability: 100}, false, 550, "recipient"},
		{"Recipient451IsRetryable", off, mailtest.Trigger{ErrorCode: 451, Probability: 100}, true, 451, "recipient"},
		{"Sender421IsRetryable", mailtest.Trigger{ErrorCode: 421, Probability: 100}, off, true, 421, "sender"},
		{"Sender553IsPermanent", mailtest.Trigger{ErrorCode: 553, Probability: 100}, off, false, 553, "sender"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv.SetChaos(t, c.sender, c.recipient)
			err := sender.Send(context.Background(), testMessage(t, to))
			var se *mail.SendError
			if !errorsAs(err, &se) {
				t.Fatalf("Send = %v, want a *mail.SendError", err)
			}
			if se.Retryable != c.retryable || se.Code != c.code || se.Stage != c.stage || mail.IsRetryable(err) != c.retryable {
				t.Fatalf("Send = %+v (%v), want retryable %v code %d at %s", se, err, c.retryable, c.code, c.stage)
			}
			if strings.Contains(err.Error(), to) || strings.Contains(err.Error(), "rahasia") {
				t.Fatalf("the error names the recipient: %v", err)
			}
		})
	}
	srv.SetChaos(t, off, off)
	if err := sender.Send(context.Background(), testMessage(t, to)); err != nil {
		t.Fatalf("after the faults are off: %v", err)
	}
	if n := len(srv.WaitForMessages(t, 1)); n != 1 {
		t.Fatalf("%d messages stored, want only the last", n)
	}
}

func TestConnectionRefusedIsRetryable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	err = mustSender(t, "smtp://"+addr, nil).Send(context.Background(), testMessage(t, "warga@contoh.id"))
	var se *mail.SendError
	if !errorsAs(err, &se) || !se.Retryable || se.Stage != "connect" {
		t.Fatalf("Send = %v, want a retryable connect failure", err)
	}
}

func TestInvalidRecipientIsPermanent(t *testing.T) {
	srv := mailtest.MustStart(t)
	err := mustSender(t, srv.SMTPURL(), nil).Send(context.Background(), testMessage(t, "bukan alamat"))
	if err == nil || mail.IsRetryable(err) {
		t.Fatalf("Send = %v, want a permanent failure", err)
	}
}

// TestSTARTTLSAndAuthentication runs mailpit with a certificate made for the
// test, requiring STARTTLS, and sends with a user and password: the message
// arrives when the certificate is trusted, and is refused (retryably) when it
// is not, so the connection really was upgraded and verified.
func TestSTARTTLSAndAuthentication(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	srv := mailtest.MustStart(t, "--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile,
		"--smtp-require-starttls", "--smtp-auth-accept-any")
	cfg, err := mail.ParseConfig("smtp://pengirim:sandi-uji@"+srv.SMTPAddr, from)
	if err != nil {
		t.Fatal(err)
	}
	untrusting, _ := mail.NewSender(cfg, nil)
	err = untrusting.Send(context.Background(), testMessage(t, "warga@contoh.id"))
	if err == nil || !mail.IsRetryable(err) {
		t.Fatalf("with an untrusted certificate: %v, want a retryable failure", err)
	}
	cfg.RootCAs = pool
	trusting, _ := mail.NewSender(cfg, nil)
	if err := trusting.Send(context.Background(), testMessage(t, "warga@contoh.id")); err != nil {
		t.Fatal(err)
	}
	msgs := srv.WaitForMessages(t, 1)
	if len(msgs) != 1 || msgs[0].Username != "pengirim" {
		t.Fatalf("stored %+v, want one message sent as user pengirim", msgs)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns a
// pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
