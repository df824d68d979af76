package server_test

import (
	"bytes"
	"encoding/json"
	"html"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/sharecard"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

var headMetaPattern = regexp.MustCompile(`<meta (?:name|property)="([^"]+)" content="([^"]*)">`)

// pageMeta fetches an issue page without JavaScript, as a link-preview
// crawler does, and returns its meta tags.
func pageMeta(t *testing.T, api *testAPI, number string) map[string]string {
	t.Helper()
	res, err := http.Get(api.srv.URL + "/isu/" + number)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/isu/%s: status %d: %s", number, res.StatusCode, body)
	}
	meta := map[string]string{}
	for _, m := range headMetaPattern.FindAllStringSubmatch(string(body), -1) {
		meta[m[1]] = html.UnescapeString(m[2])
	}
	return meta
}

// cardResponse is one answer of the card route.
type cardResponse struct {
	status int
	header http.Header
	body   []byte
}

func getCard(t *testing.T, api *testAPI, path, ifNoneMatch string) cardResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, api.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return cardResponse{res.StatusCode, res.Header, body}
}

// mustCardPNG checks that the answer is the card: a 1200×630 PNG with an
// ETag and a public cache lifetime.
func mustCardPNG(t *testing.T, c cardResponse) image.Image {
	t.Helper()
	if c.status != http.StatusOK {
		t.Fatalf("status %d: %s", c.status, c.body)
	}
	if ct := c.header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("Content-Type = %q", ct)
	}
	if etag := c.header.Get("ETag"); !strings.HasPrefix(etag, `"sc`) {
		t.Errorf("ETag = %q", etag)
	}
	if cc := c.header.Get("Cache-Control"); !strings.HasPrefix(cc, "public, max-age=") {
		t.Errorf("Cache-Control = %q", cc)
	}
	img, err := png.Decode(bytes.NewReader(c.body))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != sharecard.Width || b.Dy() != sharecard.Height {
		t.Fatalf("card is %d×%d, want %d×%d", b.Dx(), b.Dy(), sharecard.Width, sharecard.Height)
	}
	return img
}

// mustNotFound checks a 404 in the error envelope every route shares.
func mustNotFound(t *testing.T, c cardResponse) {
	t.Helper()
	if c.status != http.StatusNotFound {
		t.Fatalf("status %d, want 404: %s", c.status, c.body)
	}
	if c.header.Get("ETag") != "" || c.header.Get("Content-Type") == "image/png" {
		t.Errorf("a 404 with card headers: %v", c.header)
	}
	var envelope struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(c.body, &envelope); err != nil || len(envelope.Errors) != 1 ||
		envelope.Errors[0].Extensions.Code != models.ENOTFOUND || envelope.Errors[0].Message == "" {
		t.Errorf("404 body = %s (%v)", c.body, err)
	}
}

