package scalar

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestFaultTimeScalar checks that the Time scalar reads only RFC 3339
// instants with a zone between 1900 and 2200 (gqlgen's own Time read the
// empty string as year 1), and always writes RFC 3339.
func TestFaultTimeScalar(t *testing.T) {
	for _, ok := range []string{"2026-03-02T09:15:00+08:00", "2026-03-02T01:15:00Z", "2026-03-02T01:15:00.123456Z", "1900-01-01T00:00:00Z"} {
		if _, err := UnmarshalTime(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []any{"", " ", "0000-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z",
		"2200-01-01T00:00:01Z", "2026-03-02T09:15:00", "2026-03-02", "2026-03-02 09:15", "kemarin", nil, 1735689600, json.Number("1735689600"), true} {
		if v, err := UnmarshalTime(bad); err == nil {
			t.Errorf("%#v read as %s", bad, v)
		}
	}
	for in, want := range map[time.Time]string{
		time.Date(2026, 3, 2, 1, 15, 0, 0, time.UTC):   `"2026-03-02T01:15:00Z"`,
		time.Date(-1, 12, 31, 16, 0, 0, 0, time.UTC):   `"1900-01-01T00:00:00Z"`,
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC):   `"2200-01-01T00:00:00Z"`,
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC):       `"1900-01-01T00:00:00Z"`,
		time.Date(2026, 3, 2, 9, 15, 0, 0, time.Local): "",
	} {
		var out bytes.Buffer
		MarshalTime(in).MarshalGQL(&out)
		if want == "" {
			want = `"` + in.Format(time.RFC3339Nano) + `"`
		}
		if out.String() != want {
			t.Errorf("%s written as %s, want %s", in, out.String(), want)
		}
	}
	var null bytes.Buffer
	MarshalTime(time.Time{}).MarshalGQL(&null)
	if null.String() != "null" {
		t.Errorf("the zero time is written as %s", null.String())
	}
}
