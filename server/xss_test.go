package server_test

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// hostileMarkdown are response bodies an attacker with a PIC account, or a
// careless copy and paste, could publish.
var hostileMarkdown = []string{
	"Klarifikasi resmi.\n\n<script>alert(document.cookie)</script>",
	"Klarifikasi resmi. <SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
	"Klarifikasi resmi.\n\n<img src=x onerror=alert(1)>",
	"Klarifikasi resmi.\n\n<svg onload=alert(1)><circle r=10 /></svg>",
	"Klarifikasi resmi.\n\n<iframe src=\"https://evil.example\"></iframe>",
	"Klarifikasi resmi.\n\n<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
	"Klarifikasi resmi.\n\n<style>body { display: none }</style>",
	"Klarifikasi resmi.\n\n<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">Situs palsu</div>",
	"Klarifikasi resmi.\n\n<a href=\"javascript:alert(1)\">unduh</a>",
	"Klarifikasi resmi: [unduh formulir](javascript:alert(1))",
	"Klarifikasi resmi: [unduh formulir](JaVaScRiPt:alert(1))",
	"Klarifikasi resmi: [unduh formulir](javascript&#58;alert(1))",
	"Klarifikasi resmi: [unduh formulir](java%0ascript:alert(1))",
	"Klarifikasi resmi: [unduh formulir](<javascript:alert(1)>)",
	"Klarifikasi resmi: [unduh formulir](vbscript:msgbox(1))",
	"Klarifikasi resmi: [unduh formulir](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"Klarifikasi resmi: ![gambar](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
	"Klarifikasi resmi: ![gambar](javascript:alert(1))",
	"Klarifikasi resmi: <javascript:alert(1)> dan <data:text/html,hi>",
	"Klarifikasi resmi: [unduh formulir][f]\n\n[f]: javascript:alert(1)",
	"Klarifikasi resmi: [tautan](https://kotabarukab.go.id \"judul\\\" onmouseover=\\\"alert(1)\")",
	"Klarifikasi resmi.\n\n<a href=\"https://kotabarukab.go.id\" onclick=\"alert(1)\">situs resmi</a>",
	"Klarifikasi resmi.\n\n<details open ontoggle=alert(1)><summary>x</summary></details>",
	"Klarifikasi resmi.\n\n<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"Klarifikasi resmi.\n\n<<script>script>alert(1)<</script>/script>",
	"Klarifikasi resmi.\n\n<!-- --><script>alert(1)</script><!-- -->",
	"Klarifikasi resmi.\n\n<form action=\"https://evil.example\"><input name=sandi type=password><button formaction=javascript:alert(1)>kirim</button></form>",
	"Klarifikasi resmi.\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><base href=\"https://evil.example/\"><link rel=stylesheet href=\"https://evil.example/x.css\">",
	"| kolom | isi |\n|---|---|\n| <img src=x onerror=alert(1)> | <script>alert(1)</script> |",
	"Klarifikasi resmi.\n\n```html\n<script>alert(1)</script>\n```",
	"Klarifikasi resmi: `<img src=x onerror=alert(1)>` bukan tautan.",
	"Klarifikasi resmi di www.kotabarukab.go.id/<script>alert(1)</script> dan https://evil.example/\"onmouseover=\"alert(1)",
	"Klarifikasi resmi.\n\n<p onmouseover=\"alert(1)\">teks</p><span style=\"color:red\">merah</span>",
	"Klarifikasi resmi.\n\n<textarea><script>alert(1)</script></textarea><noscript><img src=x onerror=alert(1)></noscript>",
}

// Tags the Markdown renderer produces; any other tag is raw HTML that got
// through.
var markdownTags = map[string]bool{
	"p": true, "a": true, "em": true, "strong": true, "code": true, "pre": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true, "br": true,
	"img": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "del": true,
}

// urlAttributes can carry a link a browser follows or loads.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "poster": true,
	"background": true, "cite": true, "srcset": true, "longdesc": true, "data": true, "ping": true,
}

