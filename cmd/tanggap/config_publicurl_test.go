package main

import "testing"

// TestPublicURLSetting: TANGGAP_PUBLIC_URL takes the portal's root address
// and refuses anything a link cannot be built on.
func TestPublicURLSetting(t *testing.T) {
	for in, want := range map[string]string{
		"":                                   "",
		"https://tanggap.kotabarukab.go.id":  "https://tanggap.kotabarukab.go.id",
		"https://Tanggap.Kotabarukab.go.id/": "https://tanggap.kotabarukab.go.id",
		"http://127.0.0.1:8080":              "http://127.0.0.1:8080",
	} {
		got, err := publicURL(in)
		if err != nil || got != want {
			t.Errorf("publicURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"tanggap.kotabarukab.go.id", "ftp://x.example", "https://x.example/portal", "https://x.example/?a=1",
		"https://user:pw@x.example", "https://", "https://x.example#top"} {
		if got, err := publicURL(bad); err == nil {
			t.Errorf("publicURL(%q) accepted as %q", bad, got)
		}
	}
	c, err := loadConfig(func(k string) string {
		if k == "TANGGAP_PUBLIC_URL" {
			return "https://tanggap.example.go.id/"
		}
		return ""
	})
	if err != nil || c.PublicURL != "https://tanggap.example.go.id" || c.Masked()["public_url"] != "https://tanggap.example.go.id" {
		t.Errorf("loadConfig: %q, %v", c.PublicURL, err)
	}
}
