// Command floor is the hardware floor of the archive-scale benchmark: the
// page of the 20 newest public issues with their agencies and published
// responses, and one issue with its agency, sources and responses, rendered
// as the same GraphQL-shaped JSON that Tanggap returns, straight from
// database/sql and lib/pq — statements prepared once per connection, two for
// the page, three for an issue — with no GraphQL layer at all. Nothing real
// can be much faster on this machine; Tanggap's throughput divided by this
// one says how much of the hardware it uses.
//
// It answers POST /graphql: the issue named by the variable n when the
// request has one, otherwise the page, adding totalCount when the query text
// asks for it; and GET /healthz.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/lib/pq"
)

const pageSQL = `SELECT i.id, i.number, i.title, i.summary, i.kind, i.status, i.verdict, i.created_at, a.slug, a.name
FROM issues i LEFT JOIN agencies a ON a.id = i.agency_id
WHERE i.status NOT IN ('NEW', 'REJECTED') AND NOT i.internal
ORDER BY i.created_at DESC, i.id DESC
LIMIT 20`

const responsesSQL = `SELECT issue_id, body, verdict, published_at FROM responses
WHERE status = 'PUBLISHED' AND issue_id = ANY($1)
ORDER BY id`

const countSQL = `SELECT count(*) FROM issues WHERE status NOT IN ('NEW', 'REJECTED') AND NOT internal`

const issueSQL = `SELECT i.id, i.number, i.title, i.summary, i.kind, i.status, i.verdict, i.created_at, a.slug, a.name
FROM issues i LEFT JOIN agencies a ON a.id = i.agency_id
WHERE i.number = $1 AND i.status NOT IN ('NEW', 'REJECTED') AND NOT i.internal`

const sourcesSQL = `SELECT platform, url, claim_text, detected_at FROM issue_sources
WHERE issue_id = $1 ORDER BY detected_at, id`

const issueResponsesSQL = `SELECT r.body, r.verdict, r.published_at, a.name FROM responses r JOIN agencies a ON a.id = r.agency_id
WHERE r.status = 'PUBLISHED' AND r.issue_id = $1 ORDER BY r.id`

type agency struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type response struct {
	Body        string     `json:"body"`
	Verdict     *string    `json:"verdict"`
	PublishedAt *time.Time `json:"publishedAt"`
	Agency      *named     `json:"agency,omitempty"`
}

type named struct {
	Name string `json:"name"`
}

type source struct {
	Platform   string    `json:"platform"`
	URL        *string   `json:"url"`
	ClaimText  string    `json:"claimText"`
	DetectedAt time.Time `json:"detectedAt"`
}

type node struct {
	Number    string      `json:"number"`
	Title     string      `json:"title"`
	Summary   string      `json:"summary"`
	Kind      string      `json:"kind"`
	Status    string      `json:"status"`
	Verdict   *string     `json:"verdict"`
	CreatedAt time.Time   `json:"createdAt"`
	Agency    *agency     `json:"agency"`
	Sources   []*source   `json:"sources,omitempty"`
	Responses []*response `json:"responses"`
}

type detail struct {
	Data struct {
		Issue *node `json:"issue"`
	} `json:"data"`
}

// statements are the prepared statements of the two pages.
type statements struct {
	page, responses, count, issue, sources, issueResponses *sql.Stmt
}

type edge struct {
	Node *node `json:"node"`
}

type connection struct {
	TotalCount *int   `json:"totalCount,omitempty"`
	Edges      []edge `json:"edges"`
}

type page struct {
	Data struct {
		Issues connection `json:"issues"`
	} `json:"data"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "listen address")
	dbURL := flag.String("database-url", "", "postgres://… of a Tanggap database")
	flag.Parse()
	connector, err := pq.NewConnector(*dbURL)
	if err != nil {
		log.Fatal(err)
	}
	db := sql.OpenDB(connector)
	// The pool Tanggap uses on PostgreSQL.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	var st statements
	for _, p := range []struct {
		stmt **sql.Stmt
		text string
	}{{&st.page, pageSQL}, {&st.responses, responsesSQL}, {&st.count, countSQL},
		{&st.issue, issueSQL}, {&st.sources, sourcesSQL}, {&st.issueResponses, issueResponsesSQL}} {
		if *p.stmt, err = db.Prepare(p.text); err != nil {
			log.Fatal(err)
		}
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var req struct {
			Variables struct {
				N string `json:"n"`
			} `json:"variables"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var out []byte
		if req.Variables.N != "" {
			out, err = renderIssue(r.Context(), &st, req.Variables.N)
		} else {
			out, err = render(r.Context(), &st, bytes.Contains(body, []byte("totalCount")))
		}
		if err != nil {
			log.Print(err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(out)
	})
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}

func render(ctx context.Context, st *statements, withCount bool) ([]byte, error) {
	var p page
	if withCount {
		var n int
		if err := st.count.QueryRowContext(ctx).Scan(&n); err != nil {
			return nil, err
		}
		p.Data.Issues.TotalCount = &n
	}
	rows, err := st.page.QueryContext(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*node{}
	var ids []int64
	for rows.Next() {
		var id int64
		var slug, name sql.NullString
		n := &node{Responses: []*response{}}
		if err := rows.Scan(&id, &n.Number, &n.Title, &n.Summary, &n.Kind, &n.Status, &n.Verdict, &n.CreatedAt, &slug, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if slug.Valid {
			n.Agency = &agency{Slug: slug.String, Name: name.String}
		}
		byID[id] = n
		ids = append(ids, id)
		p.Data.Issues.Edges = append(p.Data.Issues.Edges, edge{Node: n})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = st.responses.QueryContext(ctx, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var issueID int64
		r := &response{}
		if err := rows.Scan(&issueID, &r.Body, &r.Verdict, &r.PublishedAt); err != nil {
			return nil, err
		}
		byID[issueID].Responses = append(byID[issueID].Responses, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return json.Marshal(&p)
}

// renderIssue answers the one-issue query: the issue, then its sources and
// its responses, as Tanggap reads them.
func renderIssue(ctx context.Context, st *statements, number string) ([]byte, error) {
	var d detail
	var id int64
	var slug, name sql.NullString
	n := &node{Sources: []*source{}, Responses: []*response{}}
	err := st.issue.QueryRowContext(ctx, number).Scan(&id, &n.Number, &n.Title, &n.Summary, &n.Kind, &n.Status, &n.Verdict, &n.CreatedAt, &slug, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return json.Marshal(&d)
	} else if err != nil {
		return nil, err
	}
	if slug.Valid {
		n.Agency = &agency{Slug: slug.String, Name: name.String}
	}
	rows, err := st.sources.QueryContext(ctx, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		s := &source{}
		var url sql.NullString
		if err := rows.Scan(&s.Platform, &url, &s.ClaimText, &s.DetectedAt); err != nil {
			rows.Close()
			return nil, err
		}
		if url.String != "" {
			// Tanggap answers an empty address as none.
			s.URL = &url.String
		}
		n.Sources = append(n.Sources, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = st.issueResponses.QueryContext(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		r := &response{Agency: &named{}}
		if err := rows.Scan(&r.Body, &r.Verdict, &r.PublishedAt, &r.Agency.Name); err != nil {
			return nil, err
		}
		n.Responses = append(n.Responses, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	d.Data.Issue = n
	return json.Marshal(&d)
}