func TestShareCard(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db, withPages())
		s := mustStaff(t, api)

		// A hoax answered with a verdict.
		hoax := s.mustInProgress(t, db, models.KindMisinformation)
		verdict := models.VerdictFalse
		response, err := db.PublishResponse(storetest.As(s.picA), models.ResponseDraftInput{
			IssueNumber: hoax.Number, Body: "Klaim itu tidak benar menurut data resmi dinas.", Verdict: &verdict,
		})
		if err != nil {
			t.Fatal(err)
		}
		cardPath := "/isu/" + hoax.Number + "/kartu.png"

		t.Run("PageHeadPointsAtTheCard", func(t *testing.T) {
			meta := pageMeta(t, api, hoax.Number)
			if want := testPublicURL + cardPath; meta["og:image"] != want || meta["twitter:image"] != want {
				t.Errorf("og:image %q, twitter:image %q, want %q", meta["og:image"], meta["twitter:image"], want)
			}
			if meta["og:image:width"] != "1200" || meta["og:image:height"] != "630" || meta["og:image:type"] != "image/png" {
				t.Errorf("og:image size/type = %q×%q %q", meta["og:image:width"], meta["og:image:height"], meta["og:image:type"])
			}
			if alt := meta["og:image:alt"]; !strings.Contains(alt, hoax.Title) || !strings.Contains(alt, "Hoaks") || !strings.Contains(alt, "Dinas Kesehatan") {
				t.Errorf("og:image:alt = %q", alt)
			}
			if meta["twitter:card"] != "summary_large_image" {
				t.Errorf("twitter:card = %q", meta["twitter:card"])
			}
			// The address in the tag answers with the card, on this server.
			u, err := url.Parse(meta["og:image"])
			if err != nil {
				t.Fatal(err)
			}
			mustCardPNG(t, getCard(t, api, u.Path, ""))
		})

		t.Run("NotModifiedByETag", func(t *testing.T) {
			first := getCard(t, api, cardPath, "")
			mustCardPNG(t, first)
			etag := first.header.Get("ETag")
			again := getCard(t, api, cardPath, etag)
			if again.status != http.StatusNotModified || len(again.body) != 0 {
				t.Fatalf("If-None-Match %s: status %d, %d bytes", etag, again.status, len(again.body))
			}
			if again.header.Get("ETag") != etag {
				t.Errorf("304 ETag = %q, want %q", again.header.Get("ETag"), etag)
			}
			other := getCard(t, api, cardPath, `"sc1-00000000000000000000000000000000"`)
			mustCardPNG(t, other)
			if !bytes.Equal(other.body, first.body) {
				t.Error("the same card answered with different bytes")
			}
		})

		t.Run("ARevisionChangesTheCard", func(t *testing.T) {
			before := getCard(t, api, cardPath, "")
			mustCardPNG(t, before)
			oldETag := before.header.Get("ETag")

			// A correction that changes the verdict changes the stamp.
			misleading := models.VerdictMisleading
			if _, err := db.ReviseResponse(storetest.As(s.picA), models.Revise{ResponseID: response.ID,
				Body: "Sebagian data dalam klaim itu benar, tetapi kesimpulannya keliru.", Verdict: &misleading,
				Reason: "Putusan diperbaiki setelah data tambahan."}); err != nil {
				t.Fatal(err)
			}
			revised := getCard(t, api, cardPath, oldETag)
			mustCardPNG(t, revised)
			newETag := revised.header.Get("ETag")
			if newETag == oldETag || bytes.Equal(revised.body, before.body) {
				t.Fatalf("the card did not change with the verdict (ETag %s)", newETag)
			}
			if meta := pageMeta(t, api, hoax.Number); !strings.Contains(meta["og:image:alt"], "Menyesatkan") {
				t.Errorf("og:image:alt after the correction = %q", meta["og:image:alt"])
			}

			// A correction published on a later day changes the date.
			t.Cleanup(func() { db.Now = time.Now })
			db.Now = func() time.Time { return time.Now().Add(49 * time.Hour) }
			if _, err := db.ReviseResponse(storetest.As(s.picA), models.Revise{ResponseID: response.ID,
				Body: "Sebagian data dalam klaim itu benar, tetapi kesimpulannya keliru. Data terbaru terlampir.", Verdict: &misleading,
				Reason: "Menambahkan data terbaru dari dinas."}); err != nil {
				t.Fatal(err)
			}
			later := getCard(t, api, cardPath, newETag)
			mustCardPNG(t, later)
			if later.header.Get("ETag") == newETag {
				t.Fatalf("the card did not change with the date of the correction (ETag %s)", newETag)
			}
		})

		t.Run("UnansweredIssueHasACard", func(t *testing.T) {
			issue := s.mustAssigned(t, db, models.KindComplaint)
			mustCardPNG(t, getCard(t, api, "/isu/"+issue.Number+"/kartu.png", ""))
		})

		t.Run("OnlyPublicIssues", func(t *testing.T) {
			fresh := s.mustNewIssue(t, db, models.KindComplaint) // NEW: never public
			mustNotFound(t, getCard(t, api, "/isu/"+fresh.Number+"/kartu.png", ""))

			rejected := s.mustNewIssue(t, db, models.KindComplaint)
			if _, err := db.RejectIssue(storetest.As(s.trc), rejected.Number, "Bukan kewenangan pemerintah daerah."); err != nil {
				t.Fatal(err)
			}
			mustNotFound(t, getCard(t, api, "/isu/"+rejected.Number+"/kartu.png", ""))

			mustNotFound(t, getCard(t, api, "/isu/KTB-1999-999999/kartu.png", ""))
			mustNotFound(t, getCard(t, api, "/isu/bukan-nomor/kartu.png", ""))

			// A card that was served stops when the issue is hidden, even
			// with its ETag.
			hidden, _ := s.mustAnswered(t, db)
			path := "/isu/" + hidden.Number + "/kartu.png"
			shown := getCard(t, api, path, "")
			mustCardPNG(t, shown)
			if _, err := db.SetInternal(storetest.As(s.trc), hidden.Number, true, "Memuat data pribadi pelapor."); err != nil {
				t.Fatal(err)
			}
			mustNotFound(t, getCard(t, api, path, ""))
			mustNotFound(t, getCard(t, api, path, shown.header.Get("ETag")))
		})

		t.Run("SignedInRequestsAreNotStoredByCaches", func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, api.srv.URL+cardPath, nil)
			req.Header.Set("Authorization", "Bearer "+s.tokenOf(s.trc))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "private, no-store" {
				t.Errorf("status %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
			}
		})
	})
}
