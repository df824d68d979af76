package graph

import (
	"bytes"
	"encoding/json"
	"strings"
)

// failure is what went wrong with a request before any operation ran, as
// far as the status code of the answer depends on it.
type failure int

const (
	failureNone failure = iota
	// failurePersistedQueryNotFound: a hash the server does not know yet.
	failurePersistedQueryNotFound
	// failureNoQuery: neither a query nor a known persisted hash.
	failureNoQuery
	// failureUndecodable: the body is not a JSON request object.
	failureUndecodable
)

// requestFailure reads the errors of a buffered response, which gqlgen
// writes first, and classifies a request failure.
func requestFailure(body []byte) failure {
	if !bytes.HasPrefix(body, []byte(`{"errors":`)) {
		return failureNone
	}
	var resp struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &resp) != nil || len(resp.Errors) != 1 {
		return failureNone
	}
	e := resp.Errors[0]
	switch {
	case e.Extensions.Code == "PERSISTED_QUERY_NOT_FOUND":
		return failurePersistedQueryNotFound
	case e.Message == "no operation provided":
		return failureNoQuery
	case strings.HasPrefix(e.Message, "json request body could not be decoded"):
		return failureUndecodable
	}
	return failureNone
}

// requestErrorBody is the body of a request error without data.
func requestErrorBody(code, message string) []byte {
	b, _ := json.Marshal(ErrorEnvelope(message, map[string]any{"code": code}))
	return b
}
