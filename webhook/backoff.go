package webhook

import (
	"math/rand/v2"
	"time"
)

// Schedule is the wait before each retry: Schedule[0] after the first failed
// attempt, Schedule[1] after the second, and so on. It is the example schedule
// of the Standard Webhooks specification: ten attempts in all, the last about
// 75 hours and 35 minutes after the first, so a receiver that is down for a
// day and a half or a whole weekend still gets every event.
//
//	attempt  wait before it  time since the first attempt
//	1        -               0
//	2        5 s             0:00:05
//	3        5 min           0:05:05
//	4        30 min          0:35:05
//	5        2 h             2:35:05
//	6        5 h             7:35:05
//	7        10 h            17:35:05
//	8        14 h            31:35:05
//	9        20 h            51:35:05
//	10       24 h            75:35:05
//
// After the tenth failed attempt the delivery is marked failed.
var Schedule = []time.Duration{
	5 * time.Second,
	5 * time.Minute,
	30 * time.Minute,
	2 * time.Hour,
	5 * time.Hour,
	10 * time.Hour,
	14 * time.Hour,
	20 * time.Hour,
	24 * time.Hour,
}

// MaxAttempts is the number of attempts before a delivery is given up.
var MaxAttempts = len(Schedule) + 1

// Backoff returns how long to wait after failedAttempts failed attempts
// (1 after the first), with up to 10 % random jitter added so that retries
// to a recovering receiver do not arrive together, and false when the
// delivery should be given up. A Retry-After from the receiver that is
// longer should be preferred (see Result.RetryAfter).
func Backoff(failedAttempts int) (time.Duration, bool) {
	if failedAttempts < 1 || failedAttempts > len(Schedule) {
		return 0, false
	}
	base := Schedule[failedAttempts-1]
	return base + rand.N(base/10+1), true
}
