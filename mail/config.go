// Package mail composes the portal's Indonesian e-mail notifications and
// sends them over SMTP with github.com/wneessen/go-mail. A Composer turns a
// Notification into a Message (plain-text and HTML parts from embedded
// templates, absolute links under the public base URL, a stop link and
// one-click List-Unsubscribe headers); a Sender delivers it and classifies
// failures as retryable or permanent. Nothing here knows of queues or
// storage. E-mail addresses are never written to logs: AddressHash stands in
// for them.
package mail

import (
	"crypto/x509"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds connecting and each SMTP command.
const DefaultTimeout = 30 * time.Second

// Config says where and as whom mail is sent.
type Config struct {
	Host     string
	Port     int
	Username string // empty: no authentication
	Password string
	// ImplicitTLS is set by an smtps:// URL: TLS from the first byte (port
	// 465). Otherwise STARTTLS is used when the server offers it.
	ImplicitTLS bool
	// From is the sender, "Name <address>" or a bare address.
	From    string
	Timeout time.Duration
	// RootCAs verifies the server's certificate; nil means the system's.
	RootCAs *x509.CertPool
}

// ParseConfig reads TANGGAP_SMTP_URL, smtp://[user:pass@]host:port (or
// smtps:// for implicit TLS), and TANGGAP_MAIL_FROM. The port defaults to 587
// for smtp and 465 for smtps. Errors name the setting that is wrong and never
// repeat the password.
func ParseConfig(smtpURL, from string) (Config, error) {
	u, err := url.Parse(smtpURL)
	if err != nil || u.Host == "" {
		return Config{}, fmt.Errorf("mail: TANGGAP_SMTP_URL must look like smtp://[user:pass@]host:port")
	}
	cfg := Config{Host: u.Hostname(), Timeout: DefaultTimeout}
	switch u.Scheme {
	case "smtp":
		cfg.Port = 587
	case "smtps":
		cfg.Port, cfg.ImplicitTLS = 465, true
	default:
		return Config{}, fmt.Errorf("mail: TANGGAP_SMTP_URL has scheme %q; use smtp:// (STARTTLS when offered) or smtps://", u.Scheme)
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return Config{}, fmt.Errorf("mail: TANGGAP_SMTP_URL has an invalid port %q", p)
		}
		cfg.Port = port
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	if u.Path != "" && u.Path != "/" {
		return Config{}, fmt.Errorf("mail: TANGGAP_SMTP_URL must not have a path")
	}
	if strings.TrimSpace(from) == "" {
		return Config{}, fmt.Errorf("mail: TANGGAP_MAIL_FROM is empty; set it to an address such as \"Tanggap <noreply@tanggap.example>\"")
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return Config{}, fmt.Errorf("mail: TANGGAP_MAIL_FROM %q is not an e-mail address: %v", from, err)
	}
	cfg.From = from
	return cfg, nil
}

// String describes the configuration with the password masked, for the
// configuration dump at start-up.
func (c Config) String() string {
	scheme := "smtp"
	if c.ImplicitTLS {
		scheme = "smtps"
	}
	user := ""
	if c.Username != "" {
		user = url.User(c.Username).String() + ":****@"
	}
	return fmt.Sprintf("%s://%s%s from %s", scheme, user, net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), c.From)
}

// loopback reports whether the server is on this machine, where plain
// authentication without TLS is acceptable.
func (c Config) loopback() bool {
	if c.Host == "localhost" {
		return true
	}
	ip := net.ParseIP(c.Host)
	return ip != nil && ip.IsLoopback()
}
