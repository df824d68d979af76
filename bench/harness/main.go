// Command harness is the archive-scale benchmark of Tanggap: it generates an
// Indonesian archive of issues and responses, loads it through `tanggap
// import` into PostgreSQL and SQLite (cached between runs), starts Tanggap
// on both, PostGraphile 5 over the same PostgreSQL tables and a raw Go
// floor, and measures the same workloads on each. It is not part of the
// test suite; bench/run.sh builds and starts it, and bench/README.md
// explains it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage:
  harness run [flags]                 build or reuse the databases, run every workload, write the results
  harness generate --issues N --out DIR   write the import files only
  harness extra --database-url URL --file FILE   add the further responses to a database`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "run":
		err = runCmd(ctx, os.Args[2:])
	case "generate":
		err = generateCmd(os.Args[2:])
	case "extra":
		err = extraCmd(ctx, os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

func generateCmd(args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	n := fs.Int("issues", 2000, "number of issues")
	out := fs.String("out", "", "folder for the files")
	seed := fs.Uint64("seed", 20261126, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("generate needs --out")
	}
	res, err := generate(*out, *n, *seed)
	if err != nil {
		return err
	}
	fmt.Printf("%d issues in %d file(s), %d source rows, %d responses in the import, %d further responses, %d open issues\n",
		res.Issues, len(res.Files), res.Sources, res.Responses, res.Further, res.Open)
	return nil
}

func extraCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("extra", flag.ContinueOnError)
	url := fs.String("database-url", "", "postgres://… or sqlite:PATH")
	file := fs.String("file", "", "extra-responses.csv")
	if err := fs.Parse(args); err != nil {
		return err
	}
	n, err := loadExtra(ctx, *url, *file)
	if err != nil {
		return err
	}
	fmt.Printf("Added %d further responses.\n", n)
	return nil
}
