package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// The queries of each workload, in Tanggap's schema and in the schema
// PostGraphile derives from the views of bench/postgraphile/schema.sql. Each
// pair asks for the same fields of the same rows in the same order.
const (
	tanggapList = `query List { issues(first: 20) { edges { node { number title summary kind status verdict createdAt
  agency { slug name } responses { body verdict publishedAt } } } } }`
	tanggapListCount = `query List { issues(first: 20) { totalCount edges { node { number title summary kind status verdict createdAt
  agency { slug name } responses { body verdict publishedAt } } } } }`
	pglList = `query List { allIssues(first: 20, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { edges { node { number title summary kind status verdict createdAt
  agencyByAgencyId { slug name } responsesByIssueId(orderBy: ROW_ID_ASC) { nodes { body verdict publishedAt } } } } } }`
	pglListCount = `query List { allIssues(first: 20, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { totalCount edges { node { number title summary kind status verdict createdAt
  agencyByAgencyId { slug name } responsesByIssueId(orderBy: ROW_ID_ASC) { nodes { body verdict publishedAt } } } } } }`

	tanggapIssue = `query Issue($n: String!) { issue(number: $n) { number title summary kind status verdict createdAt
  agency { slug name } sources { platform url claimText detectedAt } responses { body verdict publishedAt agency { name } } } }`
	pglIssue = `query Issue($n: String!) { issueByNumber(number: $n) { number title summary kind status verdict createdAt
  agencyByAgencyId { slug name } issueSourcesByIssueId(orderBy: ROW_ID_ASC) { nodes { platform url claimText detectedAt } }
  responsesByIssueId(orderBy: ROW_ID_ASC) { nodes { body verdict publishedAt agencyByAgencyId { name } } } } }`

	tanggapSearch = `query Search($q: String!) { search(query: $q, first: 20) { totalCount edges { node { issue { number title agency { name } } } } } }`
	pglSearch     = `query Search($q: String!) { searchIssues(q: $q, first: 20) { totalCount nodes { number title agencyByAgencyId { name } } } }`

	tanggapPublish = `mutation Publish($in: PublishResponseInput!) { publishResponse(input: $in) { response { id revision } } }`
	pglCreate      = `mutation Create($in: CreateResponseInput!) { createResponse(input: $in) { response { rowId revision } } }`

	tanggapLogin = `mutation Login($in: LoginInput!) { login(input: $in) { token } }`
)

// workload describes one measured round trip.
type workload struct {
	key   string
	title string
	// open marks the open-loop search workloads (vegeta at fixed rates).
	open bool
	// write marks the publishing workload, which uses up open issues.
	write bool
	// kinds lists the servers it runs on: tanggap, postgraphile, floor.
	kinds []string
}

var workloads = []workload{
	{key: "a", title: "20 issues + agency + responses, no totalCount", kinds: []string{"tanggap", "postgraphile", "floor"}},
	{key: "b", title: "20 issues + agency + responses, with totalCount", kinds: []string{"tanggap", "postgraphile", "floor"}},
	{key: "c", title: "one issue + agency + sources + responses (rotating numbers)", kinds: []string{"tanggap", "postgraphile", "floor"}},
	{key: "j", title: "public issue page GET /isu/<number>", kinds: []string{"tanggap"}},
	{key: "d", title: "search, selective terms (~1.5 % of documents, 60 rotating)", kinds: []string{"tanggap", "postgraphile"}},
	{key: "e", title: "search, broad terms (12–15 % of documents)", kinds: []string{"tanggap", "postgraphile"}},
	{key: "f2", title: "search open loop, 2 req/s", open: true, kinds: []string{"tanggap", "postgraphile"}},
	{key: "f20", title: "search open loop, 20 req/s", open: true, kinds: []string{"tanggap", "postgraphile"}},
	{key: "g", title: "publishResponse (Tanggap) vs createResponse (PostGraphile), 10 writers", write: true, kinds: []string{"tanggap", "postgraphile"}},
}

