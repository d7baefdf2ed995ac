package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"communique/app/ui/widgets"
)

// processStart is as close to the process start as Go code gets.
var processStart = time.Now()

// demo opens a screen by name, so scripts can show (and photograph) any
// screen of the real app without a mouse: "editor[:delete=2,add]",
// "workbench:ar[:needs_review][:edit]",
// "preview:ar", "export[:form]", "settings", "new-statement",
// "new-workspace", "shortcuts", "open-folder", "menu[:N]", "verify:FILE".
func (c *controller) demo(mode string) {
	name, arg, _ := strings.Cut(mode, ":")
	if c.ws == nil && !slices.Contains([]string{"settings", "verify", "new-workspace", "open-folder", "menu"}, name) {
		fmt.Fprintln(os.Stderr, "communique: COMMUNIQUE_DEMO: no workspace is open")
		return
	}
	switch name {
	case "editor":
		// editor[:OP,OP…], OP delete=N (paragraph N, as its button
		// does once confirmed) or add (as the "+" under the paragraphs).
		c.showEditor()
		c.demoEdit(arg)
	case "workbench":
		// workbench:LANG[:FILTER], FILTER one of missing, needs_review,
		// translated, qa.
		lang, filter, _ := strings.Cut(arg, ":")
		if lang != "" {
			c.openLanguage(lang)
		}
		c.tabs.Select(c.benchTab)
		// A last ":edit" puts the caret in the first message that needs
		// work, as Ctrl+Enter does.
		filter, edit := strings.CutSuffix(filter, ":edit")
		if filter == "edit" {
			filter, edit = "", true
		}
		if i := slices.Index([]string{"", "missing", "needs_review", "translated", "qa"}, filter); i > 0 {
			c.bench.filter.SetSelectedIndex(i)
		}
		if edit {
			c.bench.focusNext("", true, 1)
		}
	case "preview":
		if arg != "" {
			c.setLanguage(arg)
		}
		if widgets.RightToLeft(c.tx.Lang()) {
			c.work.SetOffset(0.7) // the preview is on the left
		} else {
			c.work.SetOffset(0.3)
		}
	case "export":
		// Export to COMMUNIQUE_DEMO_OUT (or a fresh temporary folder),
		// signing with COMMUNIQUE_IDENTITY and COMMUNIQUE_PASSWORD when set.
		// "export:form" only opens the dialog.
		c.exportDialog()
		if arg == "form" {
			return
		}
		out := os.Getenv("COMMUNIQUE_DEMO_OUT")
		if out == "" {
			var err error
			if out, err = os.MkdirTemp("", "communique-export-"); err != nil {
				c.showError(err)
				return
			}
		}
		x := c.export
		x.Folder.SetText(out)
		// Every language that can be published, stale ones included, so
		// the result shows their warnings too.
		for _, ch := range x.Checks {
			if !ch.Disabled() {
				ch.SetChecked(true)
			}
		}
		if id := os.Getenv("COMMUNIQUE_IDENTITY"); id != "" {
			x.SignIt.SetChecked(true)
			x.Ident.SetText(id)
			x.Pass.SetText(os.Getenv("COMMUNIQUE_PASSWORD"))
		}
		x.Run()
	case "settings":
		c.settingsDialog()
	case "new-statement":
		c.newStatementDialog()
	case "new-workspace":
		c.newWorkspaceDialog()
	case "shortcuts":
		c.shortcutList()
	case "open-folder":
		c.openWorkspaceDialog()
	case "menu":
		c.demoMenu(arg)
	case "verify":
		if p, err := filepath.Abs(arg); err == nil {
			c.verifyFile(p)
		}
	default:
		fmt.Fprintf(os.Stderr, "communique: COMMUNIQUE_DEMO=%q: unknown screen (editor, workbench:LANG, preview:LANG, export, settings, new-statement, new-workspace, shortcuts, open-folder, menu, verify:FILE)\n", mode)
	}
}

// frameProbe is a one-pixel raster in the status line. The GL painter
// calls its generator while painting, so the first call marks the first
// frame that reached the screen.
func (c *controller) frameProbe() fyne.CanvasObject {
	done := false
	r := canvas.NewRasterWithPixels(func(_, _, _, _ int) color.Color {
		if !done {
			done = true
			now := time.Now()
			fmt.Fprintf(os.Stderr, "communique: first frame %d ms after start, %d ms of CPU (unix_ns=%d)\n",
				now.Sub(processStart).Milliseconds(), cpuTime().Milliseconds(), now.UnixNano())
		}
		return color.Transparent
	})
	r.SetMinSize(fyne.NewSize(1, 1))
	return r
}

// demoMenu opens menu N (1 by default) of the bar, as F10 does; where
// the system draws the menu there is no bar to open.
func (c *controller) demoMenu(arg string) {
	n, err := strconv.Atoi(arg)
	if err != nil {
		n = 1
	}
	if c.bar != nil {
		c.bar.Open(n - 1)
	}
}

// demoEdit runs the paragraph operations of an editor demo.
func (c *controller) demoEdit(ops string) {
	for _, op := range strings.Split(ops, ",") {
		name, n, _ := strings.Cut(op, "=")
		switch name {
		case "delete":
			if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(c.st.Paragraphs) {
				c.editor.Remove(i - 1)
			}
		case "add":
			c.editor.Insert(len(c.st.Paragraphs))
		}
	}
}
