//go:build unix

package ui

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used so far (user and
// system), which unlike wall time does not grow when other programs load
// the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
