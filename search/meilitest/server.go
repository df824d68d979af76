// Package meilitest is an in-process stand-in for a Meilisearch server: the
// HTTP endpoints the Meilisearch engine of package search calls (health,
// indexes, settings, documents, tasks, search, swap-indexes) with
// Meilisearch's semantics for them — asynchronous tasks processed in order,
// typo tolerance, prefix search on the last word, synonyms, phrases,
// negative words, filters, facets, sorting and both pagination modes. Tests
// can take it down, make it hang, pause its task queue and make it refuse
// chosen documents.
package meilitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a fake Meilisearch server listening on a local port.
type Server struct {
	*httptest.Server
	apiKey string

	mu      sync.Mutex
	cond    *sync.Cond
	indexes map[string]*index
	tasks   []*task
	paused  bool
	down    bool
	hang    bool
	refuse  map[string]bool
	calls   map[string]int
	closed  bool
}

// New starts a fake server; apiKey may be empty to accept any caller.
func New(apiKey string) *Server {
	s := &Server{apiKey: apiKey, indexes: map[string]*index{}, refuse: map[string]bool{}, calls: map[string]int{}}
	s.cond = sync.NewCond(&s.mu)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", s.health)
	mux.HandleFunc("GET /indexes/{uid}", s.getIndex)
	mux.HandleFunc("POST /indexes", s.createIndex)
	mux.HandleFunc("DELETE /indexes/{uid}", s.deleteIndex)
	mux.HandleFunc("GET /indexes/{uid}/stats", s.stats)
	mux.HandleFunc("PATCH /indexes/{uid}/settings", s.updateSettings)
	mux.HandleFunc("PUT /indexes/{uid}/settings/synonyms", s.updateSynonyms)
	mux.HandleFunc("POST /indexes/{uid}/documents", s.addDocuments)
	mux.HandleFunc("POST /indexes/{uid}/documents/delete-batch", s.deleteDocuments)
	mux.HandleFunc("POST /indexes/{uid}/search", s.search)
	mux.HandleFunc("POST /multi-search", s.multiSearch)
	mux.HandleFunc("GET /tasks/{id}", s.getTask)
	mux.HandleFunc("POST /swap-indexes", s.swapIndexes)
	s.Server = httptest.NewServer(s.guard(mux))
	go s.work()
	return s
}

// Close stops the server and its task worker.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed, s.down, s.hang = true, false, false
	s.cond.Broadcast()
	s.mu.Unlock()
	s.Server.Close()
}

// SetDown makes every endpoint answer 503, as a server that is away.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

// SetHang makes searches wait until the caller gives up, as an overloaded
// server does.
func (s *Server) SetHang(hang bool) {
	s.mu.Lock()
	s.hang = hang
	s.mu.Unlock()
}

// Pause holds every task enqueued from now on until Resume.
func (s *Server) Pause() {
	s.mu.Lock()
	s.paused = true
	s.mu.Unlock()
}

// Resume processes the held tasks.
func (s *Server) Resume() {
	s.mu.Lock()
	s.paused = false
	s.cond.Broadcast()
	s.mu.Unlock()
}

// Refuse makes every task that adds a document with this primary key fail,
// as Meilisearch fails a batch with an invalid document.
func (s *Server) Refuse(id string, refuse bool) {
	s.mu.Lock()
	s.refuse[id] = refuse
	s.mu.Unlock()
}

// Calls returns how often an endpoint was called, by "METHOD pattern".
func (s *Server) Calls(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[endpoint]
}

// Indexes lists the uids of the existing indexes.
func (s *Server) Indexes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for uid := range s.indexes {
		out = append(out, uid)
	}
	sort.Strings(out)
	return out
}

// Documents returns the number of documents of an index, -1 if it does not exist.
func (s *Server) Documents(uid string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix := s.indexes[uid]; ix != nil {
		return len(ix.docs)
	}
	return -1
}

// Settings returns the synonyms of an index as applied.
func (s *Server) Synonyms(uid string) map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix := s.indexes[uid]; ix != nil {
		return ix.settings.Synonyms
	}
	return nil
}

