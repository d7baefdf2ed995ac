//go:build unix

package cli

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// hwmEnv names a file the child process writes its own peak resident memory
// to. On Linux the rusage of a child started with vfork+exec (as os/exec
// does) starts from the parent's high-water mark, so a large test process
// would be charged to a small child; the child's /proc/self/status VmHWM
// counts its own address space only.
const hwmEnv = "COMMUNIQUE_TEST_HWM_FILE"

// reportHWM writes this process's VmHWM (bytes) to the file named by hwmEnv.
func reportHWM() {
	path := os.Getenv(hwmEnv)
	if path == "" {
		return
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				os.WriteFile(path, []byte(strconv.FormatInt(kb*1024, 10)), 0o600)
			}
			return
		}
	}
}

// maxRSS is the peak resident memory of a finished process, in bytes: the
// child's own report where it made one (Linux), else its rusage.
func maxRSS(ps *os.ProcessState, hwmFile string) int64 {
	if data, err := os.ReadFile(hwmFile); err == nil {
		if n, err := strconv.ParseInt(string(data), 10, 64); err == nil {
			return n
		}
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes there, kilobytes elsewhere
	}
	return int64(ru.Maxrss) * 1024
}
