package workspace

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"communique/app/statement"
	"communique/assets"
)

var update = flag.Bool("update", false, "rewrite assets/sample from the seed and the sample translations")

// The sample's translations were written for the sample; they are not the
// publisher's. Index 0 is the title, then paragraphs 1-6; "" = not translated.
var sampleTranslations = map[string][]string{
	"fr": {
		"Déclaration des directeurs politiques du Petit groupe de la Coalition mondiale contre Daech/EIIL",
		"Les directeurs politiques du Petit groupe de la Coalition mondiale contre Daech/EIIL se sont réunis aujourd’hui par visioconférence pour réaffirmer notre engagement commun à poursuivre la lutte contre Daech/EIIL et à préserver l’unité d’objectif et la cohésion en Irak et en Syrie.",
		"Les directeurs politiques sont convenus de maintenir une pression maximale sur Daech/EIIL malgré des défis nombreux et multiformes, notamment ceux posés par la pandémie de COVID-19, afin d’obtenir la défaite durable du groupe terroriste en Irak et en Syrie, et de rester vigilants face à la menace que représente Daech/EIIL dans le monde. En particulier, les directeurs politiques ont souligné l’importance de maintenir et d’allouer des moyens et des ressources militaires et civils suffisants pour soutenir les efforts de la Coalition en Irak et en Syrie, notamment en apportant un soutien aux forces partenaires légitimes, afin de préserver nos efforts de sécurité collective.",
		"Les directeurs politiques sont convenus que la mission de formation de l’opération Inherent Resolve, temporairement suspendue en raison de la pandémie, reprendra dès que les conditions le permettront.",
		"", // paragraph 4 is left for the translator
		"Ils ont également souligné la nécessité de rester concentrés sur les axes d’effort civils et militaires de la Coalition dans les domaines de la communication, des combattants terroristes étrangers, de la stabilisation, de la lutte contre le financement de Daech et de la coordination politico-militaire, et ont encouragé les membres des groupes de travail à se réunir virtuellement pour poursuivre leur travail essentiel.",
		"Les directeurs politiques ont exprimé leur solidarité et leur détermination indéfectibles dans la lutte contre Daech/EIIL en Irak et en Syrie pendant la crise sanitaire mondiale actuelle et attendent avec intérêt la prochaine réunion ministérielle plénière de la Coalition mondiale en Italie, dès que les conditions le permettront.",
	},
	"ar": {
		"بيان المديرين السياسيين للمجموعة المصغرة في التحالف الدولي لهزيمة داعش",
		"اجتمع المديرون السياسيون للمجموعة المصغرة في التحالف الدولي لهزيمة داعش اليوم عبر الاتصال المرئي لتأكيد التزامنا المشترك بمواصلة القتال ضد داعش والحفاظ على وحدة الهدف والتماسك في العراق وسوريا.",
		"واتفق المديرون السياسيون على مواصلة الضغط الأقصى على داعش رغم التحديات العديدة والمتعددة الأوجه، ومنها التحديات التي تفرضها جائحة COVID-19، من أجل تحقيق الهزيمة الدائمة للجماعة الإرهابية في العراق وسوريا، والبقاء على يقظة إزاء تهديد داعش في جميع أنحاء العالم. وعلى وجه الخصوص، اتفق المديرون السياسيون على أهمية الحفاظ على الوسائل والموارد العسكرية والمدنية الكافية وتخصيصها لدعم جهود التحالف في العراق وسوريا، بما في ذلك تقديم الدعم للقوات الشريكة الشرعية، من أجل صون جهودنا الأمنية الجماعية.",
		// Translated before the English gained "temporarily suspended due to the pandemic".
		"واتفق المديرون السياسيون على أن الدور التدريبي لعملية العزم الصلب سيُستأنف حالما تسمح الظروف بذلك.",
		"وفي حين أكد المديرون السياسيون للتحالف الدولي أهمية ضمان سيادة العراق، شددوا أيضاً على أهمية زيادة مختلف أشكال المساعدة ودعم تحقيق الاستقرار المقدَّم إلى المناطق المحررة.",
		"كما أكدوا ضرورة مواصلة التركيز على خطوط الجهد المدنية والعسكرية للتحالف في مجالات الاتصالات، والمقاتلين الإرهابيين الأجانب، وتحقيق الاستقرار، ومكافحة تمويل داعش، والتنسيق السياسي العسكري، وشجعوا أعضاء مجموعات العمل على التواصل عبر الاتصال المرئي لمواصلة عملهم الحيوي.",
		"وأعرب المديرون السياسيون عن تضامنهم وعزمهم الراسخين في القتال ضد داعش في العراق وسوريا خلال أزمة الصحة العالمية الحالية، وأعربوا عن تطلعهم إلى الاجتماع الوزاري الكامل المقبل للتحالف الدولي في إيطاليا حالما تسمح الظروف بذلك.",
	},
	"ckb": {
		"بەیاننامەی بەڕێوەبەرە سیاسییەکانی گرووپی بچووکی هاوپەیمانیی نێودەوڵەتی بۆ تێکشکاندنی داعش",
		"بەڕێوەبەرە سیاسییەکانی گرووپی بچووکی هاوپەیمانیی نێودەوڵەتی بۆ تێکشکاندنی داعش ئەمڕۆ بە شێوەی ئۆنلاین کۆبوونەوە بۆ دووپاتکردنەوەی پابەندبوونی هاوبەشمان بە بەردەوامبوون لە جەنگ دژی داعش و پاراستنی یەکڕیزی ئامانج و یەکگرتوویی لە عێراق و سووریا.",
		"", "", "", "", "",
	},
}

