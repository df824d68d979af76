package server

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
)

func TestClientAddr(t *testing.T) {
	cases := []struct {
		remote, forwarded string
		trust             bool
		want              string
	}{
		{"203.0.113.7:5000", "", false, "203.0.113.7"},
		{"203.0.113.7:5000", "198.51.100.1", false, "203.0.113.7"},
		{"10.0.0.2:5000", "198.51.100.1", true, "198.51.100.1"},
		// A client-supplied entry on the left cannot pick the address.
		{"10.0.0.2:5000", "192.0.2.99, 198.51.100.1", true, "198.51.100.1"},
		{"10.0.0.2:5000", "garbage", true, "10.0.0.2"},
		{"[2001:db8:1:2:3:4:5:6]:5000", "", false, "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:5000", "", false, "2001:db8:1:2::/64"},
	}
	for _, c := range cases {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.remote
		if c.forwarded != "" {
			r.Header.Set("X-Forwarded-For", c.forwarded)
		}
		if got := clientAddr(r, c.trust); got != c.want {
			t.Errorf("clientAddr(%q, %q, %v) = %q, want %q", c.remote, c.forwarded, c.trust, got, c.want)
		}
	}
}

func TestSafeCSV(t *testing.T) {
	var buf strings.Builder
	w := &safeCSV{Writer: csv.NewWriter(&buf)}
	w.Write([]string{"=HYPERLINK(\"http://x\")", "+1", "-2.5", "@SUM(A1)", "KTB-2026-000001", "-cmd"})
	w.Flush()
	want := "\"'=HYPERLINK(\"\"http://x\"\")\",+1,-2.5,'@SUM(A1),KTB-2026-000001,'-cmd\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
