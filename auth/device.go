package auth

import "strings"

// DescribeDevice sums up a User-Agent header as a browser and a system, for
// example "Chrome di Android", so staff can recognise their sessions. The
// result is always one of a few fixed phrases: the raw header is not kept,
// as it is long, freely chosen by the client, and more identifying than
// needed.
func DescribeDevice(userAgent string) string {
	ua := strings.ToLower(userAgent)
	if strings.TrimSpace(ua) == "" {
		return "Perangkat tidak dikenal"
	}
	browser := firstMatch(ua, []namedMarker{
		// Order matters: Edge and Opera say "chrome" too, Chrome says "safari".
		{"edg/", "Edge"}, {"opr/", "Opera"}, {"samsungbrowser", "Samsung Internet"},
		{"ucbrowser", "UC Browser"}, {"firefox/", "Firefox"}, {"fxios", "Firefox"},
		{"crios", "Chrome"}, {"chrome/", "Chrome"}, {"chromium", "Chromium"},
		{"safari/", "Safari"}, {"curl/", "curl"}, {"wget/", "Wget"},
		{"go-http-client", "Program Go"}, {"python", "Program Python"}, {"node", "Program Node.js"},
	})
	system := firstMatch(ua, []namedMarker{
		{"android", "Android"}, {"iphone", "iPhone"}, {"ipad", "iPad"}, {"windows", "Windows"},
		{"mac os x", "macOS"}, {"macintosh", "macOS"}, {"cros", "ChromeOS"}, {"linux", "Linux"},
	})
	switch {
	case browser != "" && system != "":
		return browser + " di " + system
	case browser != "":
		return browser
	case system != "":
		return "Peramban di " + system
	}
	return "Perangkat tidak dikenal"
}

type namedMarker struct{ marker, name string }

func firstMatch(ua string, markers []namedMarker) string {
	for _, m := range markers {
		if strings.Contains(ua, m.marker) {
			return m.name
		}
	}
	return ""
}
