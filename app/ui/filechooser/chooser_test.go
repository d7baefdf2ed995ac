package filechooser

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"communique/app/ui/widgets"
	"communique/i18n/uitext"
)

func testKit(t *testing.T, lang string) *widgets.Kit {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	w := a.NewWindow("chooser")
	w.Resize(fyne.NewSize(1000, 700))
	return &widgets.Kit{
		Text: func() *uitext.Text { return uitext.New(lang) },
		Win:  func() fyne.Window { return w },
		Now:  time.Now,
	}
}

// key types a key into whatever has the focus, as the window would.
func key(k *widgets.Kit, name fyne.KeyName) {
	cv := k.Win().Canvas()
	if f := cv.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else if h := cv.OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: name})
	}
}

func typeText(k *widgets.Kit, s string) {
	f := k.Win().Canvas().Focused()
	for _, r := range s {
		f.TypedRune(r)
	}
}

// A workspace folder is chosen with the keyboard alone: Down selects
// the first folder, Enter opens it, Enter again chooses the folder shown.
func TestChooseFolderByKeyboard(t *testing.T) {
	dir := mkTree(t, "b-ws/", "a-ws/", "notes.txt")
	k := testKit(t, "en")
	var chosen string
	ch := Show(k, Options{Mode: ChooseFolder, Dir: dir, OnChosen: func(p string) { chosen = p }})
	if got := names(ch.Entries()); len(got) != 2 || got[0] != "a-ws" {
		t.Fatalf("choose-folder lists %q", got)
	}
	if k.Win().Canvas().Focused() != ch.list {
		t.Fatal("the list does not have the keyboard")
	}
	key(k, fyne.KeyDown)
	key(k, fyne.KeyReturn)
	if ch.Dir() != filepath.Join(dir, "a-ws") {
		t.Fatalf("Enter on a-ws shows %s", ch.Dir())
	}
	key(k, fyne.KeyBackspace)
	if e, ok := ch.Selected(); ch.Dir() != dir || !ok || e.Name != "a-ws" {
		t.Fatalf("Backspace: shows %s, selected %v", ch.Dir(), e)
	}
	key(k, fyne.KeyDown)
	key(k, fyne.KeyUp)
	key(k, fyne.KeyReturn)
	key(k, fyne.KeyReturn)
	if chosen != filepath.Join(dir, "a-ws") {
		t.Errorf("chose %q", chosen)
	}
	if k.Win().Canvas().Overlays().Top() != nil {
		t.Error("the chooser is still open")
	}
}

// A path typed into the path field and Enter opens that folder; "~"
// is home; a path that does not exist is an error in the dialog, not a
// panic; Escape cancels without choosing.
func TestTypedPath(t *testing.T) {
	dir := mkTree(t, "sub/", "sub/deeper/")
	k := testKit(t, "fr")
	chosen := false
	ch := Show(k, Options{Mode: ChooseFolder, Dir: dir, OnChosen: func(string) { chosen = true }})
	ch.list.TypedShortcut(shortcutPath)
	if k.Win().Canvas().Focused() != ch.path {
		t.Fatal("Ctrl+L did not focus the path field")
	}
	typeText(k, filepath.Join(dir, "sub", "deeper"))
	key(k, fyne.KeyReturn)
	if ch.Dir() != filepath.Join(dir, "sub", "deeper") || k.Win().Canvas().Focused() != ch.list {
		t.Fatalf("typed path: shows %s", ch.Dir())
	}
	ch.FocusPath()
	typeText(k, "nulle-part")
	key(k, fyne.KeyEnter)
	want := uitext.New("fr").T("FileNotFound", "Path", filepath.Join(dir, "sub", "deeper", "nulle-part"))
	if ch.Problem() != want {
		t.Errorf("problem %q, want %q", ch.Problem(), want)
	}
	key(k, fyne.KeyEscape)
	if chosen || k.Win().Canvas().Overlays().Top() != nil {
		t.Error("Escape chose or left the chooser open")
	}
}

// Opening a file: the filter keeps the wanted extensions (any case),
// can be switched to all files, letters jump to a name, and Enter on a
// file chooses it.
func TestOpenFileWithFilter(t *testing.T) {
	dir := mkTree(t, "certs/", "me.P12", "other.pem", "readme.txt")
	k := testKit(t, "en")
	var chosen string
	ch := Show(k, Options{Mode: OpenFile, Dir: dir, Exts: []string{".p12", ".pem"}, OnChosen: func(p string) { chosen = p }})
	if got := names(ch.Entries()); len(got) != 3 {
		t.Fatalf("filtered listing %q", got)
	}
	ch.filter.SetSelectedIndex(1)
	if got := names(ch.Entries()); len(got) != 4 {
		t.Fatalf("all files: %q", got)
	}
	key(k, fyne.KeyReturn)
	if chosen != "" || ch.Problem() == "" {
		t.Fatal("Enter with nothing selected chose something or said nothing")
	}
	typeText(k, "ot")
	if e, _ := ch.Selected(); e.Name != "other.pem" {
		t.Fatalf("typing \"ot\" selected %q", e.Name)
	}
	key(k, fyne.KeyReturn)
	if chosen != filepath.Join(dir, "other.pem") {
		t.Errorf("chose %q", chosen)
	}
}

