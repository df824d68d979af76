package store

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// MaxImportRowBytes bounds one row of an import file. The longest valid row
// (a 4,000-character summary, a Markdown response, several source fields) is
// far below it; a larger one is almost always an unclosed quote that would
// otherwise swallow the rest of the file into one field.
const MaxImportRowBytes = 1 << 20

// errRowTooLarge is what the row-bounded reader answers once the row being
// read passes MaxImportRowBytes.
var errRowTooLarge = errors.New("import row too large")

// csvRows reads an import file one row at a time, so files of any size are
// read in bounded memory: the CSV reader never holds more than one row plus
// its read-ahead.
type csvRows struct {
	csv     *csv.Reader
	limiter *rowLimiter
	// row is the number of the last row read; the header is row 1.
	row int
}

func newCSVRows(r io.Reader) *csvRows {
	limiter := &rowLimiter{r: r, limit: MaxImportRowBytes}
	reader := csv.NewReader(limiter)
	reader.FieldsPerRecord = -1
	return &csvRows{csv: reader, limiter: limiter}
}

// badRow is a row that cannot be read at all: not valid CSV, or too large.
// Reading stops there, since the rows after it cannot be told apart.
type badRow struct{ RowError }

func (e *badRow) Error() string { return e.String() }

// next returns the next row and its number, io.EOF after the last one, or a
// *badRow.
func (c *csvRows) next() ([]string, int, error) {
	record, err := c.csv.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	c.row++
	var parseErr *csv.ParseError
	switch {
	case errors.Is(err, errRowTooLarge):
		return nil, c.row, &badRow{RowError{Row: c.row, Message: fmt.Sprintf(
			"baris melebihi %d MiB; periksa tanda kutip (\") yang tidak ditutup", MaxImportRowBytes>>20)}}
	case errors.As(err, &parseErr):
		return nil, c.row, &badRow{RowError{Row: c.row, Message: fmt.Sprintf(
			"CSV tidak valid (baris teks ke-%d): %v", parseErr.Line, parseErr.Err)}}
	case err != nil:
		return nil, c.row, fmt.Errorf("read import file: %w", err)
	}
	// The next row may use MaxImportRowBytes past the end of this one.
	c.limiter.limit = c.csv.InputOffset() + MaxImportRowBytes
	return record, c.row, nil
}

// rowLimiter hands the CSV reader no byte past limit, so that a single
// runaway row ends in errRowTooLarge instead of growing without bound.
type rowLimiter struct {
	r     io.Reader
	read  int64
	limit int64
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.read >= l.limit {
		return 0, errRowTooLarge
	}
	if room := l.limit - l.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}
