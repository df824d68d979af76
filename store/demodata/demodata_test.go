package demodata_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kotabaru/tanggap/store/demodata"
)

// The enumerations of package models, repeated here so the data is checked against
// the contract rather than against itself.
var (
	kinds      = []string{"MISINFORMATION", "COMPLAINT", "QUESTION", "INFORMATION_REQUEST", "ASPIRATION"}
	statuses   = []string{"NEW", "ASSIGNED", "IN_PROGRESS", "ANSWERED", "CLOSED", "REJECTED", "DUPLICATE"}
	verdicts   = []string{"FALSE", "MISLEADING", "PARTLY_TRUE", "TRUE", "UNPROVEN"}
	priorities = []string{"URGENT", "HIGH", "NORMAL", "LOW"}
	platforms  = []string{"FACEBOOK", "INSTAGRAM", "X", "TIKTOK", "YOUTUBE", "WHATSAPP", "NEWS", "PORTAL", "OTHER"}
	roles      = []string{"ADMIN", "TRC", "PIC", "AUDITOR"}
)

const day = 24 * time.Hour

var (
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	sentenceEnd     = regexp.MustCompile(`[.!?](\s|$)`)
	phonePattern    = regexp.MustCompile(`(\+62[- ]?|\b0)8\d{1,2}[- ]?\d{3,4}[- ]?\d{3,4}`)
	examplePhone    = regexp.MustCompile(`^08\d{2}-0000-\d{4}$`)
	emailPattern    = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	markdownLink    = regexp.MustCompile(`\]\((https?://[^)\s]+)\)`)
	markdownHeading = regexp.MustCompile(`(?m)^#{2,3} \S`)
	markdownList    = regexp.MustCompile(`(?m)^(\s*[-*]|\d+\.) \S`)
)

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// reached reports whether an issue with this final status went through the
// assignment step.
func reached(status string) bool {
	return contains([]string{"ASSIGNED", "IN_PROGRESS", "ANSWERED", "CLOSED"}, status)
}

func finalVerdict(r *demodata.Response) string {
	if n := len(r.Revisions); n > 0 {
		return r.Revisions[n-1].Verdict
	}
	return r.Verdict
}

func TestAgenciesAndCategories(t *testing.T) {
	if n := len(demodata.Agencies()); n < 14 {
		t.Errorf("%d agencies, want at least 14", n)
	}
	seen := map[string]bool{}
	for _, a := range demodata.Agencies() {
		if !slugPattern.MatchString(a.Slug) {
			t.Errorf("agency slug %q is not lower-case with hyphens", a.Slug)
		}
		if seen[a.Slug] {
			t.Errorf("agency slug %q repeated", a.Slug)
		}
		seen[a.Slug] = true
		if a.Name == "" || a.ShortName == "" || a.Description == "" {
			t.Errorf("agency %q lacks a name, short name or description", a.Slug)
		}
	}
	for _, want := range []string{"dinkes", "disdik", "diskominfo", "bpbd", "dinsos", "disdukcapil", "dishub"} {
		if !seen[want] {
			t.Errorf("agency %q missing", want)
		}
	}

	if n := len(demodata.Categories()); n < 8 || n > 12 {
		t.Errorf("%d categories, want 8 to 12", n)
	}
	seen = map[string]bool{}
	for _, c := range demodata.Categories() {
		if !slugPattern.MatchString(c.Slug) {
			t.Errorf("category slug %q is not lower-case with hyphens", c.Slug)
		}
		if seen[c.Slug] {
			t.Errorf("category slug %q repeated", c.Slug)
		}
		seen[c.Slug] = true
		if c.Name == "" || c.Description == "" {
			t.Errorf("category %q lacks a name or description", c.Slug)
		}
	}
}

