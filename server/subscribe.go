package server

import (
	"bytes"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/kotabaru/tanggap/models"
)

// The pages of a subscription's links: confirming one and stopping, both
// server-rendered so that they work without JavaScript, and the one-click
// stop of RFC 8058 that mail programs POST to.

var subscribePage = template.Must(template.ParseFS(templateFiles, "templates/subscribe.html"))

// subscribeView is what the subscription page shows.
type subscribeView struct {
	Title, Heading string
	Paragraphs     []string
	Target         *subscribeLink
	// StopAction, when set, shows the stop form posting there.
	StopAction string
	Home       string
}

type subscribeLink struct{ Link, Text string }

// subscribeRoutes adds the confirmation and stop pages to mux.
func (s *Server) subscribeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /langganan/{token}", s.confirmSubscriptionPage)
	mux.HandleFunc("GET /langganan/berhenti/{token}", s.stopSubscriptionPage)
	mux.HandleFunc("POST /langganan/berhenti/{token}", s.stopSubscription)
}

// confirmSubscriptionPage follows a confirmation link.
func (s *Server) confirmSubscriptionPage(w http.ResponseWriter, r *http.Request) {
	subs := s.cfg.Services.Subscriptions
	if subs == nil {
		s.renderSubscribe(w, http.StatusNotFound, unknownLinkView())
		return
	}
	result, err := subs.ConfirmSubscription(r.Context(), r.PathValue("token"))
	switch {
	case models.ErrorCode(err) == models.ENOTFOUND:
		s.renderSubscribe(w, http.StatusNotFound, subscribeView{
			Title: "Tautan tidak berlaku", Heading: "Tautan konfirmasi tidak berlaku",
			Paragraphs: []string{
				"Tautan ini tidak kami kenali atau sudah kedaluwarsa (tautan konfirmasi berlaku tujuh hari).",
				"Jika Anda masih ingin menerima pemberitahuan, silakan daftar ulang melalui tombol “Ikuti” di portal.",
			},
		})
	case err != nil:
		s.subscribeFailed(w, r, err)
	default:
		s.renderSubscribe(w, http.StatusOK, subscribeView{
			Title: "Langganan aktif", Heading: "Langganan Anda sudah aktif",
			Paragraphs: []string{
				"Terima kasih. Mulai sekarang kami mengirim surel kepada Anda tentang " + describeFollow(result) + ".",
				"Kami mengirim paling banyak satu surel per jam. Setiap surel memuat tautan untuk berhenti berlangganan kapan saja; alamat surel Anda tidak pernah ditampilkan kepada publik.",
			},
			Target: s.followLink(result),
		})
	}
}

// describeFollow says in Indonesian what a subscription follows.
func describeFollow(r *models.SubscribeResult) string {
	switch r.Target {
	case models.FollowIssue:
		return "isu " + r.Value + " “" + r.Label + "”: saat dijawab dan saat jawabannya diperbarui"
	case models.FollowAgency:
		return "jawaban baru dari " + r.Label
	default:
		return "isu baru yang sudah dijawab dan cocok dengan pencarian “" + r.Label + "”, dalam ringkasan per jam"
	}
}

// followLink links to what a subscription follows.
func (s *Server) followLink(r *models.SubscribeResult) *subscribeLink {
	switch r.Target {
	case models.FollowIssue:
		return &subscribeLink{Link: s.cfg.PublicURL + "/isu/" + url.PathEscape(r.Value), Text: "Buka isu " + r.Value}
	case models.FollowAgency:
		return &subscribeLink{Link: s.cfg.PublicURL + "/instansi/" + url.PathEscape(r.Value), Text: "Lihat jawaban " + r.Label}
	default:
		return &subscribeLink{Link: s.cfg.PublicURL + "/?q=" + url.QueryEscape(r.Value), Text: "Lihat hasil pencarian"}
	}
}

// stopSubscriptionPage shows the stop button of a stop link: following a
// link must not stop anything by itself, since mail scanners open links.
func (s *Server) stopSubscriptionPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if token == "" || len(token) > 128 {
		s.renderSubscribe(w, http.StatusNotFound, unknownLinkView())
		return
	}
	s.renderSubscribe(w, http.StatusOK, subscribeView{
		Title: "Berhenti berlangganan", Heading: "Berhenti menerima surel?",
		Paragraphs: []string{
			"Tekan tombol di bawah untuk berhenti menerima surel pemberitahuan dari Tanggap.",
			"Jika surel itu tentang isu, instansi atau pencarian yang Anda ikuti, semua langganan alamat surel Anda berhenti dan alamatnya kami hapus. Jika surel itu tentang pertanyaan Anda, kabar pertanyaan itu yang berhenti.",
		},
		StopAction: "/langganan/berhenti/" + url.PathEscape(token),
	})
}

// stopSubscription stops the subscriptions (or a question's mail) of a stop
// token. Mail programs POST "List-Unsubscribe=One-Click" here (RFC 8058);
// the stop page's form posts the same. No login, no JavaScript.
func (s *Server) stopSubscription(w http.ResponseWriter, r *http.Request) {
	// The body says nothing the token does not: read a little of it so the
	// connection can be reused, and ignore it.
	io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, 4<<10)) //nolint:errcheck // the body is ignored
	subs := s.cfg.Services.Subscriptions
	if subs == nil {
		s.renderSubscribe(w, http.StatusNotFound, unknownLinkView())
		return
	}
	stopped, err := subs.Unsubscribe(r.Context(), r.PathValue("token"))
	switch {
	case err != nil:
		s.subscribeFailed(w, r, err)
	case !stopped:
		s.renderSubscribe(w, http.StatusNotFound, unknownLinkView())
	default:
		s.renderSubscribe(w, http.StatusOK, subscribeView{
			Title: "Berhenti berlangganan", Heading: "Anda sudah berhenti berlangganan",
			Paragraphs: []string{
				"Kami tidak akan mengirim surel pemberitahuan lagi ke alamat ini, dan alamat surel langganan Anda sudah kami hapus.",
				"Anda dapat berlangganan lagi kapan saja melalui tombol “Ikuti” di portal.",
			},
		})
	}
}

func unknownLinkView() subscribeView {
	return subscribeView{
		Title: "Tautan tidak dikenal", Heading: "Tautan tidak dikenal",
		Paragraphs: []string{
			"Tautan ini tidak kami kenali. Mungkin langganan sudah dihentikan sebelumnya, atau tautannya terpotong saat disalin.",
			"Pastikan Anda membuka tautan lengkap dari surel kami.",
		},
	}
}

// subscribeFailed answers an error of the store with a page; internal
// errors are logged with the request id and masked.
func (s *Server) subscribeFailed(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	message := "Terjadi kesalahan di server. Silakan coba lagi sebentar lagi."
	switch models.ErrorCode(err) {
	case models.EUNAVAILABLE:
		status, message = http.StatusServiceUnavailable, models.ErrorMessage(err)
	default:
		slog.ErrorContext(r.Context(), "subscription link failed", "request_id", w.Header().Get("X-Request-ID"), "error", err)
	}
	s.renderSubscribe(w, status, subscribeView{Title: "Terjadi kesalahan", Heading: "Terjadi kesalahan", Paragraphs: []string{message}})
}

func (s *Server) renderSubscribe(w http.ResponseWriter, status int, view subscribeView) {
	view.Home = s.cfg.PublicURL
	var page bytes.Buffer
	if err := subscribePage.Execute(&page, view); err != nil {
		http.Error(w, "Terjadi kesalahan di server.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(page.Bytes()) //nolint:errcheck // the client went away
}
