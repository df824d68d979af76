package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestRenderKeepsFormatting(t *testing.T) {
	html := New().Render("## Fakta\n\n**Hoaks.** Lihat [situs resmi](https://kotabarukab.go.id/info).\n\n- satu\n- dua\n")
	for _, want := range []string{"<h2", "Fakta</h2>", "<strong>Hoaks.</strong>", `href="https://kotabarukab.go.id/info"`, `rel="nofollow noopener"`, "<li>satu</li>"} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
}

// TestRenderRemovesHostileMarkup feeds the renderer the usual ways of
// smuggling script into Markdown and checks that none survives.
func TestRenderRemovesHostileMarkup(t *testing.T) {
	hostile := []string{
		`<script>alert(1)</script>`,
		"<img src=x onerror=alert(1)>",
		`[klik](javascript:alert(1))`,
		`[klik](JaVaScRiPt:alert(1))`,
		`[klik](  javascript:alert(1))`,
		"[klik](java\tscript:alert(1))",
		`[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
		`[klik](vbscript:msgbox(1))`,
		`![gambar](javascript:alert(1))`,
		`<a href="javascript:alert(1)">x</a>`,
		`<iframe src="https://evil.example"></iframe>`,
		`<svg onload=alert(1)>`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		"```html\n<script>alert(1)</script>\n```",
		`<details open ontoggle=alert(1)>`,
		`[a](https://ok.example "title\" onmouseover=\"alert(1))`,
		"<scr<script>ipt>alert(1)</script>",
		`<form action="https://evil.example"><input name=x></form>`,
		`<object data="x.swf"></object>`,
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
		"[x]: javascript:alert(1)\n\n[klik][x]",
		`<https://ok.example/"onmouseover="alert(1)>`,
	}
	r := New()
	for _, src := range hostile {
		if problem := unsafeMarkup(r.Render(src)); problem != "" {
			t.Errorf("Render(%q): %s", src, problem)
		}
	}
}

// unsafeMarkup parses rendered HTML as a browser would and reports the first
// element, attribute or link that could run script.
func unsafeMarkup(rendered string) string {
	allowedSchemes := []string{"http:", "https:", "mailto:"}
	z := html.NewTokenizer(strings.NewReader(rendered))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "svg", "math", "form", "input", "object", "embed", "style", "link", "meta", "base":
				return "element <" + tok.Data + "> survived"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					return "attribute " + key + " survived"
				}
				if key == "href" || key == "src" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' {
						ok := false
						for _, s := range allowedSchemes {
							ok = ok || strings.HasPrefix(v, s)
						}
						if !ok {
							return "link " + a.Val + " survived"
						}
					}
				}
			}
		}
	}
}

func TestRenderEscapesCodeBlocks(t *testing.T) {
	html := New().Render("```\n<script>alert(1)</script>\n```")
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Fatalf("code block should show escaped markup, got %s", html)
	}
}