func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		down := s.down
		s.calls[r.Method+" "+pattern(r.URL.Path)]++
		s.mu.Unlock()
		if down {
			writeError(w, http.StatusServiceUnavailable, "unavailable", "the server is down", "system")
			return
		}
		if s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey {
			writeError(w, http.StatusUnauthorized, "missing_authorization_header", "the Authorization header is missing or wrong", "auth")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// pattern names an endpoint without its index uid or task id.
func pattern(path string) string {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) >= 2 && (parts[0] == "indexes" || parts[0] == "tasks") {
		parts[1] = "{" + map[string]string{"indexes": "uid", "tasks": "id"}[parts[0]] + "}"
	}
	return "/" + strings.Join(parts, "/")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away
}

func writeError(w http.ResponseWriter, status int, code, message, typ string) {
	writeJSON(w, status, apiError{Message: message, Code: code, Type: typ, Link: "https://docs.meilisearch.com/errors#" + code})
}

type apiError struct {
	Message string `json:"message"`
	Code    string `json:"code"`
	Type    string `json:"type"`
	Link    string `json:"link"`
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "available"})
}

func indexInfo(ix *index) map[string]any {
	return map[string]any{"uid": ix.uid, "primaryKey": ix.primaryKey, "createdAt": ix.createdAt, "updatedAt": ix.updatedAt}
}

func (s *Server) getIndex(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ix := s.indexes[r.PathValue("uid")]
	var info map[string]any
	if ix != nil {
		info = indexInfo(ix)
	}
	s.mu.Unlock()
	if ix == nil {
		writeError(w, http.StatusNotFound, "index_not_found", fmt.Sprintf("Index `%s` not found.", r.PathValue("uid")), "invalid_request")
		return
	}
	writeJSON(w, http.StatusOK, info)
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	n := s.Documents(r.PathValue("uid"))
	if n < 0 {
		writeError(w, http.StatusNotFound, "index_not_found", "index not found", "invalid_request")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"numberOfDocuments": n, "isIndexing": false, "fieldDistribution": map[string]int{}})
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = json.Unmarshal(body, v)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "malformed JSON: "+err.Error(), "invalid_request")
		return false
	}
	return true
}

func (s *Server) createIndex(w http.ResponseWriter, r *http.Request) {
	var in struct {
		UID        string `json:"uid"`
		PrimaryKey string `json:"primaryKey"`
	}
	if !decode(w, r, &in) {
		return
	}
	s.enqueue(w, in.UID, "indexCreation", func(s *Server) *apiError {
		if s.indexes[in.UID] != nil {
			return &apiError{Code: "index_already_exists", Message: "index already exists", Type: "invalid_request"}
		}
		s.indexes[in.UID] = newIndex(in.UID, in.PrimaryKey)
		return nil
	})
}

func (s *Server) deleteIndex(w http.ResponseWriter, r *http.Request) {
	uid := r.PathValue("uid")
	s.enqueue(w, uid, "indexDeletion", func(s *Server) *apiError {
		if s.indexes[uid] == nil {
			return &apiError{Code: "index_not_found", Message: "index not found", Type: "invalid_request"}
		}
		delete(s.indexes, uid)
		return nil
	})
}

func (s *Server) updateSettings(w http.ResponseWriter, r *http.Request) {
	uid := r.PathValue("uid")
	var in map[string]json.RawMessage
	if !decode(w, r, &in) {
		return
	}
	s.enqueue(w, uid, "settingsUpdate", func(s *Server) *apiError {
		ix := s.indexOrCreate(uid, "")
		return ix.settings.apply(in)
	})
}

func (s *Server) updateSynonyms(w http.ResponseWriter, r *http.Request) {
	uid := r.PathValue("uid")
	var in map[string][]string
	if !decode(w, r, &in) {
		return
	}
	s.enqueue(w, uid, "settingsUpdate", func(s *Server) *apiError {
		s.indexOrCreate(uid, "").settings.Synonyms = in
		return nil
	})
}

func (s *Server) indexOrCreate(uid, primaryKey string) *index {
	ix := s.indexes[uid]
	if ix == nil {
		ix = newIndex(uid, primaryKey)
		s.indexes[uid] = ix
	}
	return ix
}

func (s *Server) addDocuments(w http.ResponseWriter, r *http.Request) {
	uid := r.PathValue("uid")
	primaryKey := r.URL.Query().Get("primaryKey")
	var docs []map[string]any
	if !decode(w, r, &docs) {
		return
	}
	s.enqueue(w, uid, "documentAdditionOrUpdate", func(s *Server) *apiError {
		ix := s.indexOrCreate(uid, primaryKey)
		if ix.primaryKey == "" {
			ix.primaryKey = primaryKey
		}
		for _, d := range docs {
			id, ok := documentID(d[ix.primaryKey])
			if !ok {
				return &apiError{Code: "missing_document_id", Message: "a document has no primary key", Type: "invalid_request"}
			}
			if s.refuse[id] {
				return &apiError{Code: "invalid_document_fields", Message: "document " + id + " is refused", Type: "invalid_request"}
			}
		}
		for _, d := range docs {
			id, _ := documentID(d[ix.primaryKey])
			ix.put(id, d)
		}
		return nil
	})
}

