package main

import (
	"fmt"
	"net/url"
	"strings"
)

// publicURL checks TANGGAP_PUBLIC_URL: an absolute http or https address of
// the portal's root, without query or fragment. It returns it without a
// trailing slash; empty stays empty.
func publicURL(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.Trim(u.Path, "/") != "" {
		return "", fmt.Errorf("TANGGAP_PUBLIC_URL: want the portal's root address such as https://tanggap.example.go.id, got %q", v)
	}
	return u.Scheme + "://" + strings.ToLower(u.Host), nil
}
