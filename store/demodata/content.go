package demodata

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml"
)

// content holds the demo content as YAML files; content/README.md says how
// they are written.
//
//go:embed content
var content embed.FS

// issueFile is the layout of one file in content/issues/.
type issueFile struct {
	Title            string         `yaml:"title"`
	Summary          string         `yaml:"summary"`
	Kind             string         `yaml:"kind"`
	Category         string         `yaml:"category"`
	Status           string         `yaml:"status"`
	Agency           string         `yaml:"agency,omitempty"`
	Priority         string         `yaml:"priority,omitempty"`
	LoggedDaysAgo    float64        `yaml:"logged_days_ago"`
	AssignAfter      span           `yaml:"assign_after,omitempty"`
	AcknowledgeAfter span           `yaml:"acknowledge_after,omitempty"`
	AnswerAfter      span           `yaml:"answer_after,omitempty"`
	CloseAfter       span           `yaml:"close_after,omitempty"`
	DeclinedBy       string         `yaml:"declined_by,omitempty"`
	DeclineReason    string         `yaml:"decline_reason,omitempty"`
	RejectReason     string         `yaml:"reject_reason,omitempty"`
	DuplicateOf      string         `yaml:"duplicate_of,omitempty"`
	Internal         bool           `yaml:"internal,omitempty"`
	InternalReason   string         `yaml:"internal_reason,omitempty"`
	Sources          []sourceFile   `yaml:"sources"`
	Response         *responseFile  `yaml:"response,omitempty"`
	Questions        []questionFile `yaml:"questions,omitempty"`
}

type sourceFile struct {
	Platform       string `yaml:"platform"`
	URL            string `yaml:"url,omitempty"`
	AccountHandle  string `yaml:"account_handle,omitempty"`
	DetectedBefore span   `yaml:"detected_before"`
	ClaimText      string `yaml:"claim_text"`
}

type responseFile struct {
	Verdict   string         `yaml:"verdict,omitempty"`
	Body      string         `yaml:"body"`
	Revisions []revisionFile `yaml:"revisions,omitempty"`
}

type revisionFile struct {
	After   span   `yaml:"after"`
	Verdict string `yaml:"verdict,omitempty"`
	Reason  string `yaml:"reason"`
	Body    string `yaml:"body"`
}

type questionFile struct {
	Name    string `yaml:"name"`
	Contact string `yaml:"contact,omitempty"`
	After   span   `yaml:"after"`
	Body    string `yaml:"body"`
}

// span is a duration written the way an editor would: days, hours, minutes
// and seconds, largest first, as in "1d2h", "2h45m" or "90m".
type span time.Duration

var spanPattern = regexp.MustCompile(`^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$`)

func (s *span) UnmarshalText(text []byte) error {
	m := spanPattern.FindSubmatch(bytes.TrimSpace(text))
	if m == nil || len(bytes.TrimSpace(text)) == 0 {
		return fmt.Errorf("%q is not a duration like 1d2h, 2h45m or 90m", text)
	}
	var total time.Duration
	for i, unit := range []time.Duration{24 * time.Hour, time.Hour, time.Minute, time.Second} {
		if len(m[i+1]) == 0 {
			continue
		}
		n, err := strconv.Atoi(string(m[i+1]))
		if err != nil {
			return fmt.Errorf("%q is not a duration: %w", text, err)
		}
		total += time.Duration(n) * unit
	}
	*s = span(total)
	return nil
}

func (s span) MarshalText() ([]byte, error) {
	rest := time.Duration(s)
	if rest <= 0 || rest%time.Second != 0 {
		return nil, fmt.Errorf("duration %v is not a positive whole number of seconds", rest)
	}
	var b strings.Builder
	for _, u := range []struct {
		unit   time.Duration
		symbol string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := rest / u.unit; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.symbol)
			rest -= n * u.unit
		}
	}
	return []byte(b.String()), nil
}

