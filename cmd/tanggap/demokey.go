package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotabaru/tanggap/auth"
)

// demoKeyFile is the name of the demo's signing key in the data folder.
const demoKeyFile = "demo-signing-key"

// demoSecret returns the signing key of `serve --demo`: the one kept in the
// data folder, or a new one written there (readable by its owner only), so
// that restarting the demo keeps staff signed in. A key file that others
// may read is refused rather than used.
func demoSecret(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, demoKeyFile)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder for the demo signing key: %w", err)
	}
	for range 2 {
		info, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			key, err := writeDemoSecret(path)
			if errors.Is(err, fs.ErrExist) {
				continue // another process wrote it first: read theirs
			}
			return key, err
		case err != nil:
			return nil, fmt.Errorf("demo signing key: %w", err)
		case info.Mode().Perm()&0o077 != 0:
			return nil, fmt.Errorf("demo signing key %s can be read by other users (mode %v): run `chmod 600 %s`", path, info.Mode().Perm(), path)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("demo signing key: %w", err)
		}
		key := []byte(strings.TrimSpace(string(raw)))
		if len(key) < auth.MinSecretBytes {
			return nil, fmt.Errorf("demo signing key %s is shorter than %d bytes: delete it to make a new one", path, auth.MinSecretBytes)
		}
		return key, nil
	}
	return nil, errors.New("demo signing key: the file keeps appearing and disappearing")
}

// writeDemoSecret creates the key file with a new random key; it fails with
// fs.ErrExist when the file appeared meanwhile.
func writeDemoSecret(path string) ([]byte, error) {
	raw := make([]byte, 48)
	_, _ = rand.Read(raw) // never fails: it aborts the program instead
	key := []byte(base64.RawURLEncoding.EncodeToString(raw))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(append(key, '\n')); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("write demo signing key: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("write demo signing key: %w", err)
	}
	return key, nil
}
