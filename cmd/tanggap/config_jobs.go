package main

import (
	"fmt"
	"strconv"
	"time"
)

// loadJobConfig reads TANGGAP_JOB_WORKERS (jobs one instance runs at once,
// 1–256; 0 keeps the queue's default of 4) and TANGGAP_JOB_RESCUE_AFTER (how
// long a job may run before it is taken for one of a process that died,
// 1m–24h; 0 keeps the default of 10m).
func loadJobConfig(getenv func(string) string, c *Config) error {
	if v := getenv("TANGGAP_JOB_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 256 {
			return fmt.Errorf("TANGGAP_JOB_WORKERS: want 1–256, got %q", v)
		}
		c.JobWorkers = n
	}
	if v := getenv("TANGGAP_JOB_RESCUE_AFTER"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 24*time.Hour {
			return fmt.Errorf("TANGGAP_JOB_RESCUE_AFTER: want a duration between 1m and 24h, got %q", v)
		}
		c.JobRescueAfter = d
	}
	return nil
}
