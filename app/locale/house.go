package locale

// houses are the languages whose page strings were written by hand: the
// languages of the bundled sample and those Communiqué has been asked for
// (Hebrew, Hindi, Chinese, Japanese, Korean, Greek, Vietnamese, Urdu,
// Pashto, Amharic). Their dates come from CLDR unless a date function
// says otherwise.
var houses = map[string]house{
	"en": {
		months:   [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		date:     func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits:   "0123456789",
		page:     func(x, y string) string { return "Page " + x + " of " + y },
		signed:   "Digitally signed",
		issuedBy: func(b string) string { return "Issued by " + b }, statement: func(id string) string { return "Official statement " + id },
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
		digits:   "0123456789",
		page:     func(x, y string) string { return "Page " + x + " sur " + y },
		signed:   "Signé électroniquement",
		issuedBy: func(b string) string { return "Publié par " + b }, statement: func(id string) string { return "Déclaration officielle " + id },
	},
	"de": {
		months:   [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		date:     func(d int, m string, y int) string { return itoa(d) + ". " + m + " " + itoa(y) },
		digits:   "0123456789",
		page:     func(x, y string) string { return "Seite " + x + " von " + y },
		signed:   "Digital signiert",
		issuedBy: func(b string) string { return "Herausgegeben von " + b }, statement: func(id string) string { return "Offizielle Erklärung " + id },
	},
	"tr": {
		months:   [12]string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
		date:     func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits:   "0123456789",
		page:     func(x, y string) string { return "Sayfa " + x + " / " + y },
		signed:   "Elektronik olarak imzalanmıştır",
		issuedBy: func(b string) string { return b + " tarafından yayımlanmıştır" }, statement: func(id string) string { return "Resmî açıklama " + id },
	},
	"ru": {
		// Genitive forms: "15 апреля 2020 г."
		months:   [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		date:     func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) + " г." },
		digits:   "0123456789",
		page:     func(x, y string) string { return "Страница " + x + " из " + y },
		signed:   "Подписано электронной подписью",
		issuedBy: func(b string) string { return "Опубликовано: " + b }, statement: func(id string) string { return "Официальное заявление " + id },
	},
	"ku": {
		months:   [12]string{"Çile", "Sibat", "Adar", "Nîsan", "Gulan", "Hezîran", "Tîrmeh", "Tebax", "Îlon", "Cotmeh", "Mijdar", "Berfanbar"},
		date:     func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits:   "0123456789",
		page:     func(x, y string) string { return "Rûpel " + x + " ji " + y },
		signed:   "Bi awayekî dîjîtal hatiye îmzekirin",
		issuedBy: func(b string) string { return "Ji aliyê " + b + " ve hatiye weşandin" }, statement: func(id string) string { return "Daxuyaniya fermî " + id },
	},
	"ar": {
		comma: "، ",
		// Levantine and Egyptian month names side by side, as Arabic
		// diplomatic texts write them; Western digits, as the sample does.
		months: [12]string{"كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"},
		date:   func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits: "0123456789",
		page:   func(x, y string) string { return "الصفحة " + x + " من " + y },
		// The tanween sits on the yaa (رقميًا), the spelling that leaves the
		// line-final alef bare: pdf.js splits a line whose leftmost glyph
		// carries a combining mark into two text items.
		signed:   "موقّع رقميًا",
		issuedBy: func(b string) string { return "صادر عن " + b }, statement: func(id string) string { return "بيان رسمي " + id },
	},
	"fa": {
		comma:    "، ",
		months:   [12]string{"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"},
		date:     func(d int, m string, y int) string { return itoa(d) + " " + m + " " + itoa(y) },
		digits:   "۰۱۲۳۴۵۶۷۸۹",
		page:     func(x, y string) string { return "صفحه " + x + " از " + y },
		signed:   "دارای امضای دیجیتال",
		issuedBy: func(b string) string { return "صادرشده از سوی " + b }, statement: func(id string) string { return "بیانیهٔ رسمی " + id },
	},
	"ckb": {
		comma:    "، ",
		months:   [12]string{"کانوونی دووەم", "شوبات", "ئازار", "نیسان", "ئایار", "حوزەیران", "تەممووز", "ئاب", "ئەیلوول", "تشرینی یەکەم", "تشرینی دووەم", "کانوونی یەکەم"},
		date:     func(d int, m string, y int) string { return itoa(d) + "ی " + m + "ی " + itoa(y) },
		digits:   "٠١٢٣٤٥٦٧٨٩",
		page:     func(x, y string) string { return "پەڕەی " + x + " لە " + y },
		signed:   "بە شێوەی دیجیتاڵی واژۆ کراوە",
		issuedBy: func(b string) string { return "دەرچووە لەلایەن " + b }, statement: func(id string) string { return "ڕاگەیەندراوی فەرمی " + id },
	},
	"he": {
		page:     func(x, y string) string { return "עמוד " + x + " מתוך " + y },
		signed:   "חתום דיגיטלית",
		issuedBy: func(b string) string { return "פורסם על ידי " + b }, statement: func(id string) string { return "הודעה רשמית " + id },
	},
	"hi": {
		page:     func(x, y string) string { return "पृष्ठ " + x + " / " + y },
		signed:   "डिजिटल रूप से हस्ताक्षरित",
		issuedBy: func(b string) string { return b + " द्वारा जारी" }, statement: func(id string) string { return "आधिकारिक वक्तव्य " + id },
	},
	"zh": {
		// CLDR's list separator for Chinese is the enumeration comma 、;
		// a dateline takes the full-width comma.
		comma:    "，",
		page:     func(x, y string) string { return "第 " + x + " 页，共 " + y + " 页" },
		signed:   "数字签名",
		issuedBy: func(b string) string { return "由" + b + "发布" }, statement: func(id string) string { return "正式声明 " + id },
	},
	"ja": {
		page:     func(x, y string) string { return x + " / " + y + " ページ" },
		signed:   "デジタル署名済み",
		issuedBy: func(b string) string { return b + "発表" }, statement: func(id string) string { return "公式声明 " + id },
	},
	"ko": {
		page:     func(x, y string) string { return y + "쪽 중 " + x + "쪽" },
		signed:   "디지털 서명됨",
		issuedBy: func(b string) string { return b + " 발표" }, statement: func(id string) string { return "공식 성명 " + id },
	},
	"el": {
		page:     func(x, y string) string { return "Σελίδα " + x + " από " + y },
		signed:   "Ψηφιακή υπογραφή",
		issuedBy: func(b string) string { return "Εκδόθηκε από: " + b }, statement: func(id string) string { return "Επίσημη δήλωση " + id },
	},
	"vi": {
		page:     func(x, y string) string { return "Trang " + x + "/" + y },
		signed:   "Đã ký số",
		issuedBy: func(b string) string { return "Do " + b + " ban hành" }, statement: func(id string) string { return "Tuyên bố chính thức " + id },
	},
	"ur": {
		page:     func(x, y string) string { return "صفحہ " + x + " از " + y },
		signed:   "ڈیجیٹل دستخط شدہ",
		issuedBy: func(b string) string { return "جاری کردہ: " + b }, statement: func(id string) string { return "سرکاری بیان " + id },
	},
	"ps": {
		page:     func(x, y string) string { return "مخ " + x + " له " + y },
		signed:   "ډیجیټلي لاسلیک شوی",
		issuedBy: func(b string) string { return "خپرونکی: " + b }, statement: func(id string) string { return "رسمي اعلامیه " + id },
	},
	"am": {
		page:     func(x, y string) string { return "ገጽ " + x + " ከ " + y },
		signed:   "በዲጂታል የተፈረመ",
		issuedBy: func(b string) string { return "በ" + b + " የተሰጠ" }, statement: func(id string) string { return "ይፋዊ መግለጫ " + id },
	},
}