func TestStaffAccounts(t *testing.T) {
	agencies := agencySet()
	emails := map[string]bool{}
	perRole := map[string]int{}
	picAgencies := map[string]bool{}
	for _, s := range demodata.StaffAccounts() {
		if !contains(roles, s.Role) {
			t.Errorf("%s: unknown role %q", s.Email, s.Role)
		}
		perRole[s.Role]++
		email := strings.ToLower(s.Email)
		if emails[email] {
			t.Errorf("staff e-mail %q repeated", s.Email)
		}
		emails[email] = true
		if !strings.HasSuffix(email, "@demo.tanggap.id") || !emailPattern.MatchString(email) {
			t.Errorf("staff e-mail %q is not an address on demo.tanggap.id", s.Email)
		}
		if s.Name == "" {
			t.Errorf("%s: no name", s.Email)
		}
		switch {
		case s.Role == "PIC" && !agencies[s.AgencySlug]:
			t.Errorf("%s: PIC of unknown agency %q", s.Email, s.AgencySlug)
		case s.Role == "PIC" && picAgencies[s.AgencySlug]:
			t.Errorf("%s: second PIC for %q", s.Email, s.AgencySlug)
		case s.Role != "PIC" && s.AgencySlug != "":
			t.Errorf("%s: a %s has no agency, got %q", s.Email, s.Role, s.AgencySlug)
		}
		if s.Role == "PIC" {
			picAgencies[s.AgencySlug] = true
		}
	}
	if perRole["ADMIN"] != 1 || perRole["TRC"] != 2 || perRole["AUDITOR"] != 1 {
		t.Errorf("roles %v, want one ADMIN, two TRC and one AUDITOR", perRole)
	}
	if len(picAgencies) < 6 {
		t.Errorf("PICs for %d agencies, want at least 6", len(picAgencies))
	}
	// Every agency that received an issue needs someone who can act for it.
	for i, is := range demodata.Issues() {
		if is.AgencySlug != "" && !picAgencies[is.AgencySlug] {
			t.Errorf("issue %d: agency %q has no PIC account", i, is.AgencySlug)
		}
	}
}

func agencySet() map[string]bool {
	m := map[string]bool{}
	for _, a := range demodata.Agencies() {
		m[a.Slug] = true
	}
	return m
}

func categorySet() map[string]bool {
	m := map[string]bool{}
	for _, c := range demodata.Categories() {
		m[c.Slug] = true
	}
	return m
}

// TestIssueInvariants checks each issue on its own.
func TestIssueInvariants(t *testing.T) {
	agencies, categories := agencySet(), categorySet()
	titles := map[string]int{}
	for i, is := range demodata.Issues() {
		t.Run(fmt.Sprintf("%02d_%s", i, demodata.IssueFiles[i]), func(t *testing.T) {
			checkIssue(t, i, is, agencies, categories)
		})
		if j, ok := titles[is.Title]; ok {
			t.Errorf("issues %d and %d share the title %q", j, i, is.Title)
		}
		titles[is.Title] = i
	}
}

