package sharecard

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
)

func baseCard() Card {
	return Card{
		Portal:      "Tanggap · Kabupaten Kotabaru",
		IssueNumber: "KTB-2026-000123",
		Title:       "Benarkah air PDAM tercemar bakteri setelah banjir di Kecamatan Pulau Laut Utara?",
		Verdict:     models.VerdictMisleading,
		Agency:      "Perusahaan Umum Daerah Air Minum Kotabaru",
		Date:        time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC),
	}
}

func decode(t testing.TB, b []byte) *image.RGBA {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	rgba, ok := img.(*image.NRGBA)
	if ok {
		out := image.NewRGBA(rgba.Bounds())
		for y := range rgba.Bounds().Dy() {
			for x := range rgba.Bounds().Dx() {
				out.Set(x, y, rgba.At(x, y))
			}
		}
		return out
	}
	if r, ok := img.(*image.RGBA); ok {
		return r
	}
	t.Fatalf("decoded a %T", img)
	return nil
}

func TestRenderIsPNGOfTheRightSize(t *testing.T) {
	b, err := Render(baseCard())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("no PNG signature")
	}
	img := decode(t, b)
	if got := img.Bounds().Size(); got != (image.Point{Width, Height}) || Width != 1200 || Height != 630 {
		t.Fatalf("size %v, want 1200×630", got)
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a, err := Render(baseCard())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Render(baseCard())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same card differ")
	}
	if ETag(baseCard()) != ETag(baseCard()) {
		t.Fatal("ETag differs for the same card")
	}
}

// TestVerdicts: every verdict gives its own picture and ETag, and the stamp
// is filled with the verdict's colour.
func TestVerdicts(t *testing.T) {
	pictures := map[string]models.Verdict{}
	etags := map[string]models.Verdict{}
	for _, v := range models.Verdicts {
		c := baseCard()
		c.Verdict = v
		b, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		if other, seen := pictures[string(b)]; seen {
			t.Errorf("%s and %s render the same picture", v, other)
		}
		pictures[string(b)] = v
		if other, seen := etags[ETag(c)]; seen {
			t.Errorf("%s and %s have the same ETag", v, other)
		}
		etags[ETag(c)] = v
		img := decode(t, b)
		if got, want := img.RGBAAt(margin+6, stampTop+stampHeight/2), verdictColor(v); got != want {
			t.Errorf("%s: stamp pixel %v, want %v", v, got, want)
		}
		if got := c.stampLabel(); got != strings.ToUpper(v.Label()) || got == "" {
			t.Errorf("%s: stamp %q", v, got)
		}
	}
	if strings.ToUpper(models.VerdictFalse.Label()) != "HOAKS" {
		t.Fatalf("FALSE is labelled %q", models.VerdictFalse.Label())
	}
	// Without a verdict, the caller's stamp text is shown in the brand colour.
	c := baseCard()
	c.Verdict, c.Stamp = "", "Sudah dijawab"
	b, err := Render(c)
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(t, b).RGBAAt(margin+6, stampTop+stampHeight/2); got != colorBrand {
		t.Errorf("plain stamp pixel %v, want brand %v", got, colorBrand)
	}
}

