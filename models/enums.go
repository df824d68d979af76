package models

// IssueKind says what sort of public issue was logged.
type IssueKind string

// The kinds of issue (docs/architecture.md).
const (
	KindMisinformation     IssueKind = "MISINFORMATION"
	KindComplaint          IssueKind = "COMPLAINT"
	KindQuestion           IssueKind = "QUESTION"
	KindInformationRequest IssueKind = "INFORMATION_REQUEST"
	KindAspiration         IssueKind = "ASPIRATION"
)

// IssueKinds lists every kind in display order.
var IssueKinds = []IssueKind{KindMisinformation, KindComplaint, KindQuestion, KindInformationRequest, KindAspiration}

// Valid reports whether k is one of the known kinds.
func (k IssueKind) Valid() bool { return oneOf(k, IssueKinds) }

// IssueStatus is the lifecycle state of an issue.
type IssueStatus string

// The states of the issue lifecycle.
const (
	StatusNew        IssueStatus = "NEW"
	StatusAssigned   IssueStatus = "ASSIGNED"
	StatusInProgress IssueStatus = "IN_PROGRESS"
	StatusAnswered   IssueStatus = "ANSWERED"
	StatusClosed     IssueStatus = "CLOSED"
	StatusRejected   IssueStatus = "REJECTED"
	StatusDuplicate  IssueStatus = "DUPLICATE"
)

// IssueStatuses lists every status in lifecycle order.
var IssueStatuses = []IssueStatus{StatusNew, StatusAssigned, StatusInProgress, StatusAnswered, StatusClosed, StatusRejected, StatusDuplicate}

// Valid reports whether s is one of the known statuses.
func (s IssueStatus) Valid() bool { return oneOf(s, IssueStatuses) }

// Verdict is the finding on a piece of misinformation.
type Verdict string

// The verdicts an answer may carry (docs/architecture.md).
const (
	VerdictFalse      Verdict = "FALSE"
	VerdictMisleading Verdict = "MISLEADING"
	VerdictPartlyTrue Verdict = "PARTLY_TRUE"
	VerdictTrue       Verdict = "TRUE"
	VerdictUnproven   Verdict = "UNPROVEN"
)

// Verdicts lists every verdict.
var Verdicts = []Verdict{VerdictFalse, VerdictMisleading, VerdictPartlyTrue, VerdictTrue, VerdictUnproven}

// Valid reports whether v is one of the known verdicts.
func (v Verdict) Valid() bool { return oneOf(v, Verdicts) }

// Label is the Indonesian name of the verdict, as shown to citizens and used as
// ClaimReview's reviewRating.alternateName.
func (v Verdict) Label() string {
	switch v {
	case VerdictFalse:
		return "Hoaks"
	case VerdictMisleading:
		return "Menyesatkan"
	case VerdictPartlyTrue:
		return "Sebagian benar"
	case VerdictTrue:
		return "Benar"
	case VerdictUnproven:
		return "Belum terbukti"
	}
	return ""
}

// Priority orders the work of agencies and selects the response-time targets.
type Priority string

// The priorities of an issue, each with its response targets (docs/architecture.md).
const (
	PriorityUrgent Priority = "URGENT"
	PriorityHigh   Priority = "HIGH"
	PriorityNormal Priority = "NORMAL"
	PriorityLow    Priority = "LOW"
)

// Priorities lists every priority, most urgent first.
var Priorities = []Priority{PriorityUrgent, PriorityHigh, PriorityNormal, PriorityLow}

// Valid reports whether p is one of the known priorities.
func (p Priority) Valid() bool { return oneOf(p, Priorities) }

// Platform is where a claim was seen.
type Platform string

// The platforms a source may come from.
const (
	PlatformFacebook  Platform = "FACEBOOK"
	PlatformInstagram Platform = "INSTAGRAM"
	PlatformX         Platform = "X"
	PlatformTikTok    Platform = "TIKTOK"
	PlatformYouTube   Platform = "YOUTUBE"
	PlatformWhatsApp  Platform = "WHATSAPP"
	PlatformNews      Platform = "NEWS"
	PlatformPortal    Platform = "PORTAL"
	PlatformOther     Platform = "OTHER"
)

// Platforms lists every platform.
var Platforms = []Platform{PlatformFacebook, PlatformInstagram, PlatformX, PlatformTikTok, PlatformYouTube, PlatformWhatsApp, PlatformNews, PlatformPortal, PlatformOther}

// Valid reports whether p is one of the known platforms.
func (p Platform) Valid() bool { return oneOf(p, Platforms) }

// Role is what a staff account may do (docs/architecture.md, “Where each rule lives”).
type Role string

// The staff roles. Anonymous callers have no role.
const (
	RoleAdmin   Role = "ADMIN"
	RoleTRC     Role = "TRC"
	RolePIC     Role = "PIC"
	RoleAuditor Role = "AUDITOR"
)

// Roles lists every staff role.
var Roles = []Role{RoleAdmin, RoleTRC, RolePIC, RoleAuditor}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return oneOf(r, Roles) }

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
