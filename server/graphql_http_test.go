package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// send makes one request to /graphql and returns status, headers and body.
func send(t *testing.T, api *testAPI, method, rawQuery, body string, headers map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, api.srv.URL+"/graphql"+rawQuery, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestPersistedQueries: Apollo's automatic persisted queries over GET and
// POST. An unknown hash answers 200 with PERSISTED_QUERY_NOT_FOUND and the
// message PersistedQueryNotFound, the query is registered with its hash, and
// then the hash alone runs it; a hash that does not match is refused.
func TestPersistedQueries(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			query := `query Agencies` + method + ` { agencies { slug name } }`
			sum := sha256.Sum256([]byte(query))
			ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
			request := func(withQuery bool) (int, string) {
				extJSON, _ := json.Marshal(ext)
				accept := map[string]string{"Accept": "application/graphql-response+json, application/json;q=0.9"}
				if method == http.MethodGet {
					v := url.Values{"extensions": {string(extJSON)}}
					if withQuery {
						v.Set("query", query)
					}
					status, _, body := send(t, api, method, "?"+v.Encode(), "", accept)
					return status, body
				}
				payload := map[string]any{"extensions": ext}
				if withQuery {
					payload["query"] = query
				}
				b, _ := json.Marshal(payload)
				status, _, body := send(t, api, method, "", string(b), accept)
				return status, body
			}
			status, body := request(false)
			var miss struct {
				Errors []struct {
					Message    string
					Extensions struct{ Code string }
				}
			}
			if err := json.Unmarshal([]byte(body), &miss); err != nil || status != http.StatusOK || len(miss.Errors) != 1 ||
				miss.Errors[0].Message != "PersistedQueryNotFound" || miss.Errors[0].Extensions.Code != "PERSISTED_QUERY_NOT_FOUND" {
				t.Fatalf("%s unknown hash: %d %s", method, status, body)
			}
			if status, body := request(true); status != http.StatusOK || !strings.Contains(body, `"slug":"dinkes"`) {
				t.Fatalf("%s register: %d %s", method, status, body)
			}
			if status, body := request(false); status != http.StatusOK || !strings.Contains(body, `"slug":"dinkes"`) {
				t.Fatalf("%s by hash: %d %s", method, status, body)
			}
		}
		bad, _ := json.Marshal(map[string]any{"query": "{ agencies { slug } }",
			"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": strings.Repeat("0", 64)}}})
		if status, _, body := send(t, api, http.MethodPost, "", string(bad), nil); !strings.Contains(body, "does not match") || status == http.StatusInternalServerError {
			t.Errorf("a wrong hash: %d %s", status, body)
		}
	})
}

// TestRequestErrors: a request without a query is 400 whatever it accepts;
// a batch (JSON array) is refused with 400 without repeating the body; a
// body that is not JSON is 400 without repeating it either; a variable of a
// custom scalar (Time, Date, ID) that does not read is a 400 request error
// in Indonesian.
func TestRequestErrors(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	api := newTestAPI(t, db)
	for _, accept := range []string{"", "application/json", "application/graphql-response+json", "*/*"} {
		h := map[string]string{"Accept": accept}
		if status, _, body := send(t, api, http.MethodPost, "", `{}`, h); status != http.StatusBadRequest {
			t.Errorf("POST without query, Accept %q: %d %s", accept, status, body)
		}
		if status, _, body := send(t, api, http.MethodPost, "", `{"query":""}`, h); status != http.StatusBadRequest {
			t.Errorf("POST with an empty query, Accept %q: %d %s", accept, status, body)
		}
		if status, _, body := send(t, api, http.MethodGet, "", "", h); status != http.StatusBadRequest {
			t.Errorf("GET without query, Accept %q: %d %s", accept, status, body)
		}
	}
	const secret = "rahasia-jangan-dipantulkan"
	batch := `[{"query":"{ agencies { slug } }"},{"query":"{ categories { slug } }","variables":{"x":"` + secret + `"}}]`
	status, _, body := send(t, api, http.MethodPost, "", batch, nil)
	if status != http.StatusBadRequest || strings.Contains(body, secret) || !strings.Contains(body, "BATCH_NOT_SUPPORTED") {
		t.Errorf("batch: %d %s", status, body)
	}
	status, _, body = send(t, api, http.MethodPost, "", `{"query": "{ agencies { slug } }", "x": `+secret, nil)
	if status != http.StatusBadRequest || strings.Contains(body, secret) {
		t.Errorf("broken JSON: %d %s", status, body)
	}
	for _, c := range []struct{ query, vars string }{
		{`mutation($d: Date!) { removeHoliday(input: {date: $d}) { recomputedIssues } }`, `{"d": "17-08-2026"}`},
		{`query($t: Time) { issues(filter: {from: $t}) { totalCount } }`, `{"t": "kemarin"}`},
	} {
		status, header, body := send(t, api, http.MethodPost, "", `{"query": `+strconvQuote(c.query)+`, "variables": `+c.vars+`}`,
			map[string]string{"Accept": "application/graphql-response+json"})
		if status != http.StatusBadRequest || strings.Contains(body, `"data"`) || !strings.Contains(header.Get("Content-Type"), "graphql-response+json") {
			t.Errorf("%s with %s: %d %s", c.query, c.vars, status, body)
		}
		if !strings.Contains(body, "harus") {
			t.Errorf("the message is not Indonesian: %s", body)
		}
	}
}

// TestCORSForClients: the preflight allows the headers common GraphQL
// clients send.
func TestCORSForClients(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	api := newTestAPI(t, db)
	req, _ := http.NewRequest(http.MethodOptions, api.srv.URL+"/graphql", nil)
	req.Header.Set("Origin", "https://newsroom.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,apollographql-client-name,apollographql-client-version,apollo-require-preflight,x-apollo-operation-name,graphql-client-name,graphql-client-version,authorization")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	allowed := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers"))
	for _, h := range strings.Split(req.Header.Get("Access-Control-Request-Headers"), ",") {
		if !strings.Contains(allowed, h) {
			t.Errorf("preflight does not allow %s: %q", h, allowed)
		}
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("Access-Control-Allow-Origin %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