// TestLongTitleStaysInside renders titles far longer than four lines, with a
// word wider than the card, and checks that no text pixel falls in the side
// margins or in the gap between the title block and the footer.
func TestLongTitleStaysInside(t *testing.T) {
	long := strings.Repeat("Klarifikasi pemerintah daerah tentang kabar bantuan sosial yang beredar di media sosial ", 8)
	for name, title := range map[string]string{
		"Words":    long,
		"LongWord": "Tautan " + strings.Repeat("https://contoh.id/sangat-panjang-tanpa-spasi/", 12) + " beredar",
	} {
		t.Run(name, func(t *testing.T) {
			c := baseCard()
			c.Title = title
			c.Agency = strings.Repeat("Badan Penanggulangan Bencana Daerah ", 5)
			b, err := Render(c)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, b)
			background := colorBackground
			check := func(r image.Rectangle, what string) {
				for y := r.Min.Y; y < r.Max.Y; y++ {
					for x := r.Min.X; x < r.Max.X; x++ {
						if got := img.RGBAAt(x, y); got != background {
							t.Fatalf("%s: pixel (%d,%d) is %v, want background", what, x, y, got)
						}
					}
				}
			}
			check(image.Rect(0, bandHeight, margin-4, Height), "left margin")
			check(image.Rect(Width-margin+4, bandHeight, Width, Height), "right margin")
			check(image.Rect(0, titleBottom, Width, dividerY), "gap under the title")
			check(image.Rect(0, Height-16, Width, Height), "bottom margin")
			// The title block does hold text, and the ellipsis was drawn.
			inked := 0
			for y := titleTop; y < titleBottom; y++ {
				for x := margin; x < Width-margin; x++ {
					if img.RGBAAt(x, y) != background {
						inked++
					}
				}
			}
			if inked < 20000 {
				t.Fatalf("only %d inked pixels in the title block", inked)
			}
		})
	}
	t.Run("Wrap", func(t *testing.T) {
		_, bold, err := fonts()
		if err != nil {
			t.Fatal(err)
		}
		face, _ := newFace(bold, 50)
		lines, fits := wrap(face, long, Width-2*margin, maxTitleLines)
		if fits || len(lines) != maxTitleLines || !strings.HasSuffix(lines[len(lines)-1], "…") {
			t.Fatalf("wrap: %d lines, fits %v, last %q; want 4 lines ending with …", len(lines), fits, lines[len(lines)-1])
		}
		short, fits := wrap(face, "Jalan rusak", Width-2*margin, maxTitleLines)
		if !fits || len(short) != 1 {
			t.Fatalf("wrap of a short title: %q %v", short, fits)
		}
	})
}

// TestIndonesianText: the characters of Indonesian titles (accented loan
// words, typographic quotes, dashes, the rupiah sign's letters) all have
// glyphs in the embedded font, so nothing is replaced; emoji are dropped.
func TestIndonesianText(t *testing.T) {
	_, bold, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	face, _ := newFace(bold, 50)
	title := "“Bansos” Rp1.500.000 – benarkah kafé & rumah makan di Kotabaru wajib lapor? Itu menyesatkan—ini faktanya…"
	if got := clean(face, title); got != title {
		t.Fatalf("clean changed the title:\n got %q\nwant %q", got, title)
	}
	if got := clean(face, "Awas hoaks 😱🔥 banjir"); got != "Awas hoaks banjir" {
		t.Fatalf("emoji: %q", got)
	}
	plain, accented := baseCard(), baseCard()
	plain.Title, accented.Title = "Kafe di Stagen", "Kafé di Stagen"
	a, _ := Render(plain)
	b, _ := Render(accented)
	if bytes.Equal(a, b) {
		t.Fatal("é renders like e")
	}
}

func TestETag(t *testing.T) {
	base := ETag(baseCard())
	if !strings.HasPrefix(base, `"sc`+layoutVersion+"-") || !strings.HasSuffix(base, `"`) {
		t.Fatalf("ETag %s is not a quoted strong tag", base)
	}
	changes := map[string]func(*Card){
		"Title":   func(c *Card) { c.Title += "!" },
		"Agency":  func(c *Card) { c.Agency = "Dinas Kesehatan" },
		"Day":     func(c *Card) { c.Date = c.Date.AddDate(0, 0, 1) },
		"Verdict": func(c *Card) { c.Verdict = models.VerdictTrue },
		"Number":  func(c *Card) { c.IssueNumber = "KTB-2026-000124" },
		"Portal":  func(c *Card) { c.Portal = "Tanggap" },
		"Shift":   func(c *Card) { c.Agency, c.Title = c.Title, c.Agency },
	}
	for name, change := range changes {
		c := baseCard()
		change(&c)
		if ETag(c) == base {
			t.Errorf("%s: ETag unchanged", name)
		}
	}
	// A later time on the same WITA day shows the same card.
	c := baseCard()
	c.Date = c.Date.Add(2 * time.Hour)
	if ETag(c) != base {
		t.Errorf("same day, different hour: ETag changed")
	}
}

func TestFormatDate(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC), "29 November 2026"},
		{time.Date(2026, 11, 29, 16, 30, 0, 0, time.UTC), "30 November 2026"}, // 00:30 WITA
		{time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC), "5 Januari 2027"},
		{time.Date(2027, 8, 17, 0, 0, 0, 0, time.UTC), "17 Agustus 2027"},
	} {
		if got := FormatDate(c.at, nil); got != c.want {
			t.Errorf("FormatDate(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	c := baseCard()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(c); err != nil {
			b.Fatal(err)
		}
	}
}
