package server

import (
	"net/http"
	"strconv"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
)

// httpStatus is the status of an answer that failed with a domain code.
var httpStatus = map[string]int{
	models.EUNAUTHENTICATED: http.StatusUnauthorized,
	models.EFORBIDDEN:       http.StatusForbidden,
	models.EINVALID:         http.StatusBadRequest,
	models.ENOTFOUND:        http.StatusNotFound,
	models.ECONFLICT:        http.StatusConflict,
	models.ERATELIMITED:     http.StatusTooManyRequests,
	models.EUNAVAILABLE:     http.StatusServiceUnavailable,
	models.EINTERNAL:        http.StatusInternalServerError,
}

// writeError answers a request that failed with err, on every route
// outside GraphQL: CSV exports, feeds, the sitemap, open data, pages, the
// session endpoints and the token check. The status follows the error's
// code; the body is the envelope of a GraphQL error, with the message and
// extensions graph.PublicError gives the same error on the API, so a client
// reads the same codes and the same Indonesian messages everywhere. An
// internal error is masked there and logged with the request id.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	message, extensions := graph.PublicError(r.Context(), err, "route", r.URL.Path)
	code, _ := extensions["code"].(string)
	status, ok := httpStatus[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch code {
	case models.EUNAUTHENTICATED:
		w.Header().Set("WWW-Authenticate", `Bearer realm="tanggap"`)
	case models.ERATELIMITED, models.EUNAVAILABLE:
		if seconds, _ := extensions["retryAfter"].(int); seconds > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(seconds))
		}
	}
	writeJSON(w, status, graph.ErrorEnvelope(message, extensions))
}

// writeRequestError refuses a request for a reason of the protocol that no
// domain code names (a method the route does not answer), in the same
// envelope as writeError.
func writeRequestError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, graph.ErrorEnvelope(message, map[string]any{"code": code}))
}

// notFound answers a path that names nothing.
func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, models.Errorf(models.ENOTFOUND, "Halaman tidak ditemukan."))
}

// unauthorized refuses a request whose bearer token is missing where one is
// needed, malformed, expired or revoked.
func unauthorized(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, models.Errorf(models.EUNAUTHENTICATED, "Sesi tidak valid atau sudah berakhir. Silakan masuk kembali."))
}

// unavailable answers a request whose token could not be checked because
// the database did not answer: the client should keep its token and retry.
func unavailable(w http.ResponseWriter, r *http.Request) {
	writeError(w, r, errUnavailable)
}

// errUnavailable is the error of a request refused because the database
// did not answer; a database restart takes a few seconds.
var errUnavailable = &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 5,
	Message: "Layanan sedang tidak dapat memeriksa sesi Anda. Coba lagi sebentar lagi; Anda tidak perlu masuk ulang."}
