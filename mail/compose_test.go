package mail_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/mail"
	"github.com/kotabaru/tanggap/models"
)

const publicURL = "https://tanggap.kotabaru.example"

// notifications has one realistic notification of every kind, with the
// texts each message must contain.
func notifications() []struct {
	n    mail.Notification
	want []string
} {
	issue := mail.Issue{Number: "KTB-2026-000123", Title: "Pesan berantai pemadaman listrik total tiga hari",
		Verdict: models.VerdictFalse, Agency: "Dinas Komunikasi dan Informatika"}
	return []struct {
		n    mail.Notification
		want []string
	}{
		{mail.Notification{Kind: mail.KindReceipt, TrackingCode: "TNY-7K3M-Q9PA",
			Question: "Apakah benar listrik akan padam tiga hari di seluruh kabupaten? Saya dapat pesan di grup WhatsApp."},
			[]string{"sudah kami terima", "TNY-7K3M-Q9PA", publicURL + "/lacak/TNY-7K3M-Q9PA", "padam tiga hari"}},
		{mail.Notification{Kind: mail.KindLinked, TrackingCode: "TNY-7K3M-Q9PA", Issue: issue},
			[]string{"ditangani", "KTB-2026-000123", publicURL + "/isu/KTB-2026-000123", publicURL + "/lacak/TNY-7K3M-Q9PA"}},
		{mail.Notification{Kind: mail.KindAnswered, TrackingCode: "TNY-7K3M-Q9PA", Issue: issue},
			[]string{"Jawaban resmi", "sudah terbit", "Hoaks", publicURL + "/isu/KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindRevised, TrackingCode: "TNY-7K3M-Q9PA", Issue: issue,
			Reason: "Jadwal pemeliharaan diperbarui oleh PLN."},
			[]string{"diperbarui", "Alasan perbaikan", "Jadwal pemeliharaan diperbarui", publicURL + "/isu/KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindRejected, TrackingCode: "TNY-2B8C-LM4D",
			Reason: "Pertanyaan berisi data pribadi orang lain."},
			[]string{"tidak dapat kami proses", "TNY-2B8C-LM4D", "data pribadi orang lain", publicURL + "/tanya"}},
		{mail.Notification{Kind: mail.KindConfirm, ConfirmToken: "c0nf1rm-T0ken", Issue: issue},
			[]string{"Konfirmasi", "mengaktifkan langganan", publicURL + "/langganan/c0nf1rm-T0ken", "KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindConfirm, ConfirmToken: "agency-token", Agency: mail.Agency{Slug: "dinkes", Name: "Dinas Kesehatan"}},
			[]string{"Konfirmasi", "Dinas Kesehatan", publicURL + "/langganan/agency-token"}},
		{mail.Notification{Kind: mail.KindConfirm, ConfirmToken: "search-token", Search: "banjir & longsor"},
			[]string{"Konfirmasi", "banjir &", publicURL + "/langganan/search-token"}},
		{mail.Notification{Kind: mail.KindIssueAnswered, Issue: issue},
			[]string{"Isu yang Anda ikuti", "dijawab", "Hoaks", publicURL + "/isu/KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindIssueRevised, Issue: issue, Reason: "Koreksi angka korban."},
			[]string{"diperbarui", "Koreksi angka korban", publicURL + "/isu/KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindAgencyPublished, Agency: mail.Agency{Slug: "diskominfo", Name: "Dinas Komunikasi dan Informatika"}, Issue: issue},
			[]string{"menerbitkan jawaban", "instansi yang Anda ikuti", publicURL + "/instansi/diskominfo", publicURL + "/isu/KTB-2026-000123"}},
		{mail.Notification{Kind: mail.KindSearchDigest, Search: "banjir", Items: []mail.Issue{
			{Number: "KTB-2026-000201", Title: "Banjir di Jalan Raya Stagen", Agency: "Dinas PUPR"},
			{Number: "KTB-2026-000202", Title: "Bantuan korban banjir Sungai Bahalayung", Verdict: models.VerdictMisleading},
			{Number: "KTB-2026-000203", Title: "Tanggul jebol di Pulau Laut Utara", Verdict: models.VerdictTrue}}},
			[]string{"3 isu baru dijawab", "banjir", "Menyesatkan", publicURL + "/isu/KTB-2026-000201",
				publicURL + "/isu/KTB-2026-000202", publicURL + "/isu/KTB-2026-000203", publicURL + "/?q=banjir"}},
	}
}

func TestComposeRefusesIncompleteNotifications(t *testing.T) {
	c, err := mail.NewComposer(publicURL, "")
	if err != nil {
		t.Fatal(err)
	}
	base := mail.Notification{ID: "job-1", To: "warga@contoh.id", StopToken: "stop"}
	cases := map[string]struct {
		change func(*mail.Notification)
		want   string
	}{
		"Kind":          {func(n *mail.Notification) { n.Kind = "newsletter" }, "unknown notification kind"},
		"ID":            {func(n *mail.Notification) { n.Kind, n.ID, n.TrackingCode = mail.KindReceipt, "", "T" }, "needs ID"},
		"To":            {func(n *mail.Notification) { n.Kind, n.To, n.TrackingCode = mail.KindReceipt, " ", "T" }, "needs To"},
		"StopToken":     {func(n *mail.Notification) { n.Kind, n.StopToken, n.TrackingCode = mail.KindReceipt, "", "T" }, "needs StopToken"},
		"TrackingCode":  {func(n *mail.Notification) { n.Kind = mail.KindReceipt }, "needs TrackingCode"},
		"Reason":        {func(n *mail.Notification) { n.Kind, n.TrackingCode = mail.KindRejected, "T" }, "needs Reason"},
		"Issue":         {func(n *mail.Notification) { n.Kind = mail.KindIssueAnswered }, "needs Issue.Number"},
		"ConfirmTarget": {func(n *mail.Notification) { n.Kind, n.ConfirmToken = mail.KindConfirm, "x" }, "one of Issue, Agency or Search"},
		"DigestItems":   {func(n *mail.Notification) { n.Kind, n.Search = mail.KindSearchDigest, "banjir" }, "at least one item"},
		"Agency": {func(n *mail.Notification) {
			n.Kind, n.Issue = mail.KindAgencyPublished, mail.Issue{Number: "KTB-2026-000001", Title: "x"}
		}, "Agency.Slug"},
	}
	for name, c2 := range cases {
		t.Run(name, func(t *testing.T) {
			n := base
			c2.change(&n)
			if _, err := c.Compose(n); err == nil || !strings.Contains(err.Error(), c2.want) {
				t.Fatalf("Compose = %v, want an error mentioning %q", err, c2.want)
			}
		})
	}
}

func TestNewComposerNeedsAnAbsoluteURL(t *testing.T) {
	for _, u := range []string{"", "/relatif", "tanggap.example", "ftp://tanggap.example"} {
		if _, err := mail.NewComposer(u, ""); err == nil {
			t.Errorf("NewComposer(%q) accepted", u)
		}
	}
	c, err := mail.NewComposer("https://contoh.id/portal/", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.StopURL("a/b c"); got != "https://contoh.id/portal/langganan/berhenti/a%2Fb%20c" {
		t.Fatalf("StopURL = %s", got)
	}
	if got := c.SearchURL("banjir & longsor"); got != "https://contoh.id/portal/?q=banjir+%26+longsor" {
		t.Fatalf("SearchURL = %s", got)
	}
}

func TestMessageID(t *testing.T) {
	from := "Tanggap <noreply@tanggap.kotabaru.example>"
	a := mail.MessageID("job-42", from)
	if a != "<notifikasi.job-42@tanggap.kotabaru.example>" || a != mail.MessageID("job-42", from) {
		t.Fatalf("MessageID = %s", a)
	}
	odd := mail.MessageID("id with <spaces>@and\r\nbreaks", from)
	if strings.ContainsAny(odd[1:len(odd)-1], " <>\r\n") || odd == a || odd != mail.MessageID("id with <spaces>@and\r\nbreaks", from) {
		t.Fatalf("MessageID of an unsafe id = %q", odd)
	}
}

func TestParseConfig(t *testing.T) {
	from := "Tanggap <noreply@tanggap.example>"
	ok := []struct {
		url      string
		host     string
		port     int
		user     string
		implicit bool
	}{
		{"smtp://mail.example:2525", "mail.example", 2525, "", false},
		{"smtp://mail.example", "mail.example", 587, "", false},
		{"smtp://user%40x:p%3Ass@mail.example:587", "mail.example", 587, "user@x", false},
		{"smtps://mail.example", "mail.example", 465, "", true},
		{"smtp://[::1]:1025", "::1", 1025, "", false},
	}
	for _, c := range ok {
		cfg, err := mail.ParseConfig(c.url, from)
		if err != nil {
			t.Errorf("%s: %v", c.url, err)
			continue
		}
		if cfg.Host != c.host || cfg.Port != c.port || cfg.Username != c.user || cfg.ImplicitTLS != c.implicit || cfg.From != from {
			t.Errorf("%s: %+v", c.url, cfg)
		}
	}
	cfg, _ := mail.ParseConfig("smtp://u:rahasia@mail.example:587", from)
	if s := cfg.String(); strings.Contains(s, "rahasia") || !strings.Contains(s, "u:****@mail.example:587") {
		t.Errorf("String() = %s", s)
	}
	for _, c := range []struct{ url, from, want string }{
		{"http://mail.example", from, "scheme"},
		{"smtp://mail.example:0", from, "port"},
		{"smtp://mail.example:x", from, "TANGGAP_SMTP_URL"},
		{"mail.example:25", from, "TANGGAP_SMTP_URL"},
		{"smtp://mail.example", "", "TANGGAP_MAIL_FROM"},
		{"smtp://mail.example", "bukan alamat", "TANGGAP_MAIL_FROM"},
		{"smtp://u:rahasia@mail.example:99999", from, "port"},
	} {
		_, err := mail.ParseConfig(c.url, c.from)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "rahasia") {
			t.Errorf("ParseConfig(%q, %q) = %v, want an error about %s", c.url, c.from, err, c.want)
		}
	}
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }
