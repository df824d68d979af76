package mail

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Sender delivers composed messages over SMTP. Each Send opens its own
// connection, so a Sender is safe for concurrent use.
type Sender struct {
	cfg    Config
	from   *mail.Address
	domain string
	log    *slog.Logger
}

// NewSender checks cfg and returns a Sender. logger may be nil; it receives
// one line per message sent, naming the Message-ID and AddressHash of the
// recipient, never the address.
func NewSender(cfg Config, logger *slog.Logger) (*Sender, error) {
	if cfg.Host == "" || cfg.Port == 0 {
		return nil, errors.New("mail: the SMTP host and port are not set")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail: the sender address %q is not valid: %v", cfg.From, err)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	return &Sender{cfg: cfg, from: from, domain: domain, log: logger}, nil
}

// safeID is what may stand in a Message-ID's left part as it is.
var safeID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// MessageID returns the Message-ID header value, with angle brackets, of the
// message for notification id sent from the address from: the same id gives
// the same Message-ID, so a message sent again after a crash is recognised
// (by the recipient's mail program, and by tests).
func MessageID(id, from string) string {
	domain := "tanggap.invalid"
	if addr, err := mail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(addr.Address, "@"); ok && d != "" {
			domain = d
		}
	}
	left := id
	if !safeID.MatchString(id) {
		sum := sha256.Sum256([]byte(id))
		left = "h" + hex.EncodeToString(sum[:16])
	}
	return "<notifikasi." + left + "@" + domain + ">"
}

// AddressHash stands for an e-mail address in logs: the first 12 hex digits
// of the SHA-256 of the trimmed, lower-cased address.
func AddressHash(addr string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(addr))))
	return hex.EncodeToString(sum[:6])
}

// SendError is a failed delivery. Its text never contains an e-mail address:
// addresses in the server's reply are replaced by their AddressHash.
type SendError struct {
	// Retryable: the same message may be accepted later (connection
	// failures, time-outs, 4xx replies, and authentication or TLS failures,
	// which are the configuration's fault, not the message's). Otherwise
	// the server refused this message for good (a 5xx reply to MAIL FROM,
	// RCPT TO or DATA) or the message itself is invalid.
	Retryable bool
	// Code is the SMTP reply code, 0 when there was none.
	Code int
	// Stage is where it failed: "message", "connect", "sender",
	// "recipient", "data".
	Stage  string
	detail string
}

func (e *SendError) Error() string {
	kind := "permanent"
	if e.Retryable {
		kind = "retryable"
	}
	if e.Code != 0 {
		return fmt.Sprintf("mail: %s failure at %s (%d): %s", kind, e.Stage, e.Code, e.detail)
	}
	return fmt.Sprintf("mail: %s failure at %s: %s", kind, e.Stage, e.detail)
}

// IsRetryable reports whether err is a SendError that may succeed later.
// Errors of other types (a cancelled context, for one) count as retryable.
func IsRetryable(err error) bool {
	var se *SendError
	if errors.As(err, &se) {
		return se.Retryable
	}
	return err != nil
}

var addressPattern = regexp.MustCompile(`[^\s<>()\[\]@,;:"']+@[^\s<>()\[\]@,;:"']+`)

// redact replaces every e-mail address in s with its hash.
func redact(s string) string {
	return addressPattern.ReplaceAllStringFunc(s, func(a string) string { return "<alamat " + AddressHash(a) + ">" })
}

// Send delivers msg. It returns nil when the server accepted the message,
// and otherwise a *SendError saying whether to retry.
func (s *Sender) Send(ctx context.Context, msg Message) error {
	m, err := s.build(msg)
	if err != nil {
		return &SendError{Stage: "message", detail: redact(err.Error())}
	}
	client, err := s.client()
	if err != nil {
		return &SendError{Stage: "message", detail: redact(err.Error())}
	}
	if err := client.DialAndSendWithContext(ctx, m); err != nil {
		return classify(err)
	}
	s.log.Info("mail sent", "message_id", MessageID(msg.ID, s.cfg.From), "to_hash", AddressHash(msg.To))
	return nil
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.cfg.Host, RootCAs: s.cfg.RootCAs, MinVersion: tls.VersionTLS12}),
	}
	if s.cfg.ImplicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		// STARTTLS when the server offers it; a failed handshake is an
		// error, never a silent fall-back to plain text.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.cfg.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.loopback() {
			// The discovery refuses PLAIN without TLS; on loopback it is fine.
			auth = gomail.SMTPAuthPlain
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

func (s *Sender) build(msg Message) (*gomail.Msg, error) {
	if msg.ID == "" || msg.To == "" || msg.Subject == "" || msg.Text == "" || msg.HTML == "" || msg.Unsubscribe == "" {
		return nil, errors.New("the message lacks an ID, recipient, subject, text part, HTML part or stop link")
	}
	if strings.ContainsAny(msg.Unsubscribe, "<>\r\n ") {
		return nil, errors.New("the stop link is not a plain URL")
	}
	m := gomail.NewMsg()
	if err := m.FromFormat(s.from.Name, s.from.Address); err != nil {
		return nil, fmt.Errorf("sender: %w", err)
	}
	if err := m.To(msg.To); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	m.Subject(msg.Subject)
	m.SetMessageIDWithValue(strings.Trim(MessageID(msg.ID, s.cfg.From), "<>"))
	m.SetDateWithValue(time.Now())
	m.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, "<"+msg.Unsubscribe+">")
	m.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	// RFC 3834: no out-of-office replies to notifications.
	m.SetGenHeaderPreformatted("Auto-Submitted", "auto-generated")
	m.SetGenHeaderPreformatted("X-Auto-Response-Suppress", "All")
	m.SetBodyString(gomail.TypeTextPlain, msg.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	return m, nil
}

// classify turns a go-mail error into a SendError.
func classify(err error) *SendError {
	out := &SendError{Retryable: true, Stage: "connect", detail: redact(err.Error())}
	var se *gomail.SendError
	if errors.As(err, &se) {
		out.Code = se.ErrorCode()
		switch se.Reason {
		case gomail.ErrSMTPMailFrom:
			out.Stage = "sender"
		case gomail.ErrSMTPRcptTo:
			out.Stage = "recipient"
		case gomail.ErrSMTPData, gomail.ErrSMTPDataClose, gomail.ErrWriteContent:
			out.Stage = "data"
		case gomail.ErrGetSender, gomail.ErrGetRcpts, gomail.ErrNoUnencoded:
			out.Stage, out.Retryable = "message", false
			return out
		default:
			out.Stage = "connect"
		}
		if out.Code >= 500 && out.Stage != "connect" {
			out.Retryable = false
		}
		return out
	}
	// A reply during the connection (greeting, EHLO, STARTTLS, AUTH): the
	// server's or the configuration's problem, worth retrying.
	var tp *textproto.Error
	if errors.As(err, &tp) {
		out.Code = tp.Code
	}
	return out
}
