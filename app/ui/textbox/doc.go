// Package textbox lays out, draws and edits text with the project's own
// typesetting engine (bidi, shaping, line breaking — the engine of the
// PDF), because Fyne's text widgets draw runs in logical order and
// corrupt text at wrap points. The layout and caret logic (layout.go)
// knows no Fyne and is tested without a display; Edit is the Fyne widget
// built on it.
package textbox
