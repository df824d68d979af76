package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
)

// The types with a global id, as the schema names them.
const (
	typeIssue            = "Issue"
	typeIssueSource      = "IssueSource"
	typeAgency           = "Agency"
	typeCategory         = "Category"
	typeResponse         = "Response"
	typeResponseRevision = "ResponseRevision"
	typeQuestion         = "Question"
	typeUser             = "User"
	typeAuditEntry       = "AuditEntry"
	typeSession          = "Session"
	typeHoliday          = "Holiday"
)

// typeLabels name each type in Indonesian, for error messages.
var typeLabels = map[string]string{
	typeIssue: "isu", typeIssueSource: "sumber", typeAgency: "instansi", typeCategory: "kategori",
	typeResponse: "jawaban", typeResponseRevision: "revisi jawaban", typeQuestion: "pertanyaan",
	typeUser: "akun", typeAuditEntry: "entri audit", typeSession: "sesi", typeHoliday: "hari libur",
	typeWebhook: "webhook", typeWebhookDelivery: "pengiriman webhook",
}

func nodeID(typ string, id int64) *scalar.NodeID {
	n := scalar.NewNodeID(typ, id)
	return &n
}

// childNodeID is the id of a row that is reached through its parent: the
// parent's id and the row's own key, so that node can check the parent's
// visibility with the same reads as a field would.
func childNodeID(typ string, parent int64, key string) *scalar.NodeID {
	return &scalar.NodeID{Type: typ, Key: strconv.FormatInt(parent, 10) + "/" + key}
}

// numericID returns the database number an ID argument names: a global id
// of type typ or a bare number. Anything else is BAD_USER_INPUT naming field.
func numericID(field string, id scalar.NodeID, typ string) (int64, error) {
	if id.Type == typ {
		if _, key, ok := strings.Cut(id.Key, "/"); ok {
			id.Key = key
		}
	}
	n, ok := id.Int64(typ)
	if !ok {
		return 0, models.Invalid(field, "bukan id %s yang valid", typeLabels[typ])
	}
	return n, nil
}

// childKey splits the key of a childNodeID.
func childKey(id scalar.NodeID) (parent int64, key string, ok bool) {
	p, key, ok := strings.Cut(id.Key, "/")
	if !ok {
		return 0, "", false
	}
	parent, err := strconv.ParseInt(p, 10, 64)
	return parent, key, err == nil && parent > 0 && key != ""
}

// questionNodeID is the id a caller sees for a question. Staff, who triage
// by id, get the row's number; anyone else gets a digest of the tracking
// code, which is stable for the asker's cache but reveals neither the code
// nor how many questions were asked.
func questionNodeID(ctx context.Context, q *models.Question) *scalar.NodeID {
	if models.UserFromContext(ctx) != nil {
		return nodeID(typeQuestion, q.ID)
	}
	sum := sha256.Sum256([]byte("tanggap-question-id:" + q.TrackingCode))
	return &scalar.NodeID{Type: typeQuestion, Key: "~" + hex.EncodeToString(sum[:12])}
}
