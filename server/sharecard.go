package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/sharecard"
)

// Bounds of the share cards.
const (
	// shareCardCacheEntries is how many rendered cards are kept in memory.
	// A card is 40–80 KB of PNG, so the cache stays within a few MB while
	// holding every card that is being shared at one time.
	shareCardCacheEntries = 128
	// shareCardRenderSlots is how many cards may be drawn at once. A
	// render takes about 20 ms of one core and 4–5 MB of garbage (see
	// sharecard/README.md); a burst of links to different issues waits its
	// turn instead of taking every core and the memory with it.
	shareCardRenderSlots = 2
	// shareCardMaxAge is how long browsers and link-preview crawlers may
	// reuse a card without asking again. A correction (ralat) changes the
	// card, so the time is short; asking again costs a 304 by ETag.
	shareCardMaxAge = 60 * time.Second
)

// shareCardPortal is the portal's name on every card, as the web app's
// header writes it (frontend/src/main.tsx).
const shareCardPortal = siteName + " · Kabupaten Kotabaru"

// shareCardStamps are the stamps of issues without a verdict, as the web app
// names the statuses (statusLabels in frontend/src/format.ts).
var shareCardStamps = map[string]string{
	"ASSIGNED":    "Diteruskan ke instansi",
	"IN_PROGRESS": "Sedang ditangani",
	"ANSWERED":    "Sudah dijawab",
	"CLOSED":      "Ditutup",
	"DUPLICATE":   "Duplikat",
}

// shareCards serves /isu/{number}/kartu.png: the picture a link preview
// shows for an issue (og:image, twitter:image). The issue is read through
// the public GraphQL API as an anonymous client, like the issue page, so a
// card never shows more than the page does, and an issue that is not
// public has no card.
//
// The PNG is kept in a bounded LRU keyed by sharecard.ETag, which changes
// with everything the card shows: a published or corrected answer changes
// the stamp or the date, so the next request draws a new card and the old
// one ages out. Drawing is bounded by a semaphore, and concurrent requests
// for the same card share one drawing.
type shareCards struct {
	api      http.Handler
	location *time.Location

	cache   *lru.Cache[string, []byte]
	slots   *semaphore.Weighted
	flights singleflight.Group
	// rendered counts the cards drawn, for tests and benchmarks.
	rendered atomic.Int64
}

// newShareCards keeps up to entries cards and draws up to slots at once.
func newShareCards(api http.Handler, location *time.Location, entries, slots int) *shareCards {
	cache, err := lru.New[string, []byte](entries)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &shareCards{api: api, location: location, cache: cache, slots: semaphore.NewWeighted(int64(slots))}
}

// errCardBusy answers a card request that waited for a free drawing slot
// until the request's time ran out.
var errCardBusy = &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 5,
	Message: "Kartu pratinjau sedang dibuat. Coba lagi sebentar lagi."}

func (s *shareCards) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if !issueNumberPattern.MatchString(number) {
		notFound(w, r)
		return
	}
	issue, err := s.fetch(r, number)
	if err != nil {
		writeError(w, r, err)
		return
	}
	if issue == nil {
		writeError(w, r, models.Errorf(models.ENOTFOUND, "Isu tidak ditemukan."))
		return
	}
	card := s.card(issue)
	etag := sharecard.ETag(card)
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(shareCardMaxAge.Seconds())))
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	png, err := s.png(r.Context(), etag, card)
	if err != nil {
		h.Del("ETag")
		h.Set("Cache-Control", "no-store")
		writeError(w, r, err)
		return
	}
	h.Set("Content-Type", "image/png")
	h.Set("Content-Length", strconv.Itoa(len(png)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(png) //nolint:errcheck // the client went away
	}
}

