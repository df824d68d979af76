package scalar

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestNodeID: a global id is the base64url of Type:key, reads back to the
// same type and key, and never equals the id of another type with the same
// key; bare numbers and session keys read as bare keys.
func TestNodeID(t *testing.T) {
	issue, response := NewNodeID("Issue", 42), NewNodeID("Response", 42)
	if issue.String() == response.String() {
		t.Fatal("two types share an id")
	}
	var out bytes.Buffer
	issue.MarshalGQL(&out)
	if out.String() != `"SXNzdWU6NDI"` {
		t.Errorf("Issue 42 written as %s", out.String())
	}
	for in, want := range map[any]NodeID{
		"SXNzdWU6NDI":              {Type: "Issue", Key: "42"},
		"SXNzdWU6NDI=":             {Type: "Issue", Key: "42"},
		"42":                       {Key: "42"},
		json.Number("42"):          {Key: "42"},
		int64(7):                   {Key: "7"},
		"mOJkoXg-a1WA3ATHnYdMSw":   {Key: "mOJkoXg-a1WA3ATHnYdMSw"},
		"VW5rbm93bjox":             {Key: "VW5rbm93bjox"}, // "Unknown:1": not a type of the schema
		" SXNzdWU6NDI ":            {Type: "Issue", Key: "42"},
		"SG9saWRheToyMDI2LTA4LTE3": {Type: "Holiday", Key: "2026-08-17"},
	} {
		got, err := ParseNodeID(in)
		if err != nil || got != want {
			t.Errorf("ParseNodeID(%#v) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []any{"", "   ", true, nil, 1.5, string(make([]byte, 201))} {
		if got, err := ParseNodeID(bad); err == nil {
			t.Errorf("ParseNodeID(%#v) read as %+v", bad, got)
		}
	}
	if n, ok := issue.Int64("Issue"); !ok || n != 42 {
		t.Errorf("Issue id as an Issue number: %d %v", n, ok)
	}
	if _, ok := issue.Int64("Response"); ok {
		t.Error("an Issue id was taken as a Response number")
	}
	if n, ok := (NodeID{Key: "42"}).Int64("Response"); !ok || n != 42 {
		t.Error("a bare number was refused")
	}
	for _, key := range []string{"0", "-3", "x", "9223372036854775808"} {
		if _, ok := (NodeID{Key: key}).Int64("Issue"); ok {
			t.Errorf("key %q read as a number", key)
		}
	}
}

// TestDateScalar: YYYY-MM-DD only, a real date, 1900–2199.
func TestDateScalar(t *testing.T) {
	for _, ok := range []string{"2026-08-17", "1900-01-01", "2199-12-31", "2028-02-29"} {
		if _, err := UnmarshalDate(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []any{"", "17-08-2026", "2026-8-17", "2026-02-30", "2027-02-29", "1899-12-31", "2200-01-01",
		"2026-08-17T00:00:00Z", " 2026-08-17", nil, 20260817} {
		if v, err := UnmarshalDate(bad); err == nil {
			t.Errorf("%#v read as %s", bad, v)
		}
	}
}
