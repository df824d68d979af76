package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// serverColumns are the servers in the order of the report's columns.
var serverColumns = []struct{ name, label string }{
	{"tanggap-pg", "Tanggap PG"},
	{"tanggap-sqlite", "Tanggap SQLite"},
	{"postgraphile", "PostGraphile"},
	{"floor", "floor"},
}

func (st *runState) find(round int, workload, server string) *loadResult {
	for i := range st.results {
		m := &st.results[i]
		if m.Round == round && m.Workload == workload && m.Server == server {
			return &m.Result
		}
	}
	return nil
}

func cell(r *loadResult, open bool) string {
	if r == nil {
		return "–"
	}
	errs := ""
	if r.Errors > 0 {
		errs = fmt.Sprintf(", **%d errors**", r.Errors)
	}
	if open {
		return fmt.Sprintf("p50 %.1f / p95 %.1f / p99 %.1f ms (%d req%s)", ms(r.P50), ms(r.P95), ms(r.P99), r.Requests, errs)
	}
	return fmt.Sprintf("%.0f req/s, p50 %.1f ms, p99 %.1f ms (%d req%s)", r.RPS, ms(r.P50), ms(r.P99), r.Requests, errs)
}

// ratio is a ÷ b of throughput, or of p99 latency for the open loop.
func ratio(a, b *loadResult, open bool) string {
	if a == nil || b == nil {
		return "–"
	}
	if open {
		if b.P50 == 0 || b.P99 == 0 {
			return "–"
		}
		return fmt.Sprintf("p50 %.2f, p99 %.2f", ms(a.P50)/ms(b.P50), ms(a.P99)/ms(b.P99))
	}
	if b.RPS == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a.RPS/b.RPS)
}

// finishedAt formats the end of a run: the time alone when it ended on the
// day it started, with its date when it ran past midnight.
func finishedAt(started, finished time.Time) string {
	if started.Format("2006-01-02") == finished.Format("2006-01-02") {
		return finished.Format("15:04 MST")
	}
	return finished.Format("2006-01-02 15:04 MST")
}

