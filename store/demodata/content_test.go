package demodata_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/kotabaru/tanggap/store/demodata"
)

var contentDump = flag.String("contentdump", "", "write the canonical JSON of the demo content to this file")

// contentDigest is the SHA-256 of the canonical JSON of the demo content
// below. It was taken from the Go literals the content used to be written
// in, so a match proves the data files load exactly the same values. An
// intended change of the demo content changes it: run this test with
// -contentdump before and after the change, compare the two files, and
// put the new digest here.
const contentDigest = "0a5e45ea0ae92640851c310c6d88b4423ddd7011ac6a98bddc7519cfd14d9d36"

// canonicalContent is every value of the demo content as JSON: field names
// as in Go, durations in nanoseconds, absent lists and responses as null.
func canonicalContent(t *testing.T) []byte {
	t.Helper()
	b, err := json.MarshalIndent(struct {
		Agencies, Categories, StaffAccounts, Synonyms, Issues any
	}{demodata.Agencies(), demodata.Categories(), demodata.StaffAccounts(), demodata.Synonyms(), demodata.Issues()}, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestContentDigest(t *testing.T) {
	content := canonicalContent(t)
	if *contentDump != "" {
		if err := os.WriteFile(*contentDump, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256(content)
	if got := hex.EncodeToString(sum[:]); got != contentDigest {
		t.Errorf("demo content digest is %s, want %s", got, contentDigest)
	}
}
