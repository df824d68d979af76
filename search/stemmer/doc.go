// Package stemmer reduces Indonesian words to their stems.
//
// It implements the Snowball Indonesian stemming algorithm, which is the
// stemmer behind PostgreSQL's "indonesian" text-search configuration, so
// that every search engine of Tanggap can index the same stems that
// PostgreSQL produces. The algorithm is a Porter-style stemmer for Bahasa
// Indonesia (Tala, 2003): it strips at most one particle (-kah, -lah, -pun),
// one possessive pronoun (-ku, -mu, -nya), one first-order derivational
// prefix (di-, ter-, ke-, me- and pe- with their nasal variants), one
// second-order derivational prefix (ber-, per- and their variants) and one
// derivational suffix (-kan, -an, -i), each step guarded by the number of
// vowels left in the word and by which prefix was removed.
//
// The results are stems for matching, not dictionary roots: "penutupan"
// stems to "utup" and "antrian" to "antri" while "antrean" stems to
// "antre", exactly as in PostgreSQL.
package stemmer
