package server

import (
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
)

// TestWebhookKey seals the webhook secrets of the servers StoreConfig builds.
const TestWebhookKey = "test-webhook-key-test-webhook-key!"

// StoreConfig is the Config cmd/tanggap builds around db: the store behind
// every service, and the database's own search engine answering from
// whatever the indexer wrote. The tests of both test packages start from it.
func StoreConfig(db *store.DB) Config {
	service := search.NewService(db, search.NewDatabaseEngine(db.Bun(), search.NewSynonymSource(db, 30*time.Second)), nil)
	service.Backlog = search.QueueBacklog(db.Jobs())
	hooks, err := store.NewWebhooks(db, store.WebhookConfig{Key: []byte(TestWebhookKey)})
	if err != nil {
		panic(err)
	}
	return Config{
		Services: graph.Services{
			Agencies: db, Users: db, Issues: db, Responses: db, Audit: db, Questions: db,
			Accountability: db, Synonyms: db, Sessions: db, Calendar: db, Trends: db, Webhooks: hooks,
			Subscriptions: db,
		},
		Refresh:  db,
		Health:   db,
		Changes:  db,
		Location: db.Location(),
		Now:      func() time.Time { return db.Now() },
		Search:   service,
		Jobs:     db.Jobs(),
		Limits:   graph.DefaultLimits(),
	}
}