// png returns the card's picture from the cache, or draws it once for all
// the requests that want it now.
func (s *shareCards) png(ctx context.Context, etag string, card sharecard.Card) ([]byte, error) {
	if b, ok := s.cache.Get(etag); ok {
		return b, nil
	}
	v, err, _ := s.flights.Do(etag, func() (any, error) {
		if b, ok := s.cache.Get(etag); ok {
			return b, nil
		}
		if err := s.slots.Acquire(ctx, 1); err != nil {
			return nil, errCardBusy
		}
		defer s.slots.Release(1)
		b, err := sharecard.Render(card)
		if err != nil {
			return nil, models.Internal(fmt.Errorf("render share card: %w", err))
		}
		s.rendered.Add(1)
		s.cache.Add(etag, b)
		return b, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// cardIssue is what a card needs from the API.
type cardIssue struct {
	Number    string  `json:"number"`
	Title     string  `json:"title"`
	Status    string  `json:"status"`
	Verdict   *string `json:"verdict"`
	CreatedAt string  `json:"createdAt"`
	Agency    *struct {
		Name string `json:"name"`
	} `json:"agency"`
	Responses []struct {
		Status    string `json:"status"`
		UpdatedAt string `json:"updatedAt"`
		Agency    struct {
			Name string `json:"name"`
		} `json:"agency"`
	} `json:"responses"`
}

const shareCardQuery = `query ShareCard($number: String!) {
  issue(number: $number) {
    number title status verdict createdAt
    agency { name }
    responses { status updatedAt agency { name } }
  }
}`

// card is what the card of issue shows: the verdict (or, without one, where
// the issue stands), the title, the agency, and the date of the answer as it
// reads now (its latest revision), or the day the issue was logged while it
// is unanswered.
func (s *shareCards) card(issue *cardIssue) sharecard.Card {
	c := sharecard.Card{
		Portal:      shareCardPortal,
		IssueNumber: issue.Number,
		Title:       issue.Title,
		Location:    s.location,
	}
	if issue.Agency != nil {
		c.Agency = issue.Agency.Name
	}
	var answered time.Time
	for _, resp := range issue.Responses {
		if resp.Status != "PUBLISHED" {
			continue
		}
		if t, err := time.Parse(time.RFC3339Nano, resp.UpdatedAt); err == nil && t.After(answered) {
			answered = t
			if c.Agency == "" {
				c.Agency = resp.Agency.Name
			}
		}
	}
	if issue.Verdict != nil {
		c.Verdict = models.Verdict(*issue.Verdict)
	}
	switch {
	case !answered.IsZero():
		c.Date = answered
		c.Stamp = shareCardStamps["ANSWERED"]
	default:
		if t, err := time.Parse(time.RFC3339Nano, issue.CreatedAt); err == nil {
			c.Date = t
		}
		c.Stamp = shareCardStamps[issue.Status]
	}
	return c
}

// fetch asks the GraphQL API for one issue as an anonymous client; nil
// when it is not public. An error is one writeError can answer with.
func (s *shareCards) fetch(r *http.Request, number string) (*cardIssue, error) {
	body, err := json.Marshal(map[string]any{"query": shareCardQuery, "variables": map[string]string{"number": number}})
	if err != nil {
		return nil, models.Internal(err)
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, models.Internal(err)
	}
	req.RemoteAddr = r.RemoteAddr
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	rec := &bufferedResponse{header: http.Header{}}
	s.api.ServeHTTP(rec, req)
	var out struct {
		Data struct {
			Issue *cardIssue `json:"issue"`
		} `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.body.Bytes(), &out); err != nil {
		return nil, models.Internal(fmt.Errorf("share card: read the API's answer: %w", err))
	}
	if len(out.Errors) > 0 {
		// The API's own public errors (a rate limit, an unavailable
		// database) pass through; anything else is masked and logged.
		first := out.Errors[0]
		code, _ := first.Extensions["code"].(string)
		switch code {
		case models.ERATELIMITED, models.EUNAVAILABLE:
			e := &models.Error{Code: code, Message: first.Message}
			if seconds, ok := first.Extensions["retryAfter"].(float64); ok {
				e.RetryAfterSeconds = int(seconds)
			}
			return nil, e
		}
		return nil, models.Internal(fmt.Errorf("share card: %w: %s %s", errAPI, code, first.Message))
	}
	return out.Data.Issue, nil
}
