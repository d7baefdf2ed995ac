//go:build !unix

package cli

import "os"

// maxRSS is unknown here: the memory limit of the bomb tests is checked on
// Unix, where CI runs.
func maxRSS(*os.ProcessState) int64 { return 0 }
