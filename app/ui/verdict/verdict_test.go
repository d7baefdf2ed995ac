package verdict

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"communique/app/sign"
	"communique/i18n/uitext"
)

// Every verdict of the verifier gets its own sentence, translated in each
// interface language, in the colour that fits: only valid is good news,
// intact-but-untrusted and expired are warnings, the rest are danger.
func TestVerdictLines(t *testing.T) {
	sig := func(v sign.Verdict, detail string) []sign.SignatureReport {
		return []sign.SignatureReport{{Verdict: v, Signer: "Test Spokesperson", Detail: detail}}
	}
	cases := []struct {
		rep  sign.Report
		key  string
		want widget.Importance
	}{
		{sign.Report{Verdict: sign.VerdictValid, Signatures: sig(sign.VerdictValid, "")}, "VerdictValid", widget.SuccessImportance},
		{sign.Report{Verdict: sign.VerdictUntrusted, Signatures: sig(sign.VerdictUntrusted, "")}, "VerdictUntrusted", widget.WarningImportance},
		{sign.Report{Verdict: sign.VerdictExpired, Signatures: sig(sign.VerdictExpired, "")}, "VerdictExpired", widget.WarningImportance},
		{sign.Report{Verdict: sign.VerdictModified, Signatures: sig(sign.VerdictModified, "")}, "VerdictModified", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictInvalid, Signatures: sig(sign.VerdictInvalid, "")}, "VerdictInvalid", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictInvalid}, "VerdictNotSigned", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictWeak, Signatures: sig(sign.VerdictWeak, "SHA-1 digest")}, "VerdictWeak", widget.DangerImportance},
		{sign.Report{Verdict: sign.VerdictMalformed, Detail: "object stream 7 extends itself"}, "VerdictMalformed", widget.DangerImportance},
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		tx := uitext.New(lang)
		seen := map[string]string{}
		for _, tc := range cases {
			line := Line(tx, &tc.rep)
			if strings.Contains(line, "{{") || line == tc.key || strings.TrimSpace(line) == "" {
				t.Errorf("%s %s: untranslated line %q", lang, tc.key, line)
			}
			if prev, dup := seen[line]; dup {
				t.Errorf("%s: %s and %s say the same: %q", lang, prev, tc.key, line)
			}
			seen[line] = tc.key
			if lang == "ar" && !strings.ContainsFunc(line, func(r rune) bool { return r >= 0x600 && r <= 0x6FF }) {
				t.Errorf("ar %s: %q is not in Arabic", tc.key, line)
			}
			if tc.rep.Detail != "" || (len(tc.rep.Signatures) > 0 && tc.rep.Signatures[0].Detail != "") {
				if d := Detail(&tc.rep); !strings.Contains(line, d) {
					t.Errorf("%s %s: %q does not say why (%q)", lang, tc.key, line, d)
				}
			}
		}
	}
	for _, tc := range cases {
		if got := Importance(tc.rep.Verdict); got != tc.want {
			t.Errorf("%s: importance %d, want %d", tc.key, got, tc.want)
		}
	}
}
