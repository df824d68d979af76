package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// openLoop sends requests at a fixed rate whatever the answers take (vegeta
// attack), so that slow answers show in the latencies instead of lowering
// the rate; every answer's body is checked afterwards from vegeta's results.
type openLoop struct {
	rate     int
	duration time.Duration
	calls    func(i int64) (call, bool)
	count    int // distinct calls, rotated
	check    checkFunc
	// selective is how many of the rotated calls, from the first, search
	// for selective terms; the others search for broad ones. Their
	// latencies are also reported apart (ClassP95).
	selective int
}

type vegetaTarget struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Body   string              `json:"body,omitempty"`
	Header map[string][]string `json:"header"`
}

func (o openLoop) run(ctx context.Context, s *server, dir string) (loadResult, error) {
	var res loadResult
	targets := filepath.Join(dir, s.name+"-targets.json")
	f, err := os.Create(targets)
	if err != nil {
		return res, err
	}
	enc := json.NewEncoder(f)
	for i := 0; i < o.count; i++ {
		c, _ := o.calls(int64(i))
		t := vegetaTarget{Method: c.method, URL: s.url + c.path, Body: base64.StdEncoding.EncodeToString(c.body),
			Header: map[string][]string{"Content-Type": {"application/json"}, "X-Forwarded-For": {forwardedFor(int64(i))}}}
		if err := enc.Encode(t); err != nil {
			f.Close()
			return res, err
		}
	}
	if err := f.Close(); err != nil {
		return res, err
	}
	results := filepath.Join(dir, s.name+"-results.bin")
	attack := exec.CommandContext(ctx, "vegeta", "attack", "-format=json", "-targets="+targets,
		fmt.Sprintf("-rate=%d/s", o.rate), "-duration="+o.duration.String(), "-timeout=30s", "-output="+results)
	if out, err := attack.CombinedOutput(); err != nil {
		return res, fmt.Errorf("vegeta attack: %w: %s", err, out)
	}
	out, err := exec.CommandContext(ctx, "vegeta", "report", "-type=json", results).Output()
	if err != nil {
		return res, fmt.Errorf("vegeta report: %w", err)
	}
	var report struct {
		Latencies struct {
			P50 int64 `json:"50th"`
			P95 int64 `json:"95th"`
			P99 int64 `json:"99th"`
		} `json:"latencies"`
		Duration   int64   `json:"duration"`
		Requests   int     `json:"requests"`
		Throughput float64 `json:"throughput"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return res, fmt.Errorf("vegeta report: %w", err)
	}
	res.Requests, res.Seconds = report.Requests, time.Duration(report.Duration).Seconds()
	res.RPS = report.Throughput
	res.P50, res.P95, res.P99 = time.Duration(report.Latencies.P50), time.Duration(report.Latencies.P95), time.Duration(report.Latencies.P99)

	// Check every answer: vegeta keeps the bodies; targets rotate in order,
	// so a result's sequence number names its request.
	encode := exec.CommandContext(ctx, "vegeta", "encode", "--to=json", results)
	var encoded bytes.Buffer
	encode.Stdout = &encoded
	if err := encode.Run(); err != nil {
		return res, fmt.Errorf("vegeta encode: %w", err)
	}
	byClass := map[string][]time.Duration{}
	sc := bufio.NewScanner(&encoded)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var hit struct {
			Seq     int64  `json:"seq"`
			Latency int64  `json:"latency"`
			Code    int    `json:"code"`
			Error   string `json:"error"`
			Body    []byte `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &hit); err != nil {
			return res, fmt.Errorf("vegeta encode: %w", err)
		}
		class := "broad"
		if hit.Seq%int64(o.count) < int64(o.selective) {
			class = "selective"
		}
		byClass[class] = append(byClass[class], time.Duration(hit.Latency))
		err := o.check(hit.Seq%int64(o.count), hit.Code, hit.Body)
		if hit.Error != "" {
			err = fmt.Errorf("%s", hit.Error)
		}
		if err != nil {
			res.Errors++
			if res.FirstError == "" {
				res.FirstError = err.Error()
			}
		}
	}
	for class, all := range byClass {
		_, p95, _ := percentiles(all)
		if res.ClassP95 == nil {
			res.ClassP95 = map[string]time.Duration{}
		}
		res.ClassP95[class] = p95
	}
	return res, sc.Err()
}