// unsafeHTML lists what is wrong with a piece of rendered HTML: tags the
// Markdown renderer does not produce, event handlers, inline styles, and
// links other than http, https, mailto or relative ones.
func unsafeHTML(fragment string) []string {
	var problems []string
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, "tokenizer: "+z.Err().Error())
			}
			return problems
		}
		if tt == html.CommentToken || tt == html.DoctypeToken {
			problems = append(problems, "markup "+z.Token().String())
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			continue
		}
		tok := z.Token()
		if !markdownTags[tok.Data] {
			problems = append(problems, "tag <"+tok.Data+">")
		}
		for _, attr := range tok.Attr {
			key := strings.ToLower(attr.Key)
			switch {
			case strings.HasPrefix(key, "on"):
				problems = append(problems, fmt.Sprintf("event handler %s=%q on <%s>", key, attr.Val, tok.Data))
			case key == "style":
				problems = append(problems, fmt.Sprintf("style=%q on <%s>", attr.Val, tok.Data))
			case urlAttributes[key]:
				if p := unsafeURL(attr.Val); p != "" {
					problems = append(problems, fmt.Sprintf("%s=%q on <%s>: %s", key, attr.Val, tok.Data, p))
				}
			}
		}
	}
}

// unsafeURL says why a link is not safe, or returns "".
func unsafeURL(raw string) string {
	// Browsers ignore control characters and white space inside a scheme.
	squeezed := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(raw))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.Contains(squeezed, scheme) {
			return "contains " + scheme
		}
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "unparseable"
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return ""
	}
	return "scheme " + u.Scheme
}

// TestUnsafeHTMLDetector keeps the checker honest: it must flag every kind
// of payload the API is expected to remove.
func TestUnsafeHTMLDetector(t *testing.T) {
	for _, bad := range []string{
		`<script>alert(1)</script>`, `<p onclick="x()">a</p>`, `<a href="javascript:alert(1)">a</a>`,
		`<a href="JAVA&#x0A;SCRIPT:alert(1)">a</a>`, `<img src="data:image/png;base64,AAAA">`, `<p style="color:red">a</p>`,
		`<iframe src="https://x.example"></iframe>`, `<svg></svg>`, `<div>a</div>`, `<!-- raw HTML omitted -->`,
		`<a href="vbscript:x">a</a>`, `<a href="file:///etc/passwd">a</a>`,
	} {
		if len(unsafeHTML(bad)) == 0 {
			t.Errorf("unsafeHTML(%q) found nothing", bad)
		}
	}
	good := `<p><strong>a</strong> <a href="https://kotabarukab.go.id" rel="nofollow">b</a> <a href="mailto:humas@kotabarukab.go.id">c</a> <img src="https://x.example/a.png" alt="d"></p>`
	if p := unsafeHTML(good); len(p) != 0 {
		t.Errorf("unsafeHTML flags safe HTML: %v", p)
	}
}

// TestResponseMarkdownIsSanitised publishes hostile Markdown through the API
// and reads it back as the public does: the HTML carries no script, no raw
// HTML and no unsafe link, while the Markdown source comes back as written.
func TestResponseMarkdownIsSanitised(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		const view = `query($n: String!) { issue(number: $n) { responses { body bodyHTML revisions { body bodyHTML } } } }`

		for i, src := range hostileMarkdown {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				issue := s.mustInProgress(t, db, models.KindComplaint)
				r := mutate(t, api, s.tokenOf(s.picA), `mutation($in: PublishResponseInput!) { publishResponse(input: $in) { response { id body bodyHTML } } }`,
					map[string]any{"in": map[string]any{"issueNumber": issue.Number, "body": src}}, "")
				var published struct {
					PublishResponse struct {
						Response struct {
							ID             gqlID
							Body, BodyHTML string
						}
					}
				}
				r.decode(t, &published)
				checkRendered(t, "publishResponse", src, published.PublishResponse.Response.Body, published.PublishResponse.Response.BodyHTML)

				// A correction is rendered by the same rules, and the first
				// version keeps its source.
				revision := src + "\n\nRalat: <img src=x onerror=alert(2)> [lihat](javascript:alert(2))"
				mutate(t, api, s.tokenOf(s.picA), `mutation($in: ReviseResponseInput!) { reviseResponse(input: $in) { response { revision } } }`,
					map[string]any{"in": map[string]any{"responseId": string(published.PublishResponse.Response.ID), "body": revision, "reason": "Menambahkan ralat."}}, "")

				var public struct {
					Issue *struct {
						Responses []struct {
							Body, BodyHTML string
							Revisions      []struct{ Body, BodyHTML string }
						}
					}
				}
				api.post("", view, map[string]any{"n": issue.Number}).decode(t, &public)
				if public.Issue == nil || len(public.Issue.Responses) != 1 || len(public.Issue.Responses[0].Revisions) != 2 {
					t.Fatalf("public view: %+v", public.Issue)
				}
				resp := public.Issue.Responses[0]
				checkRendered(t, "public response", revision, resp.Body, resp.BodyHTML)
				checkRendered(t, "public revision 1", src, resp.Revisions[0].Body, resp.Revisions[0].BodyHTML)
				checkRendered(t, "public revision 2", revision, resp.Revisions[1].Body, resp.Revisions[1].BodyHTML)
			})
		}

		t.Run("safe Markdown survives", func(t *testing.T) {
			issue := s.mustInProgress(t, db, models.KindComplaint)
			src := "**Hoaks.** Lihat [jadwal resmi](https://kotabarukab.go.id/jadwal) atau tulis ke <humas@kotabarukab.go.id>.\n\n- satu\n- dua"
			r := mutate(t, api, s.tokenOf(s.picA), `mutation($in: PublishResponseInput!) { publishResponse(input: $in) { response { body bodyHTML } } }`,
				map[string]any{"in": map[string]any{"issueNumber": issue.Number, "body": src}}, "")
			var out struct {
				PublishResponse struct {
					Response struct{ Body, BodyHTML string }
				}
			}
			r.decode(t, &out)
			got := out.PublishResponse.Response
			checkRendered(t, "safe", src, got.Body, got.BodyHTML)
			for _, want := range []string{"<strong>Hoaks.</strong>", `href="https://kotabarukab.go.id/jadwal"`, `href="mailto:humas@kotabarukab.go.id"`, "<li>dua</li>"} {
				if !strings.Contains(got.BodyHTML, want) {
					t.Errorf("bodyHTML %q lacks %q", got.BodyHTML, want)
				}
			}
		})
	})
}

