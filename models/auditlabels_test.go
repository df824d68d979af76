package models_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
)

// TestAuditActionLabels checks that every action the store writes has an
// Indonesian name: the actions are read from the store's sources.
func TestAuditActionLabels(t *testing.T) {
	files, err := filepath.Glob("../store/*.go")
	if err != nil {
		t.Fatal(err)
	}
	written := regexp.MustCompile(`"((?:auth|issue|response|question|agency|category|user|calendar|policy|search|demo)\.[a-z_.]+)"`)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range written.FindAllStringSubmatch(string(src), -1) {
			seen[m[1]] = true
		}
	}
	// Lifecycle steps are written as "issue." and the event's name.
	for _, e := range []models.EventType{models.EventAssigned, models.EventReassigned, models.EventAcknowledged, models.EventDeclined,
		models.EventAnswered, models.EventRevised, models.EventClosed, models.EventReopened, models.EventRejected, models.EventDuplicate,
		models.EventMadeInternal, models.EventMadePublic, models.EventSourceAdded, models.EventSourceUpdated, models.EventSourceRemoved, models.EventEdited} {
		seen["issue."+strings.ToLower(string(e))] = true
	}
	delete(seen, "issue.")
	if len(seen) < 30 {
		t.Fatalf("found only %d actions in the store's sources: %v", len(seen), seen)
	}
	for action := range seen {
		if models.AuditActionLabel(action) == action {
			t.Errorf("audit action %q has no Indonesian name", action)
		}
	}
	if got := models.AuditActionLabel("auth.login"); got != "Masuk" {
		t.Errorf("auth.login is %q", got)
	}
	if got := models.AuditActionLabel("sesuatu.baru"); got != "sesuatu.baru" {
		t.Errorf("an unknown action is shown as %q", got)
	}
}