// decode reads one content file into v, refusing keys v does not have so
// that a misspelt key is an error rather than a silently missing value.
func decode(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := yaml.UnmarshalWithOptions(data, v, yaml.DisallowUnknownField()); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// mustDecode is decode for the package's variables: the files are part of
// the build and checked by the tests, so a bad file stops the program.
func mustDecode[T any](name string) T {
	var v T
	if err := decode(content, name, &v); err != nil {
		panic(fmt.Sprintf("demodata: %v", err))
	}
	return v
}

// loadIssues reads every file of dir in fsys and returns the issues oldest
// first (by logged_days_ago, descending; equal values in file name order),
// with each duplicate_of file name turned into an index, and the file name
// (without .yaml) of each.
func loadIssues(fsys fs.FS, dir string) ([]Issue, []string, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, nil, err
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no issue files", dir)
	}
	files := make([]issueFile, len(names))
	for i, name := range names {
		if err := decode(fsys, name, &files[i]); err != nil {
			return nil, nil, err
		}
	}
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(files[b].LoggedDaysAgo, files[a].LoggedDaysAgo)
	})
	position := map[string]int{}
	ids := make([]string, len(order))
	for p, i := range order {
		ids[p] = strings.TrimSuffix(path.Base(names[i]), ".yaml")
		position[ids[p]] = p
	}
	issues := make([]Issue, len(order))
	for p, i := range order {
		f := files[i]
		issue := Issue{
			Title: f.Title, Summary: f.Summary, Kind: f.Kind, CategorySlug: f.Category,
			Status: f.Status, AgencySlug: f.Agency, Priority: f.Priority, LoggedDaysAgo: f.LoggedDaysAgo,
			AssignAfter: time.Duration(f.AssignAfter), AcknowledgeAfter: time.Duration(f.AcknowledgeAfter),
			AnswerAfter: time.Duration(f.AnswerAfter), CloseAfter: time.Duration(f.CloseAfter),
			Internal: f.Internal, InternalReason: f.InternalReason, RejectReason: f.RejectReason,
			DeclinedBy: f.DeclinedBy, DeclineReason: f.DeclineReason,
		}
		if f.DuplicateOf != "" {
			original, ok := position[f.DuplicateOf]
			if !ok {
				return nil, nil, fmt.Errorf("%s: duplicate_of: no issue file %s.yaml", names[i], f.DuplicateOf)
			}
			issue.DuplicateOf = original
		}
		for _, s := range f.Sources {
			issue.Sources = append(issue.Sources, Source{
				Platform: s.Platform, URL: s.URL, ClaimText: s.ClaimText, AccountHandle: s.AccountHandle,
				DetectedBefore: time.Duration(s.DetectedBefore),
			})
		}
		if r := f.Response; r != nil {
			issue.Response = &Response{Body: r.Body, Verdict: r.Verdict}
			for _, v := range r.Revisions {
				issue.Response.Revisions = append(issue.Response.Revisions, Revision{
					After: time.Duration(v.After), Body: v.Body, Verdict: v.Verdict, Reason: v.Reason,
				})
			}
		}
		for _, q := range f.Questions {
			issue.Questions = append(issue.Questions, Question{
				Body: q.Body, Name: q.Name, Contact: q.Contact, After: time.Duration(q.After),
			})
		}
		issues[p] = issue
	}
	return issues, ids, nil
}

func mustLoadIssues() ([]Issue, []string) {
	issues, ids, err := loadIssues(content, "content/issues")
	if err != nil {
		panic(fmt.Sprintf("demodata: %v", err))
	}
	return issues, ids
}

// demo is the whole demo content, parsed on first use: programs that never
// load the demo (a production server) never pay for reading it.
type demo struct {
	agencies   []Agency
	categories []Category
	staff      []Staff
	synonyms   []Synonym
	issues     []Issue
	issueFiles []string
}

var loaded = sync.OnceValue(func() *demo {
	d := &demo{
		agencies: mustDecode[struct {
			Agencies []Agency `yaml:"agencies"`
		}]("content/agencies.yaml").Agencies,
		categories: mustDecode[struct {
			Categories []Category `yaml:"categories"`
		}]("content/categories.yaml").Categories,
		staff: mustDecode[struct {
			Staff []Staff `yaml:"staff"`
		}]("content/staff.yaml").Staff,
		synonyms: mustDecode[struct {
			Synonyms []Synonym `yaml:"synonyms"`
		}]("content/synonyms.yaml").Synonyms,
	}
	d.issues, d.issueFiles = mustLoadIssues()
	return d
})

// Agencies are the regional work units of the regency that answer issues.
func Agencies() []Agency { return loaded().agencies }

// Categories are the topics issues are filed under.
func Categories() []Category { return loaded().categories }

// StaffAccounts are the demo staff logins: one administrator, two members of
// the Rapid Reaction Team, one auditor, and an information officer (PIC) for
// every agency.
func StaffAccounts() []Staff { return loaded().staff }

// Synonyms are the demo's own search synonym groups, on top of the public
// services' groups every installation ships: how people of Kotabaru name
// its places and programmes. A regency adds its own the same way, with
// setSearchSynonyms.
func Synonyms() []Synonym { return loaded().synonyms }

// Issues are the demo issues, oldest first, one file each in
// content/issues.
func Issues() []Issue { return loaded().issues }

// issueFiles names the file of each of Issues.
func issueFiles() []string { return loaded().issueFiles }
