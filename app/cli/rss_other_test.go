//go:build !unix

package cli

import "os"

// maxRSS is unknown here: the memory limit of the bomb tests is checked on
// Unix, where CI runs.
func maxRSS(*os.ProcessState, string) int64 { return 0 }

const hwmEnv = "COMMUNIQUE_TEST_HWM_FILE"

func reportHWM() {}
