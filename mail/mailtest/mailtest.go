// Package mailtest runs a real SMTP server with an HTTP API, mailpit, for
// tests: started on loopback with free ports and its own temporary database,
// stopped by its process id, and read through its API.
//
// The binary is looked up on PATH and in $(go env GOPATH)/bin. When it is
// missing the test fails if CI=true and is skipped otherwise; install it with
//
//	go install github.com/axllent/mailpit@v1.33.1
package mailtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// InstallHint is how to get the binary.
const InstallHint = "go install github.com/axllent/mailpit@v1.33.1"

// Server is one running mailpit.
type Server struct {
	SMTPAddr string // 127.0.0.1:port
	APIURL   string // http://127.0.0.1:port
	cmd      *exec.Cmd
	done     chan struct{}
	log      *bytes.Buffer
}

// Binary returns the path of the mailpit binary, or "" when there is none.
func Binary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		gopath = build.Default.GOPATH
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "mailpit")
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	return ""
}

// MustStart starts mailpit for the test and stops it when the test ends.
// Extra arguments are passed on (for example --smtp-tls-cert).
func MustStart(tb testing.TB, args ...string) *Server {
	tb.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("mailpit is not installed (CI=true): %s", InstallHint)
		}
		tb.Skipf("mailpit is not installed; install it with %q to run this test", InstallHint)
	}
	var lastErr error
	// A free port can be taken between closing it and mailpit binding it;
	// try again with new ports.
	for range 3 {
		s, err := start(tb, bin, args)
		if err == nil {
			tb.Cleanup(s.Stop)
			return s
		}
		lastErr = err
	}
	tb.Fatalf("starting mailpit: %v", lastErr)
	return nil
}

func start(tb testing.TB, bin string, extra []string) (*Server, error) {
	smtpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	httpPort, err := freePort()
	if err != nil {
		return nil, err
	}
	dir := tb.TempDir()
	s := &Server{
		SMTPAddr: net.JoinHostPort("127.0.0.1", strconv.Itoa(smtpPort)),
		APIURL:   "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(httpPort)),
		done:     make(chan struct{}),
		log:      &bytes.Buffer{},
	}
	args := append([]string{
		"--smtp", s.SMTPAddr,
		"--listen", s.APIURL[len("http://"):],
		"--database", filepath.Join(dir, "mailpit.db"),
		"--disable-version-check",
		"--smtp-disable-rdns",
		"--enable-chaos",
	}, extra...)
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	// POP3 is off unless an auth file is given; nothing else listens.
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	if err := s.waitReady(); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%w; output:\n%s", err, s.log.String())
	}
	return s, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits (up to 30 s, for a loaded machine) until the API answers
// /readyz and the SMTP port accepts connections.
func (s *Server) waitReady() error {
	client := &http.Client{Timeout: time.Second}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-s.done:
			return errors.New("mailpit exited")
		default:
		}
		resp, err := client.Get(s.APIURL + "/readyz")
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			continue
		}
		conn, err := net.DialTimeout("tcp", s.SMTPAddr, time.Second)
		if err != nil {
			continue
		}
		conn.Close()
		return nil
	}
	return errors.New("mailpit did not become ready in 30 s")
}

// SMTPURL is the server's address in the form the mail package reads.
func (s *Server) SMTPURL() string { return "smtp://" + s.SMTPAddr }

// PID is the process id of the running server.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop ends the server by its process id: SIGTERM, then SIGKILL if it has
// not exited after 10 s. Stopping twice is harmless.
func (s *Server) Stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// Address is a mailbox as the API reports it.
type Address struct {
	Name    string
	Address string
}

// Summary is one entry of GET /api/v1/messages.
type Summary struct {
	ID        string
	MessageID string
	From      Address
	To        []Address
	Subject   string
	Snippet   string
	Username  string // the SMTP user that authenticated, if any
}

// Message is GET /api/v1/message/{ID}: the parsed message.
type Message struct {
	ID              string
	MessageID       string
	From            Address
	To              []Address
	Subject         string
	Text            string
	HTML            string
	Date            time.Time
	ListUnsubscribe struct {
		Header     string
		Links      []string
		Errors     string
		HeaderPost string
	}
}

// Messages lists the stored messages, newest first.
func (s *Server) Messages(tb testing.TB) []Summary {
	tb.Helper()
	var out struct {
		Total    int
		Messages []Summary
	}
	s.getJSON(tb, "/api/v1/messages?limit=500", &out)
	return out.Messages
}

// WaitForMessages waits until at least n messages are stored (mailpit stores
// a message just after acknowledging it) and returns them, newest first. It
// fails the test after 30 s.
func (s *Server) WaitForMessages(tb testing.TB, n int) []Summary {
	tb.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		msgs := s.Messages(tb)
		if len(msgs) >= n || time.Now().After(deadline) {
			if len(msgs) < n {
				tb.Fatalf("mailpit holds %d messages, want %d", len(msgs), n)
			}
			return msgs
		}
	}
}

// Message reads one message.
func (s *Server) Message(tb testing.TB, id string) Message {
	tb.Helper()
	var m Message
	s.getJSON(tb, "/api/v1/message/"+url.PathEscape(id), &m)
	return m
}

// Headers reads the headers of one message, unfolded and decoded.
func (s *Server) Headers(tb testing.TB, id string) map[string][]string {
	tb.Helper()
	h := map[string][]string{}
	s.getJSON(tb, "/api/v1/message/"+url.PathEscape(id)+"/headers", &h)
	return h
}

// Raw reads the message as it was received.
func (s *Server) Raw(tb testing.TB, id string) string {
	tb.Helper()
	return string(s.do(tb, http.MethodGet, "/api/v1/message/"+url.PathEscape(id)+"/raw", nil))
}

// DeleteAll removes every stored message.
func (s *Server) DeleteAll(tb testing.TB) {
	tb.Helper()
	s.do(tb, http.MethodDelete, "/api/v1/messages", []byte(`{}`))
}

// Trigger makes mailpit answer an SMTP stage with an error code; a
// probability of 100 makes it answer so every time, 0 turns it off.
type Trigger struct {
	ErrorCode   int
	Probability int
}

// SetChaos sets the errors mailpit returns for senders and recipients.
func (s *Server) SetChaos(tb testing.TB, sender, recipient Trigger) {
	tb.Helper()
	body, _ := json.Marshal(map[string]Trigger{"Sender": sender, "Recipient": recipient})
	s.do(tb, http.MethodPut, "/api/v1/chaos", body)
}

func (s *Server) getJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	if err := json.Unmarshal(s.do(tb, http.MethodGet, path, nil), v); err != nil {
		tb.Fatalf("mailpit %s: %v", path, err)
	}
}

func (s *Server) do(tb testing.TB, method, path string, body []byte) []byte {
	tb.Helper()
	req, err := http.NewRequest(method, s.APIURL+path, bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("mailpit %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("mailpit %s %s: %d %s", method, path, resp.StatusCode, out)
	}
	return out
}
