// Command importgen writes a synthetic import file of archived issues, for
// timing `tanggap import` on a database holding the demo data:
//
//	go run ./store/storetest/importgen -rows 20000 -prefix ARSIP > arsip.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kotabaru/tanggap/store/storetest"
)

func main() {
	rows := flag.Int("rows", 20000, "number of issues")
	prefix := flag.String("prefix", "ARSIP", "external_ref prefix")
	flag.Parse()
	out := bufio.NewWriter(os.Stdout)
	if err := storetest.WriteImportCSV(out, *prefix, *rows, time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
