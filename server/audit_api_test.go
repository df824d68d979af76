package server_test

import (
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestAuditVerificationFullNeedsAuditor checks the two verifications over
// the API: the incremental one for anyone, the full one for AUDITOR only.
func TestAuditVerificationFullNeedsAuditor(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		entries, head := auditCount(t, db)
		type verification struct {
			Intact     bool
			Full       bool
			Entries    int
			Recomputed int
			HeadHash   string
		}
		var out struct{ AuditVerification verification }
		api.post("", `{ auditVerification { intact full entries recomputed headHash } }`, nil).decode(t, &out)
		if v := out.AuditVerification; !v.Intact || v.Full || v.Entries != entries || v.HeadHash != head {
			t.Fatalf("public verification %+v, want intact, incremental, %d entries, head %s", v, entries, head)
		}

		const full = `{ auditVerification(full: true) { intact full entries recomputed headHash } }`
		for _, tc := range []struct {
			name string
			user *models.User
			code string
		}{
			{"Anonymous", nil, models.EUNAUTHENTICATED},
			{"TRC", s.trc, models.EFORBIDDEN},
			{"Admin", s.admin, models.EFORBIDDEN},
			{"PIC", s.picA, models.EFORBIDDEN},
		} {
			if got := api.post(s.tokenOf(tc.user), full, nil).code(); got != tc.code {
				t.Errorf("%s asking for the full verification: code %q, want %q", tc.name, got, tc.code)
			}
		}
		out.AuditVerification = verification{}
		api.post(s.tokenOf(s.auditor), full, nil).decode(t, &out)
		if v := out.AuditVerification; !v.Intact || !v.Full || v.Entries != entries || v.Recomputed != entries || v.HeadHash != head {
			t.Fatalf("full verification by an auditor %+v, want every one of %d entries re-computed", v, entries)
		}
	})
}