func documentID(v any) (string, bool) {
	switch id := v.(type) {
	case string:
		return id, id != ""
	case float64:
		return strconv.FormatInt(int64(id), 10), true
	}
	return "", false
}

func (s *Server) deleteDocuments(w http.ResponseWriter, r *http.Request) {
	uid := r.PathValue("uid")
	var ids []any
	if !decode(w, r, &ids) {
		return
	}
	s.enqueue(w, uid, "documentDeletion", func(s *Server) *apiError {
		ix := s.indexes[uid]
		if ix == nil {
			return &apiError{Code: "index_not_found", Message: "index not found", Type: "invalid_request"}
		}
		for _, raw := range ids {
			if id, ok := documentID(raw); ok {
				ix.remove(id)
			}
		}
		return nil
	})
}

func (s *Server) swapIndexes(w http.ResponseWriter, r *http.Request) {
	var in []struct {
		Indexes []string `json:"indexes"`
	}
	if !decode(w, r, &in) {
		return
	}
	s.enqueue(w, "", "indexSwap", func(s *Server) *apiError {
		for _, pair := range in {
			if len(pair.Indexes) != 2 || s.indexes[pair.Indexes[0]] == nil || s.indexes[pair.Indexes[1]] == nil {
				return &apiError{Code: "index_not_found", Message: "both indexes of a swap must exist", Type: "invalid_request"}
			}
		}
		for _, pair := range in {
			a, b := s.indexes[pair.Indexes[0]], s.indexes[pair.Indexes[1]]
			a.uid, b.uid = b.uid, a.uid
			s.indexes[a.uid], s.indexes[b.uid] = a, b
		}
		return nil
	})
}

// task is one asynchronous write.
type task struct {
	UID        int64     `json:"uid"`
	IndexUID   string    `json:"indexUid,omitempty"`
	Status     string    `json:"status"`
	Type       string    `json:"type"`
	Error      *apiError `json:"error"`
	EnqueuedAt time.Time `json:"enqueuedAt"`
	StartedAt  time.Time `json:"startedAt"`
	FinishedAt time.Time `json:"finishedAt"`
	Duration   string    `json:"duration"`
	apply      func(s *Server) *apiError
}

func (s *Server) enqueue(w http.ResponseWriter, uid, typ string, apply func(s *Server) *apiError) {
	s.mu.Lock()
	t := &task{UID: int64(len(s.tasks)), IndexUID: uid, Status: "enqueued", Type: typ, EnqueuedAt: time.Now().UTC(), apply: apply}
	s.tasks = append(s.tasks, t)
	s.cond.Broadcast()
	s.mu.Unlock()
	writeJSON(w, http.StatusAccepted, map[string]any{
		"taskUid": t.UID, "indexUid": uid, "status": "enqueued", "type": typ, "enqueuedAt": t.EnqueuedAt,
	})
}

// work processes the tasks one at a time, in the order they were enqueued.
func (s *Server) work() {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := 0
	for {
		for !s.closed && (s.paused || next >= len(s.tasks)) {
			s.cond.Wait()
		}
		if s.closed {
			return
		}
		t := s.tasks[next]
		next++
		t.Status, t.StartedAt = "processing", time.Now().UTC()
		if err := t.apply(s); err != nil {
			t.Status, t.Error = "failed", err
			t.Error.Link = "https://docs.meilisearch.com/errors#" + err.Code
		} else {
			t.Status = "succeeded"
		}
		t.FinishedAt = time.Now().UTC()
		t.Duration = "PT0.001S"
	}
}

func (s *Server) getTask(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	s.mu.Lock()
	var t task
	found := err == nil && id >= 0 && id < len(s.tasks)
	if found {
		t = *s.tasks[id]
	}
	s.mu.Unlock()
	if !found {
		writeError(w, http.StatusNotFound, "task_not_found", "task not found", "invalid_request")
		return
	}
	writeJSON(w, http.StatusOK, t)
}
