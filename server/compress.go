package server

import (
	"bufio"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// minCompressBytes is the smallest body worth compressing: below it the
// encoding's framing and the CPU cost outweigh the bytes saved.
const minCompressBytes = 1024

// compressible are the media types worth compressing. Images other than
// SVG, archives and fonts in WOFF2 are compressed already.
var compressible = map[string]bool{
	"application/json": true, "application/graphql-response+json": true, "application/atom+xml": true,
	"application/feed+json": true, "application/ld+json": true, "application/xml": true, "text/xml": true,
	"application/javascript": true, "text/javascript": true, "text/html": true, "text/css": true,
	"text/csv": true, "text/plain": true, "image/svg+xml": true, "application/jsonl": true,
	"application/x-ndjson": true, "application/manifest+json": true,
}

// compress negotiates brotli or gzip from Accept-Encoding for text bodies of
// at least minCompressBytes. A strong ETag gets the encoding appended, since
// the encoded bytes are a different representation; conditional requests
// compare without it (see etagMatches).
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		encoding := negotiateEncoding(r.Header.Get("Accept-Encoding"))
		if encoding == "" || r.Method == http.MethodHead || r.Header.Get("Range") != "" || isEventStream(r) {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, encoding: encoding}
		defer cw.Close()
		next.ServeHTTP(cw, r)
	})
}

// negotiateEncoding picks br, then gzip, among the codings the client
// accepts with a non-zero quality.
func negotiateEncoding(header string) string {
	accepted := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		if q > 0 {
			accepted[name] = true
		}
	}
	switch {
	case accepted["br"]:
		return "br"
	case accepted["gzip"], accepted["x-gzip"]:
		return "gzip"
	}
	return ""
}

// compressWriter holds the first bytes of a body until it knows whether to
// compress it: the status and headers are written with the decision.
type compressWriter struct {
	http.ResponseWriter
	encoding string

	status  int
	buf     []byte
	decided bool
	encoder io.WriteCloser // nil: passing through
}

func (c *compressWriter) WriteHeader(status int) {
	if c.decided || c.status != 0 {
		return
	}
	if status < 200 || status == http.StatusNoContent || status == http.StatusNotModified {
		// Nothing to compress; informational answers go out as they are.
		c.decide(false)
		c.ResponseWriter.WriteHeader(status)
		return
	}
	c.status = status
}

func (c *compressWriter) Write(p []byte) (int, error) {
	if !c.decided {
		if c.status == 0 {
			c.status = http.StatusOK
		}
		c.buf = append(c.buf, p...)
		if len(c.buf) < minCompressBytes {
			return len(p), nil
		}
		if err := c.start(c.wanted()); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if c.encoder != nil {
		return c.encoder.Write(p)
	}
	return c.ResponseWriter.Write(p)
}

// wanted reports whether the response should be compressed.
func (c *compressWriter) wanted() bool {
	h := c.Header()
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" || strings.Contains(h.Get("Cache-Control"), "no-transform") {
		return false
	}
	mediaType, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mediaType = http.DetectContentType(c.buf)
		mediaType, _, _ = strings.Cut(mediaType, ";")
	}
	return compressible[mediaType]
}

// start writes the header with the decision and the bytes held so far.
func (c *compressWriter) start(encode bool) error {
	c.decide(encode)
	c.ResponseWriter.WriteHeader(c.status)
	held := c.buf
	c.buf = nil
	if len(held) == 0 {
		return nil
	}
	var err error
	if c.encoder != nil {
		_, err = c.encoder.Write(held)
	} else {
		_, err = c.ResponseWriter.Write(held)
	}
	return err
}

func (c *compressWriter) decide(encode bool) {
	c.decided = true
	if !encode {
		return
	}
	h := c.Header()
	h.Set("Content-Encoding", c.encoding)
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	if etag := h.Get("ETag"); strings.HasPrefix(etag, `"`) && strings.HasSuffix(etag, `"`) {
		h.Set("ETag", strings.TrimSuffix(etag, `"`)+"-"+c.encoding+`"`)
	}
	switch c.encoding {
	case "br":
		bw := brotliPool.Get().(*brotli.Writer)
		bw.Reset(c.ResponseWriter)
		c.encoder = pooled{bw, func() { brotliPool.Put(bw) }}
	default:
		gw := gzipPool.Get().(*gzip.Writer)
		gw.Reset(c.ResponseWriter)
		c.encoder = pooled{gw, func() { gzipPool.Put(gw) }}
	}
}

// Flush sends what is held so far; a streamed body (CSV) is then
// compressed as it goes.
func (c *compressWriter) Flush() {
	if !c.decided && c.status != 0 {
		c.start(len(c.buf) >= minCompressBytes && c.wanted()) //nolint:errcheck // the client went away
	}
	if f, ok := c.encoder.(interface{ Flush() error }); ok {
		f.Flush() //nolint:errcheck // the client went away
	}
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Close finishes the body: a small one goes out as it is.
func (c *compressWriter) Close() {
	if !c.decided {
		if c.status == 0 {
			return // nothing written: net/http sends its own empty 200
		}
		if len(c.buf) >= minCompressBytes {
			c.start(c.wanted()) //nolint:errcheck // the client went away
		} else {
			if len(c.buf) > 0 {
				c.Header().Set("Content-Length", strconv.Itoa(len(c.buf)))
			}
			c.start(false) //nolint:errcheck // the client went away
		}
	}
	if c.encoder != nil {
		c.encoder.Close() //nolint:errcheck // the client went away
		c.encoder = nil
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// Hijack is passed through for protocol upgrades, which are never
// compressed.
func (c *compressWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(c.ResponseWriter).Hijack()
}

type pooled struct {
	w interface {
		io.WriteCloser
		Flush() error
	}
	release func()
}

func (p pooled) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pooled) Flush() error                { return p.w.Flush() }
func (p pooled) Close() error {
	err := p.w.Close()
	p.release()
	return err
}

// Brotli quality 5 and gzip's default level compress text well at a cost a
// request can afford; the writers' buffers are reused.
var (
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, 5) }}
	gzipPool   = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return w }}
)
