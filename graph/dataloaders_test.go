package graph

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestLoaderFailure checks that a failed fetch reaches every caller as the
// fetch's own error, both through the batch window and through prefetch.
func TestLoaderFailure(t *testing.T) {
	cause := errors.New("database went away")
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

// TestLoaderFetchesMissingOnce: in an operation that runs in order, LoadAll
// and ensure fetch at once only the keys not yet known, each once, and
// answer every key asked for, repeated ones included, in order.
func TestLoaderFetchesMissingOnce(t *testing.T) {
	var fetched [][]int64
	l := newLoader(byID(recordedRows(&fetched), func(r *row) int64 { return r.id }))
	ctx := withInOrder(context.Background())
	l.prime(1, &row{1})
	for _, c := range []struct {
		name      string
		call      func([]int64) ([]*row, error)
		keys      []int64
		wantFetch []int64
	}{
		{"LoadAll", func(k []int64) ([]*row, error) { return l.LoadAll(ctx, k) }, []int64{1, 2, 2, 3}, []int64{2, 3}},
		{"ensure", func(k []int64) ([]*row, error) { return l.ensure(ctx, k) }, []int64{4, 3, 4, 5}, []int64{4, 5}},
		{"ensure, all new", func(k []int64) ([]*row, error) { return l.ensure(ctx, k) }, []int64{7, 6}, []int64{7, 6}},
		{"LoadAll, all known", func(k []int64) ([]*row, error) { return l.LoadAll(ctx, k) }, []int64{6, 1}, nil},
	} {
		fetched = nil
		got, err := c.call(c.keys)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(got) != len(c.keys) {
			t.Fatalf("%s: %d values for %d keys", c.name, len(got), len(c.keys))
		}
		for i, k := range c.keys {
			if got[i] == nil || got[i].id != k {
				t.Errorf("%s: value %d is %+v, want row %d", c.name, i, got[i], k)
			}
		}
		var all []int64
		for _, f := range fetched {
			all = append(all, f...)
		}
		if !slices.Equal(all, c.wantFetch) || len(fetched) > 1 {
			t.Errorf("%s: fetched %v, want %v in one fetch", c.name, fetched, c.wantFetch)
		}
	}
}

// TestLoaderBatchesOnlyUnknown: outside an operation that runs in order, a
// loader answers what it was given ahead from its own cache, without a
// dataloader, and sends only the other keys through the dataloader's batch,
// answering every key asked for in order.
func TestLoaderBatchesOnlyUnknown(t *testing.T) {
	var fetched [][]int64
	l := newLoader(byID(recordedRows(&fetched), func(r *row) int64 { return r.id }))
	ctx := context.Background()
	l.primeAll([]int64{1, 2}, []*row{{1}, {2}})
	if r, err := l.Load(ctx, 2); err != nil || r == nil || r.id != 2 {
		t.Fatalf("Load(2) = %+v, %v; want the primed row", r, err)
	}
	if got, err := l.LoadAll(ctx, []int64{1, 2, 1}); err != nil || len(got) != 3 || got[0].id != 1 || got[1].id != 2 || got[2].id != 1 {
		t.Fatalf("LoadAll of known keys = %v, %v", got, err)
	}
	if l.batch != nil || fetched != nil {
		t.Fatalf("known keys made a dataloader (%v) or fetched %v", l.batch != nil, fetched)
	}
	got, err := l.LoadAll(ctx, []int64{3, 1, 4, 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int64{3, 1, 4, 3} {
		if got[i] == nil || got[i].id != want {
			t.Errorf("value %d is %+v, want row %d", i, got[i], want)
		}
	}
	if len(fetched) != 1 || !slices.Equal(fetched[0], []int64{3, 4}) {
		t.Errorf("fetched %v, want [3 4] in one batch", fetched)
	}
}

// row is what the loaders of these tests load.
type row struct{ id int64 }

// recordedRows returns a fetch of one row per id that appends the ids of
// each call to fetched.
func recordedRows(fetched *[][]int64) func(context.Context, []int64) ([]*row, error) {
	return func(_ context.Context, ids []int64) ([]*row, error) {
		*fetched = append(*fetched, append([]int64(nil), ids...))
		rows := make([]*row, len(ids))
		for i, id := range ids {
			rows[i] = &row{id}
		}
		return rows, nil
	}
}
