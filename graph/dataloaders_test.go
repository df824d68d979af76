package graph

import (
	"context"
	"errors"
	"testing"
)

// TestLoaderFailure checks that a failed fetch reaches every caller as the
// fetch's own error, both through the batch window and through prefetch.
func TestLoaderFailure(t *testing.T) {
	cause := errors.New("database went away")
	type row struct{ id int64 }
	fetchRows := func(context.Context, []int64) ([]*row, error) { return nil, cause }
	one := newLoader(byID(fetchRows, func(r *row) int64 { return r.id }))
	if _, err := one.LoadAll(context.Background(), []int64{7, 8, 9}); !errors.Is(err, cause) {
		t.Errorf("LoadAll: %v, want the fetch's error", err)
	}
	if _, err := one.prefetch(context.Background(), []int64{1, 2, 3}); !errors.Is(err, cause) {
		t.Errorf("prefetch: %v, want the fetch's error", err)
	}
	many := newLoader(groupBy(fetchRows, func(r *row) int64 { return r.id }))
	if _, err := many.LoadAll(context.Background(), []int64{7, 8}); !errors.Is(err, cause) {
		t.Errorf("grouped LoadAll: %v, want the fetch's error", err)
	}
}
