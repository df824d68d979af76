package stemmer_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/kotabaru/tanggap/search/stemmer"
)

// minConformanceWords is the least number of words from testdata/words.txt
// that PostgreSQL must stem for the conformance test to mean anything.
const minConformanceWords = 300

func TestStem(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		// Stems that the search documentation relies on.
		{"banjir", "banjir"},
		{"kebanjiran", "banjir"},
		{"pemadaman", "padam"},
		{"diliburkan", "libur"},
		{"pelabuhan", "labuh"},
		{"antrean", "antre"},
		{"antrian", "antri"},
		{"penutupan", "utup"},
		{"meluncurkan", "luncur"},
		{"diluncurkan", "luncur"},
		{"peluncuran", "luncur"},
		{"bantuan", "bantu"},
		{"kesehatan", "sehat"},
		{"pendidikan", "didik"},
		{"pembangunan", "bangun"},
		{"pengumuman", "umum"},

		// Particles, then possessive pronouns.
		{"bantulah", "bantu"},
		{"apakah", "apa"},
		{"meskipun", "meski"},
		{"rumahku", "rumah"},
		{"bukumu", "buku"},
		{"sekolahnya", "sekolah"},
		{"bantuannya", "bantu"},
		{"sekolah", "seko"},
		{"bertanya", "berta"},

		// Nasal prefixes that stand for a dropped initial consonant.
		{"menyediakan", "sedia"},
		{"penyaluran", "salur"},
		{"memakai", "paka"},
		{"memukul", "pukul"},
		{"memeriksakan", "periksa"},
		{"menulis", "ulis"},

		// Second-order prefixes and the suffixes they allow.
		{"perbaikan", "baik"},
		{"memperbaiki", "baik"},
		{"pelajaran", "ajar"},
		{"belajar", "ajar"},
		{"bekerja", "kerja"},
		{"beternakan", "terna"},
		{"peternakan", "ternak"},

		// Words left alone: two vowels or fewer, or a final -si.
		{"jalan", "jalan"},
		{"air", "air"},
		{"televisi", "televisi"},
		{"vaksinasi", "vaksinasi"},
		{"", ""},

		// Input is lower-cased.
		{"Kebanjiran", "banjir"},
		{"PEMADAMAN", "padam"},
		{"Jalan", "jalan"},

		// Letters outside ASCII are consonants to the algorithm.
		{"beñerja", "ñerja"},
	}
	for _, tt := range tests {
		if got := stemmer.Stem(tt.word); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestStemMatchesPostgreSQL requires Stem to agree with PostgreSQL's
// "indonesian" text-search configuration on every word of
// testdata/words.txt.
func TestStemMatchesPostgreSQL(t *testing.T) {
	url := os.Getenv("TANGGAP_TEST_POSTGRES_URL")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL is required in CI: set TANGGAP_TEST_POSTGRES_URL")
		}
		t.Skip("TANGGAP_TEST_POSTGRES_URL is not set")
	}
	words := mustReadWords(t, "testdata/words.txt")

	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatalf("open PostgreSQL: %v", err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stmt, err := db.PrepareContext(ctx, `SELECT lexeme FROM unnest(to_tsvector('indonesian', $1))`)
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	defer stmt.Close()

	var mismatches []string
	var stemmed, stopWords int
	for _, word := range words {
		lexemes, err := queryLexemes(ctx, stmt, word)
		if err != nil {
			t.Fatalf("stem %q in PostgreSQL: %v", word, err)
		}
		switch len(lexemes) {
		case 0:
			stopWords++
			continue
		case 1:
		default:
			t.Errorf("PostgreSQL splits %q into %q; the list must hold single words", word, lexemes)
			continue
		}
		stemmed++
		if got := stemmer.Stem(word); got != lexemes[0] {
			mismatches = append(mismatches, fmt.Sprintf("%-24s want %-16s got %s", word, lexemes[0], got))
		}
	}
	if stemmed < minConformanceWords {
		t.Errorf("PostgreSQL stemmed %d words (%d stop words skipped), want at least %d", stemmed, stopWords, minConformanceWords)
	}
	if len(mismatches) > 0 {
		t.Errorf("%d of %d words stem differently from PostgreSQL:\n%s", len(mismatches), stemmed, strings.Join(mismatches, "\n"))
	}
	t.Logf("%d words compared, %d stop words skipped", stemmed, stopWords)
}

func queryLexemes(ctx context.Context, stmt *sql.Stmt, word string) ([]string, error) {
	rows, err := stmt.QueryContext(ctx, word)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lexemes []string
	for rows.Next() {
		var lexeme string
		if err := rows.Scan(&lexeme); err != nil {
			return nil, err
		}
		lexemes = append(lexemes, lexeme)
	}
	return lexemes, rows.Err()
}

// mustReadWords reads one word a line, failing on duplicates so that the
// count of distinct words stays honest.
func mustReadWords(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var words []string
	seen := make(map[string]bool)
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		word := strings.TrimSpace(scanner.Text())
		if word == "" {
			continue
		}
		if seen[word] {
			tb.Fatalf("%s: %q is listed twice", path, word)
		}
		seen[word] = true
		words = append(words, word)
	}
	if err := scanner.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(words) < minConformanceWords {
		tb.Fatalf("%s has %d words, want at least %d", path, len(words), minConformanceWords)
	}
	return words
}

func BenchmarkStem(b *testing.B) {
	words := mustReadWords(b, "testdata/words.txt")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		stemmer.Stem(words[i%len(words)])
	}
}
