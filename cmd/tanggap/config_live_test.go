package main

import (
	"testing"
	"time"
)

func TestLiveConfig(t *testing.T) {
	vars := map[string]string{
		"TANGGAP_LIVE_MAX_PER_ADDRESS": "3",
		"TANGGAP_LIVE_MAX_STREAMS":     "50",
		"TANGGAP_LIVE_HEARTBEAT":       "15s",
	}
	c, err := loadConfig(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.LiveMaxPerAddress != 3 || c.LiveMaxStreams != 50 || c.LiveHeartbeat != 15*time.Second {
		t.Errorf("live settings: %d, %d, %s", c.LiveMaxPerAddress, c.LiveMaxStreams, c.LiveHeartbeat)
	}
	if m := c.Masked(); m["live_max_per_address"] != 3 || m["live_heartbeat"] != "15s" {
		t.Errorf("the logged configuration lacks the live settings: %v", m)
	}
}
