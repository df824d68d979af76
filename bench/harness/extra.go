package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // the "sqlite" driver, as the store uses it

	"github.com/kotabaru/tanggap/markdown"
	"github.com/kotabaru/tanggap/models"
)

// openBun opens a Tanggap database the way the store does, for the steps
// the product has no command for.
func openBun(rawURL string) (*bun.DB, error) {
	if strings.HasPrefix(rawURL, "postgres://") {
		connector, err := pq.NewConnector(rawURL)
		if err != nil {
			return nil, err
		}
		return bun.NewDB(sql.OpenDB(connector), pgdialect.New()), nil
	}
	path := strings.TrimPrefix(rawURL, "sqlite:")
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	sqldb.SetMaxOpenConns(1)
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// loadExtra adds the further responses of extra-responses.csv: each a
// published response of another agency than the assigned one, with its
// first revision, written straight into the tables in one transaction. The
// import takes one response per issue; in the product a second agency's
// response comes from reassigning a reopened issue. No audit entries or
// timeline events are written for them: the benchmark reads neither.
func loadExtra(ctx context.Context, rawURL, file string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", file, err)
	}
	if len(records) == 0 || strings.Join(records[0], ",") != strings.Join(extraHeader, ",") {
		return 0, fmt.Errorf("%s: unexpected header", file)
	}
	db, err := openBun(rawURL)
	if err != nil {
		return 0, err
	}
	defer db.Close()

	issueIDs := map[string]int64{}
	rows, err := db.QueryContext(ctx, "SELECT id, external_ref FROM issues WHERE external_ref IS NOT NULL")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		var ref string
		if err := rows.Scan(&id, &ref); err != nil {
			rows.Close()
			return 0, err
		}
		issueIDs[ref] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var agencies []models.Agency
	if err := db.NewSelect().Model(&agencies).Scan(ctx); err != nil {
		return 0, err
	}
	agencyIDs := map[string]int64{}
	for _, a := range agencies {
		agencyIDs[a.Slug] = a.ID
	}

	// Stored with their HTML, rendered by the product's renderer, as every
	// write path of the product stores a response.
	render := markdown.New()
	var responses []*models.Response
	for i, rec := range records[1:] {
		issueID, ok := issueIDs[rec[0]]
		if !ok {
			return 0, fmt.Errorf("row %d: issue %q was not imported", i+2, rec[0])
		}
		agencyID, ok := agencyIDs[rec[1]]
		if !ok {
			return 0, fmt.Errorf("row %d: no agency %q", i+2, rec[1])
		}
		at, err := time.Parse(time.RFC3339, rec[2])
		if err != nil {
			return 0, fmt.Errorf("row %d: %w", i+2, err)
		}
		at = at.UTC()
		var verdict *models.Verdict
		if rec[4] != "" {
			v := models.Verdict(rec[4])
			verdict = &v
		}
		responses = append(responses, &models.Response{IssueID: issueID, AgencyID: agencyID, Status: models.ResponsePublished,
			Body: rec[3], BodyHTML: render.Render(rec[3]), Verdict: verdict, Revision: 1, CreatedAt: at, UpdatedAt: at, PublishedAt: &at})
	}
	if len(responses) == 0 {
		return 0, errors.New("no further responses in " + file)
	}
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		const batch = 500
		for start := 0; start < len(responses); start += batch {
			part := responses[start:min(start+batch, len(responses))]
			if _, err := tx.NewInsert().Model(&part).Exec(ctx); err != nil {
				return fmt.Errorf("insert responses: %w", err)
			}
			revisions := make([]*models.ResponseRevision, len(part))
			for i, r := range part {
				if r.ID == 0 {
					return errors.New("insert responses: no ids returned")
				}
				revisions[i] = &models.ResponseRevision{ResponseID: r.ID, Number: 1, Body: r.Body, BodyHTML: r.BodyHTML, Verdict: r.Verdict, CreatedAt: r.CreatedAt}
			}
			if _, err := tx.NewInsert().Model(&revisions).Exec(ctx); err != nil {
				return fmt.Errorf("insert revisions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(responses), nil
}
