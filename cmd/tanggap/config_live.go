package main

import (
	"fmt"
	"strconv"
	"time"
)

// loadLiveConfig reads the bounds of the API's live updates (event
// streams): per client address, in total, and the heartbeat interval.
func loadLiveConfig(getenv func(string) string, c *Config) error {
	for _, setting := range []struct {
		key      string
		dst      *int
		min, max int
	}{
		{"TANGGAP_LIVE_MAX_PER_ADDRESS", &c.LiveMaxPerAddress, 1, 1000},
		{"TANGGAP_LIVE_MAX_STREAMS", &c.LiveMaxStreams, 1, 1_000_000},
	} {
		v := getenv(setting.key)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < setting.min || n > setting.max {
			return fmt.Errorf("%s: want a whole number from %d to %d, got %q", setting.key, setting.min, setting.max, v)
		}
		*setting.dst = n
	}
	if v := getenv("TANGGAP_LIVE_HEARTBEAT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 5*time.Minute {
			return fmt.Errorf("TANGGAP_LIVE_HEARTBEAT: want a duration from 1s to 5m such as 20s, got %q", v)
		}
		c.LiveHeartbeat = d
	}
	return nil
}
