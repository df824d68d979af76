//go:build ignore

// Command progress turns `go test -json` into a readable progress log: one
// line per package as it finishes, with its time and how many tests passed
// on SQLite and on PostgreSQL; the output of every failed test in full; a
// line every minute naming the packages still running; and a summary. It
// exits non-zero when any test or package failed.
//
//	go test -json ./... | go run .ci/progress.go
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

type pkgState struct {
	passed, skipped, failed int
	sqlite, postgres        int
	output                  map[string][]string
	failedTests             []string
}

func main() {
	var mu sync.Mutex
	pkgs := map[string]*pkgState{}
	running := map[string]time.Time{}
	failedPkgs := 0
	var totalSQLite, totalPostgres, totalPassed int
	start := time.Now()

	go func() {
		for range time.Tick(time.Minute) {
			mu.Lock()
			var names []string
			for p := range running {
				names = append(names, shortName(p))
			}
			mu.Unlock()
			sort.Strings(names)
			if len(names) > 0 {
				fmt.Printf("   … %s: still running %s\n", elapsed(start), strings.Join(names, ", "))
			}
		}
	}()

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	for in.Scan() {
		var e event
		if err := json.Unmarshal(in.Bytes(), &e); err != nil {
			// Build errors and other plain lines pass through as they are.
			fmt.Println(in.Text())
			continue
		}
		mu.Lock()
		p := pkgs[e.Package]
		if p == nil {
			p = &pkgState{output: map[string][]string{}}
			pkgs[e.Package] = p
		}
		switch {
		case e.Action == "start":
			running[e.Package] = time.Now()
		case e.Action == "output":
			p.output[e.Test] = append(p.output[e.Test], e.Output)
		case e.Test != "" && e.Action == "pass":
			p.passed++
			switch name := e.Test + "/"; {
			case strings.Contains(name, "/sqlite/"):
				p.sqlite++
			case strings.Contains(name, "/postgres/"):
				p.postgres++
			}
			delete(p.output, e.Test)
		case e.Test != "" && e.Action == "skip":
			p.skipped++
			delete(p.output, e.Test)
		case e.Test != "" && e.Action == "fail":
			p.failed++
			p.failedTests = append(p.failedTests, e.Test)
		case e.Test == "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
			delete(running, e.Package)
			status := map[string]string{"pass": "ok  ", "fail": "FAIL", "skip": "--  "}[e.Action]
			detail := fmt.Sprintf("%d passed", p.passed)
			if p.sqlite+p.postgres > 0 {
				detail += fmt.Sprintf(" (SQLite %d, PostgreSQL %d)", p.sqlite, p.postgres)
			}
			if p.skipped > 0 {
				detail += fmt.Sprintf(", %d skipped", p.skipped)
			}
			if p.failed > 0 {
				detail += fmt.Sprintf(", %d failed", p.failed)
			}
			if e.Action == "skip" {
				detail = "no tests"
			}
			fmt.Printf("%s %-50s %6.1fs  %s\n", status, shortName(e.Package), e.Elapsed, detail)
			if e.Action == "fail" {
				failedPkgs++
				printFailures(p)
			}
			totalPassed += p.passed
			totalSQLite += p.sqlite
			totalPostgres += p.postgres
		}
		mu.Unlock()
	}
	fmt.Printf("\n%d tests passed (SQLite subtests %d, PostgreSQL subtests %d) in %s\n", totalPassed, totalSQLite, totalPostgres, elapsed(start))
	if failedPkgs > 0 {
		fmt.Printf("%d package(s) failed\n", failedPkgs)
		os.Exit(1)
	}
}

// printFailures prints the output of each failed test, and of the package
// itself when it failed without a failing test (a panic, a build error).
func printFailures(p *pkgState) {
	shown := false
	for _, name := range p.failedTests {
		// A parent fails with its subtest: the innermost failures say why.
		leaf := true
		for _, other := range p.failedTests {
			if strings.HasPrefix(other, name+"/") {
				leaf = false
			}
		}
		if !leaf {
			continue
		}
		fmt.Printf("  --- %s\n", name)
		for _, line := range p.output[name] {
			fmt.Print("      " + line)
		}
		shown = true
	}
	if !shown {
		for _, line := range p.output[""] {
			fmt.Print("      " + line)
		}
	}
}

func shortName(pkg string) string {
	return strings.TrimPrefix(pkg, "github.com/kotabaru/tanggap/")
}

func elapsed(start time.Time) string {
	return time.Since(start).Round(time.Second).String()
}
