// Package fonts finds the typefaces installed on the machine and chooses,
// for each language, the family its statements are set in: the bundled Noto
// fonts for the scripts of the sample, system fonts (Noto Hebrew,
// Devanagari, CJK…) for the others, or the family a workspace names for the
// language. It reads font files only as far as their table directory and
// name table, without fontconfig, so it works the same on Linux, Windows
// and macOS; a face of a collection (.ttc) is cut out as a standalone font.
package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode/utf16"
)

// Face is one font face found on the machine.
type Face struct {
	Family string // typographic family, e.g. "Noto Sans CJK SC"
	Style  string // subfamily, e.g. "Regular", "Bold"
	Path   string
	Index  int // face index in a collection; 0 for a single font
}

// Bold reports whether the face is the family's bold weight.
func (f Face) Bold() bool { return strings.EqualFold(f.Style, "Bold") }

// Regular reports whether the face is the family's upright book weight.
func (f Face) Regular() bool {
	switch strings.ToLower(f.Style) {
	case "regular", "book", "normal", "roman", "":
		return true
	}
	return false
}

// SystemDirs returns the folders fonts are installed in on this operating
// system, as fontconfig (Linux), Windows and macOS define them; folders
// that do not exist are included, Scan skips them.
func SystemDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		dirs := []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
		if l := os.Getenv("LOCALAPPDATA"); l != "" {
			dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts", filepath.Join(home, "Library", "Fonts")}
	}
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" && home != "" {
		data = filepath.Join(home, ".local", "share")
	}
	dirs := []string{filepath.Join(data, "fonts"), filepath.Join(home, ".fonts")}
	shared := os.Getenv("XDG_DATA_DIRS")
	if shared == "" {
		shared = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(shared) {
		dirs = append(dirs, filepath.Join(d, "fonts"))
	}
	return dirs
}

// Scan lists the faces of every TrueType/OpenType font file (.ttf, .otf,
// .ttc, .otc) under dirs. Files that cannot be read or are not fonts are
// skipped: a system font folder holds whatever its packages put there.
func Scan(dirs []string) []Face {
	var out []Face
	seen := map[string]bool{}
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() || seen[path] {
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".otf", ".ttc", ".otc":
			default:
				return nil
			}
			seen[path] = true
			out = append(out, scanFile(path)...)
			return nil
		})
	}
	slices.SortFunc(out, func(a, b Face) int {
		return strings.Compare(a.Path+"\x00"+a.Style, b.Path+"\x00"+b.Style)
	})
	return out
}

func scanFile(path string) []Face {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	offsets, err := faceOffsets(f)
	if err != nil {
		return nil
	}
	var out []Face
	for i, off := range offsets {
		fam, style, err := names(f, off)
		if err == nil && fam != "" {
			out = append(out, Face{Family: fam, Style: style, Path: path, Index: i})
		}
	}
	return out
}

// faceOffsets returns where each face's table directory starts: one for a
// font file, several for a collection.
func faceOffsets(r io.ReaderAt) ([]int64, error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, err
	}
	be := binary.BigEndian
	switch string(hdr[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
		return []int64{0}, nil
	case "ttcf":
		n := be.Uint32(hdr[8:])
		if n == 0 || n > 1024 {
			return nil, fmt.Errorf("collection claims %d faces", n)
		}
		buf := make([]byte, 4*n)
		if _, err := r.ReadAt(buf, 12); err != nil {
			return nil, err
		}
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(be.Uint32(buf[4*i:]))
		}
		return out, nil
	}
	return nil, errors.New("not a TrueType or OpenType font")
}

type tableRecord struct {
	tag         string
	off, length uint32
}

// directory reads the table directory of the face at off.
func directory(r io.ReaderAt, off int64) ([]tableRecord, error) {
	var hdr [12]byte
	if _, err := r.ReadAt(hdr[:], off); err != nil {
		return nil, err
	}
	n := int(binary.BigEndian.Uint16(hdr[4:]))
	if n > 512 {
		return nil, fmt.Errorf("font claims %d tables", n)
	}
	buf := make([]byte, 16*n)
	if _, err := r.ReadAt(buf, off+12); err != nil {
		return nil, err
	}
	recs := make([]tableRecord, n)
	for i := range recs {
		b := buf[16*i:]
		recs[i] = tableRecord{string(b[:4]), binary.BigEndian.Uint32(b[8:]), binary.BigEndian.Uint32(b[12:])}
	}
	return recs, nil
}

