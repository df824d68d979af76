package search_test

import (
	"context"
	"sync"

	"github.com/uptrace/bun"
)

// statementCounter counts the SQL statements a database runs, BEGIN and
// COMMIT included.
type statementCounter struct {
	mu    sync.Mutex
	n     int
	query []string
}

var _ bun.QueryHook = (*statementCounter)(nil)

func (c *statementCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

func (c *statementCounter) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	c.mu.Lock()
	c.n++
	c.query = append(c.query, e.Query)
	c.mu.Unlock()
}

func (c *statementCounter) reset() {
	c.mu.Lock()
	c.n, c.query = 0, nil
	c.mu.Unlock()
}

func (c *statementCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// statements returns the statements run since the last reset.
func (c *statementCounter) statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.query...)
}