func (st *runState) report() string {
	var b strings.Builder
	ds := st.ds
	host, _ := hostCPU()
	fmt.Fprintf(&b, "# Archive-scale benchmark: %d issues\n\n", ds.Issues)
	fmt.Fprintf(&b, "Run %s – %s (%.1f min, of which %.1f min measuring), commit %s, %s, %d CPUs (%s), Go %s, load average %s at the end.\n\n",
		st.started.Format("2006-01-02 15:04 MST"), finishedAt(st.started, st.finished), st.finished.Sub(st.started).Minutes(),
		st.finished.Sub(st.measureStart).Minutes(), st.commit, runtime.GOOS, runtime.NumCPU(), host,
		strings.TrimPrefix(runtime.Version(), "go"), loadAverage())
	fmt.Fprintf(&b, "Closed loop: %d clients, %s warm-up + %s measured per run; open loop: vegeta, %s per rate. %d round(s).\n\n",
		st.opts.concurrency, st.opts.warmup, st.opts.duration, st.opts.openDuration, st.opts.rounds)

	fmt.Fprintf(&b, "## Data set\n\n")
	fmt.Fprintf(&b, "Built %s at commit %s. PostgreSQL: %d issues (%d imported + 100 demo), %d responses (%d imported with their issues, %d further), %d search documents, %.0f MB. SQLite: %d issues, %d responses, %.0f MB.\n\n",
		ds.BuiltAt.Format("2006-01-02 15:04 MST"), ds.Commit, ds.Postgres.Issues, ds.Postgres.Imported, ds.Postgres.Responses,
		ds.Generated.Responses, ds.Postgres.Extra, ds.Terms.Documents, float64(ds.Postgres.Bytes)/1e6,
		ds.SQLite.Issues, ds.SQLite.Responses, float64(ds.SQLite.Bytes)/1e6)
	fmt.Fprintf(&b, "Search terms: %d selective (mean %.2f %% of documents in PostgreSQL's plainto_tsquery), %d broad (mean %.2f %%): %s.\n\n",
		len(ds.Terms.Selective), 100*meanShare(ds.Terms, ds.Terms.Selective), len(ds.Terms.Broad), 100*meanShare(ds.Terms, ds.Terms.Broad),
		strings.Join(ds.Terms.Broad, ", "))

	if len(st.notes) > 0 {
		fmt.Fprintf(&b, "Equivalence check (every answer was also checked for status 200, no errors and the expected number of issues):\n\n")
		for _, n := range st.notes {
			fmt.Fprintf(&b, "- %s\n", strings.ReplaceAll(n, "\n", " "))
		}
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## (h) Import and reindex (when the data set was built)\n\n")
	fmt.Fprintf(&b, "| database | `tanggap import` | further responses (SQL) | `tanggap reindex` |\n|---|---|---|---|\n")
	for _, x := range []struct {
		name string
		f    buildFigures
	}{{"PostgreSQL", ds.Postgres}, {"SQLite", ds.SQLite}} {
		fmt.Fprintf(&b, "| %s | %d issues in %.0f s = **%.0f issues/s** | %d in %.1f s | %d docs in %.1f s = **%.0f docs/s** |\n",
			x.name, x.f.Imported, x.f.ImportSeconds, float64(x.f.Imported)/x.f.ImportSeconds, x.f.Extra, x.f.ExtraSeconds,
			x.f.Indexed, x.f.ReindexSeconds, float64(x.f.Indexed)/x.f.ReindexSeconds)
	}
	b.WriteString("\n")

	for round := 1; round <= st.opts.rounds; round++ {
		fmt.Fprintf(&b, "## Round %d\n\n", round)
		fmt.Fprintf(&b, "| workload | Tanggap PG | Tanggap SQLite | PostGraphile | floor | PG ÷ PostGraphile | SQLite ÷ PostGraphile | PG ÷ floor |\n")
		fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|\n")
		for _, w := range workloads {
			if st.opts.only != nil && !st.opts.only[w.key] {
				continue
			}
			r := map[string]*loadResult{}
			for _, c := range serverColumns {
				r[c.name] = st.find(round, w.key, c.name)
			}
			fmt.Fprintf(&b, "| (%s) %s | %s | %s | %s | %s | %s | %s | %s |\n", w.key, w.title,
				cell(r["tanggap-pg"], w.open), cell(r["tanggap-sqlite"], w.open), cell(r["postgraphile"], w.open), cell(r["floor"], w.open),
				ratio(r["tanggap-pg"], r["postgraphile"], w.open), ratio(r["tanggap-sqlite"], r["postgraphile"], w.open),
				ratio(r["tanggap-pg"], r["floor"], w.open))
		}
		b.WriteString("\n")
		var notes []string
		for _, m := range st.results {
			if m.Round == round && m.Result.Extra != "" {
				notes = append(notes, fmt.Sprintf("(%s) %s: %s", m.Workload, m.Server, m.Result.Extra))
			}
			if m.Round == round && m.Result.FirstError != "" {
				notes = append(notes, fmt.Sprintf("(%s) %s first error: `%.200s`", m.Workload, m.Server, m.Result.FirstError))
			}
		}
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("\n")
	}

	fmt.Fprintf(&b, "## Ratios across rounds\n\nThroughput ratios (req/s ÷ req/s; above 1 Tanggap serves more); open loop: p99 ÷ p99 (below 1 Tanggap answers faster); workloads PostGraphile cannot serve show Tanggap's own req/s.\n\n")
	fmt.Fprintf(&b, "| workload | PG ÷ PostGraphile | SQLite ÷ PostGraphile | PG ÷ floor |\n|---|---|---|---|\n")
	for _, w := range workloads {
		if st.opts.only != nil && !st.opts.only[w.key] {
			continue
		}
		var pg, sq, fl []string
		for round := 1; round <= st.opts.rounds; round++ {
			p, s, g, f := st.find(round, w.key, "tanggap-pg"), st.find(round, w.key, "tanggap-sqlite"), st.find(round, w.key, "postgraphile"), st.find(round, w.key, "floor")
			pg = append(pg, shortRatio(p, g, w.open))
			sq = append(sq, shortRatio(s, g, w.open))
			fl = append(fl, shortRatio(p, f, w.open))
		}
		if !w.runsOn("postgraphile") {
			// Nothing to compare with: the servers' own figures instead.
			pg, sq, fl = nil, nil, nil
			for round := 1; round <= st.opts.rounds; round++ {
				pg = append(pg, rps(st.find(round, w.key, "tanggap-pg")))
				sq = append(sq, rps(st.find(round, w.key, "tanggap-sqlite")))
				fl = append(fl, "–")
			}
		}
		fmt.Fprintf(&b, "| (%s) %s | %s | %s | %s |\n", w.key, w.title, strings.Join(pg, " / "), strings.Join(sq, " / "), strings.Join(fl, " / "))
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## (i) Memory of each server process\n\nVmRSS when ready, the highest VmRSS sampled during each workload, VmHWM (peak) at the end, and the highest RssAnon: private memory without the pages of mapped files (SQLite maps its database file; those pages are the operating system's shared, reclaimable file cache). PostgreSQL's own processes are not counted for any server.\n\n")
	fmt.Fprintf(&b, "| server | ready | highest under load (workload) | peak (VmHWM) | highest private (RssAnon) |\n|---|---|---|---|---|\n")
	for _, c := range serverColumns {
		m, ok := st.memory[c.name]
		if !ok {
			continue
		}
		var peak, anon int64
		var at string
		for _, r := range st.results {
			if r.Server == c.name && r.Result.MaxRSSKiB > peak {
				peak, at = r.Result.MaxRSSKiB, r.Workload
			}
			if r.Server == c.name {
				anon = max(anon, r.Result.MaxAnonKiB)
			}
		}
		fmt.Fprintf(&b, "| %s | %.0f MiB | %.0f MiB (%s) | %.0f MiB | %.0f MiB |\n", c.label, kib(m[0]), kib(peak), at, kib(m[1]), kib(anon))
	}
	b.WriteString("\n")
	return b.String()
}

func shortRatio(a, b *loadResult, open bool) string {
	if a == nil || b == nil {
		return "–"
	}
	if open {
		if b.P99 == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f", ms(a.P99)/ms(b.P99))
	}
	if b.RPS == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a.RPS/b.RPS)
}

func kib(v int64) float64 { return float64(v) / 1024 }

func rps(r *loadResult) string {
	if r == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f req/s", r.RPS)
}

// loadAverage is the first field of /proc/loadavg: how busy the shared
// machine was.
func loadAverage() string {
	raw, err := readFileString("/proc/loadavg")
	if err != nil || raw == "" {
		return "unknown"
	}
	return strings.Fields(raw)[0]
}

func meanShare(t searchTerms, list []string) float64 {
	if len(list) == 0 {
		return 0
	}
	sum := 0.0
	for _, term := range list {
		sum += t.Share[term]
	}
	return sum / float64(len(list))
}

// hostCPU names the processor, for the report.
func hostCPU() (string, error) {
	raw, err := readFileString("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU", err
	}
	for _, line := range strings.Split(raw, "\n") {
		if strings.HasPrefix(line, "model name") {
			if i := strings.Index(line, ":"); i >= 0 {
				return strings.TrimSpace(line[i+1:]), nil
			}
		}
	}
	return "unknown CPU", nil
}

func readFileString(path string) (string, error) {
	raw, err := os.ReadFile(path)
	return string(raw), err
}