func checkIssue(t *testing.T, i int, is demodata.Issue, agencies, categories map[string]bool) {
	if is.Title == "" || utf8.RuneCountInString(is.Title) > 120 {
		t.Errorf("title %q is empty or longer than 120 characters", is.Title)
	}
	if n := len(sentenceEnd.FindAllString(is.Summary, -1)); n < 1 || n > 3 {
		t.Errorf("summary has %d sentences, want 1 to 3: %q", n, is.Summary)
	}
	if !contains(kinds, is.Kind) {
		t.Errorf("unknown kind %q", is.Kind)
	}
	if !contains(statuses, is.Status) {
		t.Errorf("unknown status %q", is.Status)
	}
	if !categories[is.CategorySlug] {
		t.Errorf("unknown category %q", is.CategorySlug)
	}
	if is.LoggedDaysAgo < 1 || is.LoggedDaysAgo > 180 {
		t.Errorf("logged %.2f days ago, want 1 to 180", is.LoggedDaysAgo)
	}
	if i > 0 && is.LoggedDaysAgo >= demodata.Issues()[i-1].LoggedDaysAgo {
		t.Errorf("logged %.2f days ago, not after issue %d (%.2f): issues must be listed oldest first",
			is.LoggedDaysAgo, i-1, demodata.Issues()[i-1].LoggedDaysAgo)
	}
	age := time.Duration(is.LoggedDaysAgo * float64(day))

	// Agency and priority exist exactly from assignment on.
	if reached(is.Status) {
		if !agencies[is.AgencySlug] {
			t.Errorf("status %s with unknown agency %q", is.Status, is.AgencySlug)
		}
		if !contains(priorities, is.Priority) {
			t.Errorf("status %s with priority %q", is.Status, is.Priority)
		}
	} else if is.AgencySlug != "" || is.Priority != "" {
		t.Errorf("status %s must have no agency or priority, got %q/%q", is.Status, is.AgencySlug, is.Priority)
	}

	// The steps that happened are exactly those the status implies, in order,
	// and none lies in the future.
	steps := []struct {
		name  string
		at    time.Duration
		since string
	}{
		{"assign", is.AssignAfter, "ASSIGNED"},
		{"acknowledge", is.AcknowledgeAfter, "IN_PROGRESS"},
		{"answer", is.AnswerAfter, "ANSWERED"},
		{"close", is.CloseAfter, "CLOSED"},
	}
	rank := map[string]int{"ASSIGNED": 1, "IN_PROGRESS": 2, "ANSWERED": 3, "CLOSED": 4}
	var previous time.Duration
	for k, s := range steps {
		happened := rank[is.Status] > k
		switch {
		case happened && s.at <= previous:
			t.Errorf("%s at %v, want after the previous step (%v)", s.name, s.at, previous)
		case happened && s.at >= age:
			t.Errorf("%s at %v lies after the moment of loading (logged %v ago)", s.name, s.at, age)
		case !happened && s.at != 0:
			t.Errorf("status %s but %s offset %v is set", is.Status, s.name, s.at)
		}
		if happened {
			previous = s.at
		}
	}

	checkResponse(t, is, age)

	if is.Internal != (is.InternalReason != "") {
		t.Errorf("internal=%v with reason %q", is.Internal, is.InternalReason)
	}
	if is.Internal && !reached(is.Status) {
		t.Errorf("status %s is never public; marking it internal is meaningless", is.Status)
	}
	if (is.Status == "REJECTED") != (is.RejectReason != "") {
		t.Errorf("status %s with reject reason %q", is.Status, is.RejectReason)
	}
	if is.DeclinedBy != "" {
		if !agencies[is.DeclinedBy] || is.DeclinedBy == is.AgencySlug || !reached(is.Status) {
			t.Errorf("declined by %q, finally assigned to %q, status %s", is.DeclinedBy, is.AgencySlug, is.Status)
		}
	}
	if (is.DeclinedBy != "") != (is.DeclineReason != "") {
		t.Errorf("declined by %q with reason %q", is.DeclinedBy, is.DeclineReason)
	}

	if is.Status == "DUPLICATE" {
		d := is.DuplicateOf
		if d < 0 || d >= i {
			t.Errorf("duplicate of %d, want an earlier issue", d)
		} else {
			orig := demodata.Issues()[d]
			if orig.Status != "ANSWERED" && orig.Status != "CLOSED" {
				t.Errorf("duplicate of issue %d whose status is %s", d, orig.Status)
			}
			answeredAgo := time.Duration(orig.LoggedDaysAgo*float64(day)) - orig.AnswerAfter
			if age >= answeredAgo {
				t.Errorf("logged before issue %d was answered, so it cannot point to that answer", d)
			}
			if orig.Kind != is.Kind {
				t.Errorf("kind %s differs from the original's %s", is.Kind, orig.Kind)
			}
		}
	} else if is.DuplicateOf != 0 {
		t.Errorf("status %s with DuplicateOf %d", is.Status, is.DuplicateOf)
	}

	if len(is.Sources) == 0 {
		t.Errorf("no source")
	}
	for k, s := range is.Sources {
		if !contains(platforms, s.Platform) {
			t.Errorf("source %d: unknown platform %q", k, s.Platform)
		}
		if s.ClaimText == "" {
			t.Errorf("source %d: no claim text", k)
		}
		if s.URL == "" && s.Platform != "WHATSAPP" && s.Platform != "OTHER" {
			t.Errorf("source %d: a %s source needs a URL", k, s.Platform)
		}
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("source %d: URL %q is not https", k, s.URL)
		}
		if s.DetectedBefore < 0 || s.DetectedBefore > 30*day {
			t.Errorf("source %d: detected %v before logging", k, s.DetectedBefore)
		}
	}

	for k, q := range is.Questions {
		if n := utf8.RuneCountInString(q.Body); n < 20 || n > 4000 {
			t.Errorf("question %d: body of %d characters, want 20 to 4000", k, n)
		}
		if q.After <= 0 || q.After >= age {
			t.Errorf("question %d: asked %v after logging, want within (0, %v)", k, q.After, age)
		}
		if q.Contact != "" && !strings.HasSuffix(q.Contact, "@example.com") && !examplePhone.MatchString(q.Contact) {
			t.Errorf("question %d: contact %q is neither an example.com address nor an 08xx-0000-xxxx number", k, q.Contact)
		}
		if q.Contact != "" && q.Name == "" {
			t.Errorf("question %d: a contact without a name", k)
		}
	}
	if len(is.Questions) > 0 && !reached(is.Status) {
		t.Errorf("questions linked to a %s issue", is.Status)
	}
}