func (w workload) runsOn(kind string) bool {
	for _, k := range w.kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// openIssue is an issue waiting for its answer: the write workloads answer
// them, one request each.
type openIssue struct {
	number   string
	id       int64
	agencyID int64
	kind     string
}

// targetData is what the workloads of one server read: issue numbers to
// rotate, open issues to answer, staff tokens.
type targetData struct {
	numbers []string
	open    []openIssue
	used    int // open issues answered by earlier rounds
	tokens  []string
}

func gqlBody(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

var (
	errorsKey   = []byte(`"errors"`)
	numberKey   = []byte(`"number":"`)
	revisionOne = []byte(`"revision":1`)
	totalCount  = regexp.MustCompile(`"totalCount":(\d+)`)
)

// expectGraphQL checks status 200, no errors, and the number of issues
// (the count of "number" fields) between lo and hi.
func expectGraphQL(status int, body []byte, lo, hi int) error {
	if status != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", status, body)
	}
	if bytes.Contains(body, errorsKey) {
		return fmt.Errorf("errors: %.300s", body)
	}
	if n := bytes.Count(body, numberKey); n < lo || n > hi {
		return fmt.Errorf("%d issues in the answer, want %d–%d: %.200s", n, lo, hi, body)
	}
	return nil
}

// hitCounter remembers the totalCount answered for each search term.
type hitCounter struct {
	mu     sync.Mutex
	counts map[int]int
}

func (h *hitCounter) record(term int, body []byte) {
	m := totalCount.FindSubmatch(body)
	if m == nil {
		return
	}
	n, _ := strconv.Atoi(string(m[1]))
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.counts == nil {
		h.counts = map[int]int{}
	}
	h.counts[term] = n
}

// summary reports the mean share of documents the terms matched.
func (h *hitCounter) summary(documents int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.counts) == 0 || documents == 0 {
		return ""
	}
	sum := 0
	for _, n := range h.counts {
		sum += n
	}
	return fmt.Sprintf("hits: mean %.2f %% of %d documents over %d terms", 100*float64(sum)/float64(len(h.counts))/float64(documents), documents, len(h.counts))
}

