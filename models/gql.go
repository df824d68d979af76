package models

import (
	"fmt"
	"io"
	"strconv"
)

// The enum types marshal themselves for the GraphQL layer, so that the API
// speaks the domain's own values and refuses unknown ones.

func marshalEnum[T ~string](w io.Writer, v T) { io.WriteString(w, strconv.Quote(string(v))) } //nolint:errcheck

func unmarshalEnum[T interface {
	~string
	Valid() bool
}](v any, out *T) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("enum value must be a string")
	}
	if !T(s).Valid() {
		return fmt.Errorf("%q is not a valid value", s)
	}
	*out = T(s)
	return nil
}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k IssueKind) MarshalGQL(w io.Writer) { marshalEnum(w, k) }

// UnmarshalGQL reads and validates a kind.
func (k *IssueKind) UnmarshalGQL(v any) error { return unmarshalEnum(v, k) }

// MarshalGQL writes the status as a GraphQL enum value.
func (s IssueStatus) MarshalGQL(w io.Writer) { marshalEnum(w, s) }

// UnmarshalGQL reads and validates a status.
func (s *IssueStatus) UnmarshalGQL(v any) error { return unmarshalEnum(v, s) }

// MarshalGQL writes the verdict as a GraphQL enum value.
func (v Verdict) MarshalGQL(w io.Writer) { marshalEnum(w, v) }

// UnmarshalGQL reads and validates a verdict.
func (v *Verdict) UnmarshalGQL(x any) error { return unmarshalEnum(x, v) }

// MarshalGQL writes the priority as a GraphQL enum value.
func (p Priority) MarshalGQL(w io.Writer) { marshalEnum(w, p) }

// UnmarshalGQL reads and validates a priority.
func (p *Priority) UnmarshalGQL(v any) error { return unmarshalEnum(v, p) }

// MarshalGQL writes the platform as a GraphQL enum value.
func (p Platform) MarshalGQL(w io.Writer) { marshalEnum(w, p) }

// UnmarshalGQL reads and validates a platform.
func (p *Platform) UnmarshalGQL(v any) error { return unmarshalEnum(v, p) }

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) { marshalEnum(w, r) }

// UnmarshalGQL reads and validates a role.
func (r *Role) UnmarshalGQL(v any) error { return unmarshalEnum(v, r) }

// MarshalGQL writes the order as a GraphQL enum value.
func (o IssueOrder) MarshalGQL(w io.Writer) { marshalEnum(w, o) }

// UnmarshalGQL reads and validates an order.
func (o *IssueOrder) UnmarshalGQL(v any) error { return unmarshalEnum(v, o) }

// MarshalGQL writes the event type as a GraphQL enum value.
func (e EventType) MarshalGQL(w io.Writer) { marshalEnum(w, e) }

// UnmarshalGQL reads and validates an event type.
func (e *EventType) UnmarshalGQL(v any) error { return unmarshalEnum(v, e) }

// MarshalGQL writes the response status as a GraphQL enum value.
func (s ResponseStatus) MarshalGQL(w io.Writer) { marshalEnum(w, s) }

// UnmarshalGQL reads and validates a response status.
func (s *ResponseStatus) UnmarshalGQL(v any) error { return unmarshalEnum(v, s) }

// Valid reports whether e is a known event type.
func (e EventType) Valid() bool { return oneOf(e, EventTypes) }

// Valid reports whether s is a known response status.
func (s ResponseStatus) Valid() bool { return s == ResponseDraft || s == ResponsePublished }

// MarshalGQL writes the question status as a GraphQL enum value.
func (s QuestionStatus) MarshalGQL(w io.Writer) { marshalEnum(w, s) }

// UnmarshalGQL reads and validates a question status.
func (s *QuestionStatus) UnmarshalGQL(v any) error { return unmarshalEnum(v, s) }

// MarshalGQL writes the holiday kind as a GraphQL enum value.
func (k HolidayKind) MarshalGQL(w io.Writer) { marshalEnum(w, k) }

// UnmarshalGQL reads and validates a holiday kind.
func (k *HolidayKind) UnmarshalGQL(v any) error { return unmarshalEnum(v, k) }

// MarshalGQL writes the time basis as a GraphQL enum value.
func (b TimeBasis) MarshalGQL(w io.Writer) { marshalEnum(w, b) }

// UnmarshalGQL reads and validates a time basis.
func (b *TimeBasis) UnmarshalGQL(v any) error { return unmarshalEnum(v, b) }

// MarshalGQL writes the clock as a GraphQL enum value.
func (c Clock) MarshalGQL(w io.Writer) { marshalEnum(w, c) }

// UnmarshalGQL reads and validates a clock.
func (c *Clock) UnmarshalGQL(v any) error { return unmarshalEnum(v, c) }

// Valid reports whether c is a known clock.
func (c Clock) Valid() bool { return c == ClockAcknowledge || c == ClockAnswer }

// MarshalGQL writes the figure as a GraphQL enum value.
func (f ReportFigure) MarshalGQL(w io.Writer) { marshalEnum(w, f) }

// UnmarshalGQL reads and validates a figure.
func (f *ReportFigure) UnmarshalGQL(v any) error { return unmarshalEnum(v, f) }