// sampleLetterhead translates the organisation, the issuing body and the
// place; "" = not translated.
var sampleLetterhead = map[string][3]string{
	"fr":  {"Coalition mondiale contre Daech/EIIL", "Directeurs politiques du Petit groupe de la Coalition mondiale contre Daech/EIIL", "Washington"},
	"ar":  {"التحالف الدولي لهزيمة داعش", "المديرون السياسيون للمجموعة المصغرة في التحالف الدولي لهزيمة داعش", "واشنطن العاصمة"},
	"ckb": {"هاوپەیمانیی نێودەوڵەتی بۆ تێکشکاندنی داعش", "", "واشنتن"},
}

// staleArabic is the English the Arabic paragraph 3 was translated from,
// before the source was edited.
const staleArabic = "The Political Directors agreed that Operation Inherent Resolve’s training role will resume as conditions permit."

// buildSample makes the sample workspace the way a team would: import the
// seed, translate, then edit the English so one Arabic paragraph goes stale.
func buildSample(t *testing.T, dir string) {
	t.Helper()
	w, err := Init(dir, Config{
		Organisation:   "Global Coalition to Defeat Daesh/ISIS",
		SourceLanguage: "en",
		Languages:      []string{"fr", "ar", "ckb"},
		Notice:         "Sample workspace: the French, Arabic and Sorani Kurdish texts were written for this sample; they are not the publisher's official translations.",
	})
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("testdata/seed-statement.txt")
	if err != nil {
		t.Fatal(err)
	}
	txt, err := statement.ParseText(string(seed), statement.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	current := txt.Paragraphs[2]
	txt.Paragraphs[2] = staleArabic
	st, err := w.AddStatement(txt, statement.Statement{
		IssuingBody: "Political Directors of the Global Coalition to Defeat Daesh/ISIS Small Group",
		Place:       "Washington, D.C.",
		Date:        time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	parts := st.Parts()
	for lang, texts := range sampleTranslations {
		for i, text := range texts {
			if text != "" && !(lang != "ar" && i == 3) {
				if err := w.SetTranslation(lang, parts[i].ID, text); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for lang, texts := range sampleLetterhead {
		for i, id := range []string{statement.OrganisationID, st.BodyID(), st.PlaceID()} {
			if texts[i] != "" {
				if err := w.SetTranslation(lang, id, texts[i]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	w.SetSource(st, st.Paragraphs[2], current)
	// French paragraph 3 was translated from the current English.
	if err := w.SetTranslation("fr", st.Paragraphs[2], sampleTranslations["fr"][3]); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestSampleGolden rebuilds the sample and compares it file by file with the
// one embedded in assets/. Run with -update after a deliberate change.
func TestSampleGolden(t *testing.T) {
	dir := t.TempDir()
	buildSample(t, dir)
	got := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return err
	})
	if *update {
		root := filepath.Join("..", "..", "assets", "sample")
		if err := os.RemoveAll(root); err != nil {
			t.Fatal(err)
		}
		for rel, data := range got {
			p := filepath.Join(root, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string][]byte{}
	fs.WalkDir(assets.Sample(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want[p], _ = fs.ReadFile(assets.Sample(), p)
		}
		return err
	})
	for name, w := range want {
		if !bytes.Equal(got[name], w) {
			t.Errorf("%s differs from the rebuilt sample (run go test ./app/workspace -run TestSampleGolden -update)\n--- embedded\n%s\n--- rebuilt\n%s", name, w, got[name])
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("rebuilt sample has %s, embedded one does not", name)
		}
	}
}