// names returns a face's family and subfamily: the typographic names (IDs
// 16, 17) when present, else the legacy ones (1, 2), preferring Windows
// Unicode strings in English.
func names(r io.ReaderAt, off int64) (family, style string, err error) {
	recs, err := directory(r, off)
	if err != nil {
		return "", "", err
	}
	i := slices.IndexFunc(recs, func(t tableRecord) bool { return t.tag == "name" })
	if i < 0 || recs[i].length > 1<<20 {
		return "", "", errors.New("no usable name table")
	}
	tab := make([]byte, recs[i].length)
	if _, err := r.ReadAt(tab, int64(recs[i].off)); err != nil {
		return "", "", err
	}
	found := parseNames(tab)
	family, style = found[16], found[17]
	if family == "" {
		family, style = found[1], found[2]
	}
	if style == "" {
		style = found[2]
	}
	return family, style, nil
}

// parseNames returns the name strings by ID, for IDs 1, 2, 16 and 17.
func parseNames(tab []byte) map[uint16]string {
	be := binary.BigEndian
	out := map[uint16]string{}
	rank := map[uint16]int{}
	if len(tab) < 6 {
		return out
	}
	count, strOff := int(be.Uint16(tab[2:])), int(be.Uint16(tab[4:]))
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(tab) {
			break
		}
		platform, enc, lang, id := be.Uint16(tab[rec:]), be.Uint16(tab[rec+2:]), be.Uint16(tab[rec+4:]), be.Uint16(tab[rec+6:])
		length, at := int(be.Uint16(tab[rec+8:])), strOff+int(be.Uint16(tab[rec+10:]))
		if id != 1 && id != 2 && id != 16 && id != 17 || at+length > len(tab) {
			continue
		}
		raw := tab[at : at+length]
		var s string
		r := 0
		switch {
		case platform == 3 && (enc == 1 || enc == 10):
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = be.Uint16(raw[2*j:])
			}
			s, r = string(utf16.Decode(u)), 2
			if lang == 0x409 {
				r = 3
			}
		case platform == 1 && enc == 0:
			s, r = string(raw), 1 // Mac Roman; family names are ASCII in practice
		default:
			continue
		}
		if r > rank[id] {
			out[id], rank[id] = s, r
		}
	}
	return out
}

// Load reads a face as a standalone font file: the file itself, or the
// face cut out of a collection with its tables copied after a directory of
// its own. A face is read table by table from the collection: a CJK
// collection is 19 MB, and reading it whole only to copy 16 MB out of it
// cost a first Chinese export a third of its time.
func Load(f Face) ([]byte, error) {
	file, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	var tag [4]byte
	if n, _ := file.ReadAt(tag[:], 0); n < 4 || string(tag[:]) != "ttcf" {
		data, err := io.ReadAll(io.NewSectionReader(file, 0, info.Size()))
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", f.Path, err)
		}
		return data, nil
	}
	out, err := cutFace(file, info.Size(), f.Index)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s face %d: %w", f.Path, f.Index, err)
	}
	return out, nil
}

// cutFace extracts face index of a collection of size bytes as a font
// file.
func cutFace(r io.ReaderAt, size int64, index int) ([]byte, error) {
	offsets, err := faceOffsets(r)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(offsets) {
		return nil, fmt.Errorf("the collection has %d faces", len(offsets))
	}
	off := offsets[index]
	if off < 0 || off+12 > size {
		return nil, errors.New("face offset out of bounds")
	}
	recs, err := directory(r, off)
	if err != nil {
		return nil, err
	}
	be := binary.BigEndian
	total := int64(12 + 16*len(recs))
	for _, t := range recs {
		if int64(t.off)+int64(t.length) > size {
			return nil, fmt.Errorf("table %q out of bounds", t.tag)
		}
		total += (int64(t.length) + 3) &^ 3
	}
	if total > size {
		// Only records that repeat a table add up to more than the
		// file: refused rather than allocated.
		return nil, errors.New("the face's tables overlap")
	}
	out := make([]byte, total)
	head := out[:12+16*len(recs)]
	if _, err := r.ReadAt(head, off); err != nil {
		return nil, err
	}
	at := len(head)
	for i, t := range recs {
		be.PutUint32(head[12+16*i+8:], uint32(at))
		if _, err := r.ReadAt(out[at:at+int(t.length)], int64(t.off)); err != nil && !(errors.Is(err, io.EOF) && int64(t.off)+int64(t.length) == size) {
			return nil, fmt.Errorf("table %q: %w", t.tag, err)
		}
		at += (int(t.length) + 3) &^ 3
	}
	return out, nil
}

type readerAt []byte

func (b readerAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