// plan returns the requests and the check of a closed-loop workload on a
// server, or ok false when the workload does not apply to it. hits, when
// not nil, collects the search totals.
func plan(w workload, s *server, d *targetData, terms searchTerms, hits *hitCounter, perRun int) (next func(int64) (call, bool), check checkFunc, ok bool) {
	if !w.runsOn(s.kind) {
		return nil, nil, false
	}
	post := func(body []byte) call { return call{method: "POST", path: "/graphql", body: body} }
	fixed := func(c call) func(int64) (call, bool) { return func(int64) (call, bool) { return c, true } }
	rotate := func(calls []call) func(int64) (call, bool) {
		return func(i int64) (call, bool) { return calls[i%int64(len(calls))], true }
	}
	switch w.key {
	case "a", "b":
		query := map[string]string{"a": tanggapList, "b": tanggapListCount}[w.key]
		if s.kind == "postgraphile" {
			query = map[string]string{"a": pglList, "b": pglListCount}[w.key]
		}
		return fixed(post(gqlBody(query, nil))), func(_ int64, st int, b []byte) error { return expectGraphQL(st, b, 20, 20) }, true
	case "c":
		query := tanggapIssue
		if s.kind == "postgraphile" {
			query = pglIssue
		}
		calls := make([]call, len(d.numbers))
		for i, n := range d.numbers {
			calls[i] = post(gqlBody(query, map[string]any{"n": n}))
		}
		return rotate(calls), func(i int64, st int, b []byte) error {
			if err := expectGraphQL(st, b, 1, 1); err != nil {
				return err
			}
			if want := d.numbers[i%int64(len(d.numbers))]; !bytes.Contains(b, []byte(`"number":"`+want+`"`)) {
				return fmt.Errorf("answer is not issue %s: %.200s", want, b)
			}
			return nil
		}, true
	case "j":
		calls := make([]call, len(d.numbers))
		for i, n := range d.numbers {
			calls[i] = call{method: "GET", path: "/isu/" + n}
		}
		return rotate(calls), func(i int64, st int, b []byte) error {
			if st != http.StatusOK {
				return fmt.Errorf("status %d", st)
			}
			if want := d.numbers[i%int64(len(d.numbers))]; !bytes.Contains(b, []byte(want)) {
				return fmt.Errorf("page does not name issue %s", want)
			}
			return nil
		}, true
	case "d", "e", "f2", "f20":
		list := terms.Selective
		if w.key == "e" {
			list = terms.Broad
		}
		if w.open {
			list = append(append([]string{}, terms.Selective...), terms.Broad...)
		}
		query := tanggapSearch
		if s.kind == "postgraphile" {
			query = pglSearch
		}
		calls := make([]call, len(list))
		for i, t := range list {
			calls[i] = post(gqlBody(query, map[string]any{"q": t}))
		}
		return rotate(calls), func(i int64, st int, b []byte) error {
			if err := expectGraphQL(st, b, 1, 20); err != nil {
				return err
			}
			if hits != nil {
				hits.record(int(i%int64(len(list))), b)
			}
			return nil
		}, true
	case "g":
		pool := d.open[d.used:]
		if len(pool) > perRun {
			pool = pool[:perRun]
		}
		d.used += len(pool)
		stamp := time.Now().UTC().Format(time.RFC3339)
		return func(i int64) (call, bool) {
				if i >= int64(len(pool)) {
					return call{}, false
				}
				oi := pool[i]
				text := fmt.Sprintf("## Jawaban resmi\n\nTerima kasih atas laporan nomor %s. Petugas telah memeriksa lokasi dan "+
					"menindaklanjuti sesuai kewenangan instansi. Perkembangan berikutnya kami sampaikan di halaman ini.", oi.number)
				var verdict any
				if oi.kind == "MISINFORMATION" {
					verdict = "FALSE"
				}
				if s.kind == "postgraphile" {
					return post(gqlBody(pglCreate, map[string]any{"in": map[string]any{"response": map[string]any{
						"issueId": strconv.FormatInt(oi.id, 10), "agencyId": strconv.FormatInt(oi.agencyID, 10), "status": "PUBLISHED",
						"body": text, "verdict": verdict, "revision": 1, "createdAt": stamp, "updatedAt": stamp, "publishedAt": stamp,
					}}})), true
				}
				c := post(gqlBody(tanggapPublish, map[string]any{"in": map[string]any{"issueNumber": oi.number, "body": text, "verdict": verdict}}))
				c.token = d.tokens[i%int64(len(d.tokens))]
				return c, true
			}, func(_ int64, st int, b []byte) error {
				if err := expectGraphQL(st, b, 0, 0); err != nil {
					return err
				}
				if !bytes.Contains(b, revisionOne) {
					return fmt.Errorf("no revision 1 in %.200s", b)
				}
				return nil
			}, true
	}
	return nil, nil, false
}

// login signs the writer accounts in, each from its own client address, and
// returns their tokens.
func login(ctx context.Context, s *server) ([]string, error) {
	client := newClient(1)
	defer client.CloseIdleConnections()
	var tokens []string
	for i := 1; i <= writerAccounts; i++ {
		body := gqlBody(tanggapLogin, map[string]any{"in": map[string]any{"email": writerEmail(i), "password": writerPassword}})
		status, out, err := send(ctx, client, s.url, call{method: "POST", path: "/graphql", body: body}, int64(clientAddresses-i))
		if err != nil {
			return nil, err
		}
		var resp struct {
			Data struct {
				Login struct{ Token string } `json:"login"`
			} `json:"data"`
		}
		if status != http.StatusOK || json.Unmarshal(out, &resp) != nil || resp.Data.Login.Token == "" {
			return nil, fmt.Errorf("login %s on %s: status %d: %.300s", writerEmail(i), s.name, status, out)
		}
		tokens = append(tokens, resp.Data.Login.Token)
	}
	if len(tokens) == 0 {
		return nil, errors.New("no writer accounts")
	}
	return tokens, nil
}