// checkRendered asserts that body is the source as written and that html is
// safe and not empty.
func checkRendered(t *testing.T, what, src, body, rendered string) {
	t.Helper()
	if body != src {
		t.Errorf("%s: body %q, want the source %q", what, body, src)
	}
	if strings.TrimSpace(rendered) == "" {
		t.Errorf("%s: empty bodyHTML for %q", what, src)
	}
	if !strings.Contains(rendered, "Klarifikasi resmi") && !strings.Contains(rendered, "kolom") && !strings.Contains(rendered, "Hoaks") {
		t.Errorf("%s: bodyHTML %q lost the text of %q", what, rendered, src)
	}
	if problems := unsafeHTML(rendered); len(problems) > 0 {
		t.Errorf("%s: bodyHTML of %q is unsafe: %s\n%s", what, src, strings.Join(problems, "; "), rendered)
	}
}

// TestResponseSourceEdgeCases covers sources that are not hostile HTML but
// still must be handled as input: a NUL byte is the caller's mistake, not
// an internal error, and leading indentation is Markdown (a code block)
// that must be stored as written.
func TestResponseSourceEdgeCases(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		const publish = `mutation($in: PublishResponseInput!) { publishResponse(input: $in) { response { body bodyHTML } } }`

		t.Run("NUL byte", func(t *testing.T) {
			issue := s.mustInProgress(t, db, models.KindComplaint)
			mutate(t, api, s.tokenOf(s.picA), publish,
				map[string]any{"in": map[string]any{"issueNumber": issue.Number, "body": "Klarifikasi resmi \x00 dengan karakter NUL."}}, models.EINVALID)
		})

		t.Run("indented code block", func(t *testing.T) {
			issue := s.mustInProgress(t, db, models.KindComplaint)
			src := "    kode_wilayah = 63.02\n\nKlarifikasi resmi: kode wilayah Kotabaru di atas."
			r := mutate(t, api, s.tokenOf(s.picA), publish,
				map[string]any{"in": map[string]any{"issueNumber": issue.Number, "body": src}}, "")
			var out struct {
				PublishResponse struct {
					Response struct{ Body, BodyHTML string }
				}
			}
			r.decode(t, &out)
			checkRendered(t, "indented", src, out.PublishResponse.Response.Body, out.PublishResponse.Response.BodyHTML)
			if !strings.Contains(out.PublishResponse.Response.BodyHTML, "<pre><code>kode_wilayah = 63.02") {
				t.Errorf("the indented line is not rendered as code: %q", out.PublishResponse.Response.BodyHTML)
			}
		})
	})
}