// Saving over an existing file asks first: No keeps the dialog, Yes
// chooses; a new name is chosen at once with the extension added; a bad
// name is refused.
func TestSaveConfirmsOverwrite(t *testing.T) {
	dir := mkTree(t, "old.pdf")
	k := testKit(t, "ar")
	var chosen []string
	ch := Show(k, Options{Mode: SaveFile, Dir: dir, Name: "old", Exts: []string{".pdf"}, OnChosen: func(p string) { chosen = append(chosen, p) }})
	key(k, fyne.KeyReturn) // in the list: nothing selected, saves
	if len(chosen) != 0 {
		t.Fatal("an existing file was replaced without asking")
	}
	key(k, fyne.KeyEscape) // the question: no
	if len(chosen) != 0 || ch.Dir() != dir {
		t.Fatal("answering no replaced the file")
	}
	ch.Confirm()
	key(k, fyne.KeyReturn) // the question: yes
	if len(chosen) != 1 || chosen[0] != filepath.Join(dir, "old.pdf") {
		t.Fatalf("chosen %q", chosen)
	}
	ch = Show(k, Options{Mode: SaveFile, Dir: dir, Exts: []string{".pdf"}, OnChosen: func(p string) { chosen = append(chosen, p) }})
	ch.name.SetText("../x")
	k.Win().Canvas().Focus(ch.name)
	key(k, fyne.KeyReturn)
	if len(chosen) != 1 || ch.Problem() == "" {
		t.Fatalf("a name with a separator was taken: %q", chosen)
	}
	ch.name.SetText("بيان")
	key(k, fyne.KeyReturn)
	if len(chosen) != 2 || chosen[1] != filepath.Join(dir, "بيان.pdf") {
		t.Errorf("new name chosen as %q", chosen)
	}
}

// A folder that cannot be read shows why and the chooser still works.
func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads every folder: use one that is not there instead.
		k := testKit(t, "en")
		ch := Show(k, Options{Mode: ChooseFolder})
		ch.Open(filepath.Join(t.TempDir(), "gone"))
		if ch.Problem() == "" || len(ch.Entries()) != 0 {
			t.Fatalf("a missing folder shows %q, %d entries", ch.Problem(), len(ch.Entries()))
		}
		key(k, fyne.KeyBackspace)
		if ch.Problem() != "" {
			t.Errorf("the parent still shows %q", ch.Problem())
		}
		return
	}
	locked := mkTree(t, "x/")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	k := testKit(t, "en")
	ch := Show(k, Options{Mode: ChooseFolder, Dir: locked})
	if ch.Problem() == "" {
		t.Error("an unreadable folder says nothing")
	}
}

// In the Arabic interface the chooser speaks Arabic and is mirrored: the
// places column is at the right of the list, the confirming button at
// the left of Cancel.
func TestArabicChooserIsMirrored(t *testing.T) {
	dir := mkTree(t, "مجلد/", "dossier/")
	k := testKit(t, "ar")
	ch := Show(k, Options{Mode: ChooseFolder, Dir: dir, Places: []Place{{"المجلد الشخصي", dir}}})
	k.Win().Resize(fyne.NewSize(1000, 700))
	listX := absX(ch.list)
	var placeX float32 = -1
	var confirmX, cancelX float32 = -1, -1
	walk(ch.modal.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.TapButton); ok {
			switch b.Caption() {
			case "المجلد الشخصي":
				placeX = absX(b)
			case uitext.New("ar").T("FileChooseFolder"):
				confirmX = absX(b)
			case uitext.New("ar").T("Cancel"):
				cancelX = absX(b)
			}
		}
	})
	if placeX <= listX {
		t.Errorf("places at x=%.0f, list at x=%.0f: not mirrored", placeX, listX)
	}
	if confirmX < 0 || cancelX < 0 || confirmX >= cancelX {
		t.Errorf("confirm at %.0f, cancel at %.0f", confirmX, cancelX)
	}
}

func absX(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		if _, isList := v.(*entryList); isList {
			return
		}
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, f)
		}
	}
}