func checkResponse(t *testing.T, is demodata.Issue, age time.Duration) {
	answered := is.Status == "ANSWERED" || is.Status == "CLOSED"
	if answered != (is.Response != nil) {
		t.Errorf("status %s with response present=%v", is.Status, is.Response != nil)
	}
	r := is.Response
	if r == nil {
		return
	}
	checkBody(t, "response", r.Body)
	checkVerdict(t, "response", is.Kind, r.Verdict)
	var previousAfter time.Duration
	previousBody := r.Body
	for k, rev := range r.Revisions {
		name := fmt.Sprintf("revision %d", k+1)
		if rev.After <= previousAfter {
			t.Errorf("%s at %v, want after %v", name, rev.After, previousAfter)
		}
		if at := is.AnswerAfter + rev.After; at >= age || (is.Status == "CLOSED" && at >= is.CloseAfter) {
			t.Errorf("%s at %v after logging lies after the close or the moment of loading", name, at)
		}
		if strings.TrimSpace(rev.Reason) == "" {
			t.Errorf("%s has no public reason", name)
		}
		if rev.Body == previousBody {
			t.Errorf("%s does not change the text", name)
		}
		checkBody(t, name, rev.Body)
		checkVerdict(t, name, is.Kind, rev.Verdict)
		previousAfter, previousBody = rev.After, rev.Body
	}
}

func checkBody(t *testing.T, name, body string) {
	if n := len(strings.Fields(body)); n < 80 || n > 400 {
		t.Errorf("%s has %d words, want 80 to 400", name, n)
	}
	if !markdownHeading.MatchString(body) || !markdownList.MatchString(body) || !strings.Contains(body, "**") {
		t.Errorf("%s lacks a Markdown heading, list or bold text", name)
	}
	links := markdownLink.FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		t.Errorf("%s has no link", name)
	}
	official := false
	for _, l := range links {
		if !strings.HasPrefix(l[1], "https://") {
			t.Errorf("%s links to %q, not https", name, l[1])
		}
		if strings.Contains(l[1], "kotabarukab.go.id") {
			official = true
		}
	}
	if !official {
		t.Errorf("%s has no link to kotabarukab.go.id", name)
	}
}

func checkVerdict(t *testing.T, name, kind, verdict string) {
	if kind == "MISINFORMATION" && !contains(verdicts, verdict) {
		t.Errorf("%s of a misinformation issue has verdict %q", name, verdict)
	}
	if kind != "MISINFORMATION" && verdict != "" {
		t.Errorf("%s of a %s issue has a verdict %q", name, kind, verdict)
	}
}

