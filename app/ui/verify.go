package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"communique/app/sign"
	"communique/app/ui/verdict"
	"communique/app/ui/widgets"
)

// verifyDialog asks for a PDF and shows its verification.
func (c *controller) verifyDialog() {
	start := c.wsParent()
	if dir := c.prefs.ExportDir(); dir != "" {
		start = dir
	}
	c.pickFile([]string{".pdf", ".PDF"}, start, func(p string) { c.verifyFile(p) })
}

// verifyFile checks a PDF's signatures and says what they mean. The check
// runs off the UI thread (a hostile file may take up to a couple of
// seconds); its result comes back through fyne.Do. The returned channel is
// closed once the result is on screen.
func (c *controller) verifyFile(path string) <-chan struct{} {
	done := make(chan struct{})
	data, err := os.ReadFile(path)
	if err != nil {
		c.showError(err)
		close(done)
		return done
	}
	opt := sign.VerifyOptions{}
	if c.ws != nil && c.ws.Config.TrustedCertificates != "" {
		// The organisation's own signers, pinned in communique.toml.
		opt.Pinned, err = sign.LoadCertificates(filepath.Join(c.ws.Dir, c.ws.Config.TrustedCertificates))
		if err != nil {
			c.showError(err)
			close(done)
			return done
		}
	}
	go func() {
		rep, err := sign.VerifyWith(data, opt)
		fyne.Do(func() {
			c.showVerification(path, rep, err)
			close(done)
		})
	}()
	return done
}

func (c *controller) showVerification(path string, rep *sign.Report, err error) {
	var headline string
	var details []string
	imp := widget.DangerImportance
	if err != nil {
		headline = c.tx.T("VerifyNotPDF", "Error", err.Error())
	} else {
		lines := verdict.Describe(c.tx, rep)
		headline, details = lines[0], lines[1:]
		imp = verdict.Importance(rep.Verdict)
	}
	// The verdict stands alone, in its colour; the signatures' facts
	// follow in the ordinary colour. Both may quote right-to-left names.
	head := widgets.NewLabel(headline, c.tx.Lang(), true)
	head.Bold, head.Importance = true, imp
	body := widgets.NewLabel(strings.Join(details, "\n\n"), c.tx.Lang(), true)
	name := widgets.NewLabel(filepath.Base(path), "", false)
	name.Bold = true
	c.verdictLine = head
	d := c.kit.Notice(c.tx.T("VerifyTitle"),
		container.NewBorder(container.NewVBox(name, head, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(body)))
	d.Resize(fyne.NewSize(600, 440))
}
