package pdf

import (
	"strconv"
	"strings"
	"time"
)

// The few strings the page itself writes — dateline, page numbers, the
// signature caption — in each language Communiqué publishes in. They are
// part of the layout, not of the statement, so they live here rather than in
// a translation catalog.

type locale struct {
	months [12]string
	// date writes day, month name and year.
	date func(day int, month string, year int) string
	// digits are the ten digits the language writes numbers with.
	digits string
	// comma separates the place from the date.
	comma string
	// page writes "page x of y".
	page   func(x, y string) string
	signed string
}

var locales = map[string]*locale{
	"en": {
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Page " + x + " of " + y },
		signed: "Digitally signed",
	},
	"fr": {
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		date: func(d int, m string, y int) string {
			day := itoa(d)
			if d == 1 {
				day = "1er"
			}
			return "le " + day + " " + m + " " + itoa(y)
		},
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Page " + x + " sur " + y },
		signed: "Signé électroniquement",
	},
	"de": {
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		date:   func(d int, m string, y int) string { return itoa(d) + ". " + m + " " + itoa(y) },
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Seite " + x + " von " + y },
		signed: "Digital signiert",
	},
	"tr": {
		months: [12]string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Sayfa " + x + " / " + y },
		signed: "Elektronik olarak imzalanmıştır",
	},
	"ru": {
		// Genitive forms: "15 апреля 2020 г."
		months: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) + " г." },
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Страница " + x + " из " + y },
		signed: "Подписано электронной подписью",
	},
	"ku": {
		months: [12]string{"Çile", "Sibat", "Adar", "Nîsan", "Gulan", "Hezîran", "Tîrmeh", "Tebax", "Îlon", "Cotmeh", "Mijdar", "Berfanbar"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "0123456789", comma: ", ",
		page:   func(x, y string) string { return "Rûpel " + x + " ji " + y },
		signed: "Bi awayekî dîjîtal hatiye îmzekirin",
	},
	"ar": {
		// Levantine and Egyptian month names side by side, as Arabic
		// diplomatic texts write them.
		months: [12]string{"كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "0123456789", comma: "، ",
		page: func(x, y string) string { return "الصفحة " + x + " من " + y },
		// The tanween sits on the yaa (رقميًا), the spelling that leaves the
		// line-final alef bare: pdf.js splits a line whose leftmost glyph
		// carries a combining mark into two text items.
		signed: "موقّع رقميًا",
	},
	"fa": {
		months: [12]string{"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "۰۱۲۳۴۵۶۷۸۹", comma: "، ",
		page:   func(x, y string) string { return "صفحه " + x + " از " + y },
		signed: "دارای امضای دیجیتال",
	},
	"ckb": {
		months: [12]string{"کانوونی دووەم", "شوبات", "ئازار", "نیسان", "ئایار", "حوزەیران", "تەممووز", "ئاب", "ئەیلوول", "تشرینی یەکەم", "تشرینی دووەم", "کانوونی یەکەم"},
		date:   func(d int, m string, y int) string { return itoa(d) + "ی " + m + "ی " + itoa(y) },
		digits: "٠١٢٣٤٥٦٧٨٩", comma: "، ",
		page:   func(x, y string) string { return "پەڕەی " + x + " لە " + y },
		signed: "بە شێوەی دیجیتاڵی واژۆ کراوە",
	},
}

// fallbackLocale writes ISO dates and "x / y" for languages it does not know.
var fallbackLocale = &locale{
	digits: "0123456789", comma: ", ",
	page:   func(x, y string) string { return x + " / " + y },
	signed: "Digitally signed",
}

func itoa(n int) string { return strconv.Itoa(n) }

// localeFor finds the locale of a BCP 47 tag by its primary subtag;
// Kurdish in Arabic script is Sorani.
func localeFor(lang string) (*locale, bool) {
	tag := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	primary, rest, _ := strings.Cut(tag, "-")
	if primary == "ku" && strings.Contains("-"+rest+"-", "-arab-") {
		primary = "ckb"
	}
	l, ok := locales[primary]
	return l, ok
}

func (l *locale) nativeDigits(s string) string {
	if l.digits == "0123456789" {
		return s
	}
	d := []rune(l.digits)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = d[r-'0']
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatDate writes a date the way the language writes it.
func formatDate(lang string, t time.Time) string {
	l, ok := localeFor(lang)
	if !ok {
		return t.Format("2006-01-02")
	}
	return l.nativeDigits(l.date(t.Day(), l.months[t.Month()-1], t.Year()))
}

// dateline writes "Place, date".
func dateline(lang, place string, t time.Time) string {
	date := formatDate(lang, t)
	if strings.TrimSpace(place) == "" {
		return date
	}
	l, ok := localeFor(lang)
	if !ok {
		l = fallbackLocale
	}
	// The place is isolated (FSI…PDI) so that its script does not decide
	// the direction of what follows: in an Arabic dateline the day number
	// after "Washington, D.C." would otherwise join the Latin run and be
	// shown on the wrong side of the month.
	return "\u2068" + place + "\u2069" + l.comma + date
}

// pageLabel writes "page x of y".
func pageLabel(lang string, x, y int) string {
	l, ok := localeFor(lang)
	if !ok {
		l = fallbackLocale
	}
	return l.nativeDigits(l.page(itoa(x), itoa(y)))
}

// signedCaption is the localized "Digitally signed".
func signedCaption(lang string) string {
	l, ok := localeFor(lang)
	if !ok {
		l = fallbackLocale
	}
	return l.signed
}
