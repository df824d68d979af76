package server

import (
	"log/slog"
	"net/http"
	"time"
)

// drain marks the server as leaving and keeps it answering for
// ShutdownDelay. A load balancer polling /readyz stops sending requests in
// that time, and a client that still sends one is served and told to close
// the connection, so that none is left holding a kept-alive connection that
// the server would close under a request it is sending. It returns early
// with the error of a server that stopped on its own.
func (s *Server) drain(errc <-chan error) error {
	s.draining.Store(true)
	if s.cfg.ShutdownDelay <= 0 {
		return nil
	}
	slog.Info("draining", "delay", s.cfg.ShutdownDelay.String())
	timer := time.NewTimer(s.cfg.ShutdownDelay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case err := <-errc:
		return err
	}
}

// closeWhenDraining asks the client to close the connection after this
// response once the server is draining.
func (s *Server) closeWhenDraining(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.draining.Load() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
}