// TestCoverage checks the data set as a whole: counts, and that every value
// of every enumeration appears.
func TestCoverage(t *testing.T) {
	issues := demodata.Issues()
	if len(issues) < 64 {
		t.Fatalf("%d issues, want at least 64", len(issues))
	}
	perKind, perStatus, perPriority := map[string]int{}, map[string]int{}, map[string]int{}
	finalVerdicts, allPlatforms, usedAgencies := map[string]int{}, map[string]bool{}, map[string]bool{}
	var internal, revised, questions, multiSource, verdictChanges, overdueOpen, lateAnswers int
	// Clock-time bounds well past each priority's answer target, weekends
	// included.
	pastTarget := map[string]time.Duration{"URGENT": 6 * time.Hour, "HIGH": 4 * day, "NORMAL": 6 * day, "LOW": 16 * day}
	for _, is := range issues {
		perKind[is.Kind]++
		perStatus[is.Status]++
		if is.Priority != "" {
			perPriority[is.Priority]++
		}
		if is.AgencySlug != "" {
			usedAgencies[is.AgencySlug] = true
		}
		if is.Internal {
			internal++
		}
		questions += len(is.Questions)
		if len(is.Sources) >= 2 {
			multiSource++
		}
		for _, s := range is.Sources {
			allPlatforms[s.Platform] = true
		}
		if r := is.Response; r != nil {
			if is.Kind == "MISINFORMATION" {
				finalVerdicts[finalVerdict(r)]++
			}
			if len(r.Revisions) > 0 {
				revised++
			}
			v := r.Verdict
			for _, rev := range r.Revisions {
				if rev.Verdict != v {
					verdictChanges++
				}
				v = rev.Verdict
			}
			if is.AnswerAfter > pastTarget[is.Priority] {
				lateAnswers++
			}
		}
		age := time.Duration(is.LoggedDaysAgo * float64(day))
		if (is.Status == "ASSIGNED" || is.Status == "IN_PROGRESS") && age > pastTarget[is.Priority] {
			overdueOpen++
		}
	}

	for _, k := range kinds {
		if perKind[k] == 0 {
			t.Errorf("no %s issue", k)
		}
	}
	mis := perKind["MISINFORMATION"]
	for k, n := range perKind {
		if k != "MISINFORMATION" && n >= mis {
			t.Errorf("%d %s issues, not fewer than the %d misinformation issues", n, k, mis)
		}
	}
	if share := float64(mis) / float64(len(issues)); share < 0.35 || share > 0.5 {
		t.Errorf("misinformation is %.0f%% of the issues, want about 40%%", share*100)
	}

	minimum := map[string]int{"NEW": 4, "ASSIGNED": 4, "IN_PROGRESS": 5, "ANSWERED": 1, "CLOSED": 10, "REJECTED": 3, "DUPLICATE": 3}
	for _, s := range statuses {
		if perStatus[s] < minimum[s] {
			t.Errorf("%d %s issues, want at least %d", perStatus[s], s, minimum[s])
		}
		if s != "ANSWERED" && perStatus[s] >= perStatus["ANSWERED"] {
			t.Errorf("%d %s issues, not fewer than the %d answered ones", perStatus[s], s, perStatus["ANSWERED"])
		}
	}
	for _, v := range verdicts {
		if finalVerdicts[v] == 0 {
			t.Errorf("no misinformation issue ends with verdict %s", v)
		}
	}
	for _, p := range priorities {
		if perPriority[p] == 0 {
			t.Errorf("no %s issue", p)
		}
	}
	for _, p := range platforms {
		if !allPlatforms[p] {
			t.Errorf("no source on %s", p)
		}
	}
	if len(usedAgencies) < 10 {
		t.Errorf("%d agencies receive issues, want at least 10", len(usedAgencies))
	}
	if internal < 2 || internal > 4 {
		t.Errorf("%d internal issues, want 2 to 4", internal)
	}
	if revised < 6 {
		t.Errorf("%d responses with revisions, want at least 6", revised)
	}
	if verdictChanges == 0 {
		t.Errorf("no revision changes a verdict")
	}
	if questions < 6 || questions > 12 {
		t.Errorf("%d linked questions, want about 8", questions)
	}
	if multiSource < 5 {
		t.Errorf("%d issues circulated on several sources, want at least 5", multiSource)
	}
	if overdueOpen < 3 {
		t.Errorf("%d open issues well past their target, want at least 3", overdueOpen)
	}
	if lateAnswers < 2 {
		t.Errorf("%d answers well past their target, want at least 2", lateAnswers)
	}
	if oldest, newest := issues[0].LoggedDaysAgo, issues[len(issues)-1].LoggedDaysAgo; oldest < 150 || newest > 3 {
		t.Errorf("issues span %.1f to %.1f days ago, want about six months up to the last days", oldest, newest)
	}
	t.Logf("kinds %v", perKind)
	t.Logf("statuses %v", perStatus)
	t.Logf("priorities %v, final verdicts %v", perPriority, finalVerdicts)
}

// allText gathers every string in the data set.
func allText() []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			out = append(out, v.String())
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	for _, v := range []any{demodata.Agencies(), demodata.Categories(), demodata.StaffAccounts(), demodata.Issues()} {
		walk(reflect.ValueOf(v))
	}
	return out
}

// TestTextHygiene keeps real-looking personal data out and the words the
// search engines are demonstrated with in.
func TestTextHygiene(t *testing.T) {
	texts := allText()
	for _, s := range texts {
		for _, m := range phonePattern.FindAllString(s, -1) {
			if !examplePhone.MatchString(m) {
				t.Errorf("telephone number %q is not of the example form 08xx-0000-xxxx", m)
			}
		}
		for _, m := range emailPattern.FindAllString(s, -1) {
			if !strings.HasSuffix(m, "@example.com") && !strings.HasSuffix(m, "@demo.tanggap.id") {
				t.Errorf("e-mail address %q is neither example.com nor demo.tanggap.id", m)
			}
		}
		if strings.Contains(s, "http://") {
			t.Errorf("plain http link in %q", s)
		}
	}

	corpus := strings.ToLower(strings.Join(texts, "\n"))
	words := regexp.MustCompile(`[\p{L}\p{N}]+`).FindAllString(corpus, -1)
	present := map[string]bool{}
	for _, w := range words {
		present[w] = true
	}
	for _, w := range []string{
		"banjir", "kebanjiran", "meluncurkan", "diluncurkan", "peluncuran", "pemadaman",
		"dinkes", "bansos", "dbd", "ktp", "rsud", "pupr", "bpbd", "demam", "berdarah",
	} {
		if !present[w] {
			t.Errorf("the word %q appears nowhere", w)
		}
	}
}

func TestFileSizes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() >= 60*1024 {
			t.Errorf("%s is %d bytes, want under 60 KB", f, info.Size())
		}
	}
}
