package storetest

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
)

// WriteImportCSV writes an import file of n archived issues logged during
// the year before end, in the layout of store.ImportColumns: refs
// prefix-000001 onwards, drawn from the demo issues and varied by place, with
// every lifecycle stage from NEW to CLOSED, the time formats both accepted,
// and a continuation row with a second source for every third issue. The
// slugs are those of the demo data (load it first). The same arguments give
// the same file.
func WriteImportCSV(w io.Writer, prefix string, n int, end time.Time) error {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		return err
	}
	var templates []models.IssueRecord
	for _, d := range demodata.Issues() {
		if d.AgencySlug != "" && d.Priority != "" && d.Response != nil {
			templates = append(templates, d)
		}
	}
	places := []string{"Pulau Laut Utara", "Kelumpang Hulu", "Hampang", "Sungai Durian", "Pamukan Selatan",
		"Pulau Sebuku", "Kelumpang Selatan", "Tanjung Selayar", "Pulau Laut Barat", "Sampanahan"}
	rng := rand.New(rand.NewPCG(uint64(n), 2026))
	out := csv.NewWriter(w)
	if err := out.Write(store.ImportColumns); err != nil {
		return err
	}
	// Latest step: closing up to about nine days after logging.
	first := end.Add(-365 * 24 * time.Hour)
	span := end.Add(-10 * 24 * time.Hour).Sub(first)
	for i := 0; i < n; i++ {
		d := templates[i%len(templates)]
		place := places[(i/len(templates))%len(places)]
		logged := first.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute)
		stamp := func(t time.Time) string {
			if i%2 == 0 {
				return t.In(loc).Format(time.RFC3339)
			}
			return t.In(loc).Format("2006-01-02 15:04")
		}
		hours := func(lo, hi int) time.Duration { return time.Duration(lo*60+rng.IntN((hi-lo)*60)) * time.Minute }
		row := map[string]string{
			"external_ref": fmt.Sprintf("%s-%06d", prefix, i+1),
			"title":        d.Title + " di " + place,
			"summary":      d.Summary + " Dilaporkan warga " + place + ".",
			"kind":         d.Kind,
			"category":     d.CategorySlug,
			"logged_at":    stamp(logged),
		}
		if len(d.Sources) > 0 {
			s := d.Sources[0]
			row["source_platform"], row["source_url"], row["source_claim"] = s.Platform, s.URL, s.ClaimText
			row["source_detected_at"] = stamp(logged.Add(-s.DetectedBefore).Truncate(time.Minute))
		}
		// Stages: one in ten NEW, ASSIGNED and IN_PROGRESS each, four
		// ANSWERED, three CLOSED.
		stage := i % 10
		if stage >= 1 {
			assigned := logged.Add(hours(1, 20))
			row["agency"], row["priority"], row["assigned_at"] = d.AgencySlug, d.Priority, stamp(assigned)
			if stage >= 2 {
				acknowledged := assigned.Add(hours(1, 6))
				row["acknowledged_at"] = stamp(acknowledged)
				if stage >= 3 {
					answered := acknowledged.Add(hours(2, 72))
					row["answered_at"], row["response"], row["verdict"] = stamp(answered), d.Response.Body, d.Response.Verdict
					if stage >= 7 {
						row["closed_at"] = stamp(answered.Add(hours(24, 120)))
					}
				}
			}
		}
		if err := out.Write(record(row)); err != nil {
			return err
		}
		if i%3 == 0 {
			more := map[string]string{
				"external_ref":    row["external_ref"],
				"source_platform": "FACEBOOK",
				"source_url":      fmt.Sprintf("https://www.facebook.com/kabar-%s/posts/%d", place[:5], i+1),
				"source_claim":    "Dibagikan ulang: " + d.Title,
			}
			if err := out.Write(record(more)); err != nil {
				return err
			}
		}
	}
	out.Flush()
	return out.Error()
}

func record(row map[string]string) []string {
	out := make([]string, len(store.ImportColumns))
	for i, c := range store.ImportColumns {
		out[i] = row[c]
	}
	return out
}
