package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"

	"github.com/kotabaru/tanggap/models"
)

// ErrBlockedAddress is returned (wrapped) when an endpoint's host resolves to
// an address the guard refuses: private, loopback, link-local, unspecified,
// multicast or carrier-grade NAT.
var ErrBlockedAddress = errors.New("webhook: the endpoint resolves to a private or reserved address")

// blockedPrefixes are the ranges that netip's predicates do not cover.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),          // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),      // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),       // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),      // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),        // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),       // NAT64, which can reach IPv4 private ranges
	netip.MustParsePrefix("64:ff9b:1::/48"),     // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),      // documentation
	netip.MustParsePrefix("fec0::/10"),          // deprecated site-local
	netip.MustParsePrefix("::/128"),             // unspecified, for completeness
	netip.MustParsePrefix("100::/64"),           // discard-only
	netip.MustParsePrefix("2001::/23"),          // IETF protocol assignments (Teredo etc.)
	netip.MustParsePrefix("2002::/16"),          // 6to4, which can embed a private IPv4
	netip.MustParsePrefix("ff00::/8"),           // multicast (also caught by IsMulticast)
	netip.MustParsePrefix("169.254.169.254/32"), // cloud metadata (also link-local)
}

// Blocked reports whether the guard refuses addr.
func Blocked(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsUnspecified() ||
		addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() ||
		addr.IsMulticast() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// dialControl runs after name resolution, on the address actually dialled,
// so a name that resolved to a public address at registration and to a
// private one now (DNS rebinding) is still refused.
func dialControl(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, address)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || Blocked(addr) {
		return fmt.Errorf("%w: %s", ErrBlockedAddress, host)
	}
	return nil
}

// parseEndpoint checks the form of an endpoint URL: http or https, a host,
// no user information. Its errors are in Indonesian for the API.
func parseEndpoint(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, models.Invalid("url", "Alamat webhook wajib diisi.")
	}
	if len(raw) > 2048 {
		return nil, models.Invalid("url", "Alamat webhook terlalu panjang (paling banyak 2048 karakter).")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return nil, models.Invalid("url", "Alamat webhook tidak valid; tulis alamat lengkap, misalnya https://contoh.id/webhook.")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, models.Invalid("url", "Alamat webhook harus diawali http:// atau https://.")
	}
	if u.Hostname() == "" {
		return nil, models.Invalid("url", "Alamat webhook tidak memiliki nama host.")
	}
	if u.User != nil {
		return nil, models.Invalid("url", "Alamat webhook tidak boleh memuat nama pengguna atau kata sandi.")
	}
	if u.Fragment != "" {
		return nil, models.Invalid("url", "Alamat webhook tidak boleh memuat fragmen (#).")
	}
	return u, nil
}

// ValidateURL checks an endpoint URL when it is registered: its form, and,
// unless allowPrivate is set, that every address its host resolves to is
// public. The returned errors are *models.Error with code EINVALID on the
// field "url" and an Indonesian message. Delivery checks again when it dials.
func ValidateURL(ctx context.Context, raw string, allowPrivate bool) error {
	u, err := parseEndpoint(raw)
	if err != nil {
		return err
	}
	if allowPrivate {
		return nil
	}
	host := u.Hostname()
	if addr, err := netip.ParseAddr(host); err == nil {
		if Blocked(addr) {
			return models.Invalid("url", "Alamat webhook menunjuk ke jaringan privat atau lokal (%s); gunakan alamat yang dapat dijangkau dari internet.", host)
		}
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return models.Invalid("url", "Nama host %q tidak dapat ditemukan.", host)
	}
	for _, addr := range addrs {
		if Blocked(addr) {
			return models.Invalid("url", "Alamat webhook menunjuk ke jaringan privat atau lokal (%s → %s); gunakan alamat yang dapat dijangkau dari internet.", host, addr.Unmap())
		}
	}
	return nil
}
