// Package sharecard renders the 1200×630 PNG that previews an issue when its
// link is shared (og:image, twitter:card=summary_large_image): the verdict
// stamp, the title, the agency, the date and the portal's name. It draws with
// golang.org/x/image (font/opentype for text, vector for shapes) and the Go
// fonts embedded in that module; see README.md for the choice and licence.
package sharecard

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/kotabaru/tanggap/models"
)

// Width and Height are the size of every card, the size Facebook, X and
// WhatsApp crop large previews to.
const (
	Width  = 1200
	Height = 630
)

// layoutVersion is part of every ETag: change it whenever the drawing
// changes, so that caches holding the old picture are refreshed.
const layoutVersion = "1"

// Card is what a share card shows. Verdict, when set, becomes the stamp with
// its Indonesian label (models.Verdict.Label); otherwise Stamp is shown, if
// any (for example "Sudah dijawab" for an issue that is not about
// misinformation). Date is written as its calendar day in Location (nil
// means WITA, UTC+8, the portal's zone), e.g. "29 November 2026"; a zero Date
// is left out.
type Card struct {
	Portal      string // e.g. "Tanggap · Kabupaten Kotabaru"
	IssueNumber string // e.g. "KTB-2026-000123"
	Title       string
	Verdict     models.Verdict
	Stamp       string
	Agency      string
	Date        time.Time
	Location    *time.Location
}

// The palette follows the portal's stylesheet (frontend/src/styles.css).
var (
	colorBackground = color.RGBA{0xf5, 0xf7, 0xf9, 0xff}
	colorBrand      = color.RGBA{0x0b, 0x4f, 0x6c, 0xff}
	colorInk        = color.RGBA{0x1b, 0x1f, 0x24, 0xff}
	colorMuted      = color.RGBA{0x4d, 0x55, 0x60, 0xff}
	colorLine       = color.RGBA{0xd5, 0xda, 0xe0, 0xff}
	colorWhite      = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colorFalse      = color.RGBA{0xb3, 0x26, 0x1e, 0xff}
	colorMixed      = color.RGBA{0x8a, 0x4b, 0x00, 0xff}
	colorTrue       = color.RGBA{0x1e, 0x6b, 0x34, 0xff}
	colorUnknown    = color.RGBA{0x4d, 0x55, 0x60, 0xff}
)

// verdictColor mirrors verdictTone in frontend/src/format.ts.
func verdictColor(v models.Verdict) color.RGBA {
	switch v {
	case models.VerdictFalse:
		return colorFalse
	case models.VerdictMisleading, models.VerdictPartlyTrue:
		return colorMixed
	case models.VerdictTrue:
		return colorTrue
	}
	return colorUnknown
}

// The layout, in pixels.
const (
	margin        = 64
	bandHeight    = 96  // the brand band across the top
	stampTop      = 136 // the verdict stamp
	stampHeight   = 76
	titleTop      = 252 // the title block
	titleBottom   = 500
	maxTitleLines = 4
	dividerY      = 516
	agencyBase    = 566
	dateBase      = 606
)

var months = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

var wita = time.FixedZone("WITA", 8*60*60)

// FormatDate writes t as an Indonesian calendar date, "29 November 2026",
// in loc (nil means WITA).
func FormatDate(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = wita
	}
	t = t.In(loc)
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

func (c Card) stampLabel() string {
	if c.Verdict != "" {
		if label := c.Verdict.Label(); label != "" {
			return strings.ToUpper(label)
		}
	}
	return strings.ToUpper(strings.TrimSpace(c.Stamp))
}

func (c Card) stampColor() color.RGBA {
	if c.Verdict.Valid() {
		return verdictColor(c.Verdict)
	}
	return colorBrand
}

func (c Card) dateText() string {
	if c.Date.IsZero() {
		return ""
	}
	return FormatDate(c.Date, c.Location)
}

// ETag returns a strong HTTP entity tag of the card: the same for the same
// inputs, different when anything shown (or the layout) changes. The server
// can answer If-None-Match with it, and cache the PNG under it.
func ETag(c Card) string {
	h := sha256.New()
	for _, field := range []string{layoutVersion, c.Portal, c.IssueNumber, c.Title, c.stampLabel(),
		string(c.Verdict), c.Agency, c.dateText()} {
		// Length-prefixed, so that moving text from one field to the next
		// changes the hash.
		h.Write([]byte(strconv.Itoa(len(field)) + ":" + field))
	}
	return `"sc` + layoutVersion + "-" + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// The fonts are parsed once; faces are made per render because an
// opentype face is not safe for concurrent use.
var (
	parseOnce     sync.Once
	regular, bold *opentype.Font
	errParse      error
)

// replacementForMiss stands for a character the font cannot draw.
const replacementForMiss = "?"

func fonts() (*opentype.Font, *opentype.Font, error) {
	parseOnce.Do(func() {
		if regular, errParse = opentype.Parse(goregular.TTF); errParse != nil {
			return
		}
		bold, errParse = opentype.Parse(gobold.TTF)
	})
	return regular, bold, errParse
}

func newFace(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// Render draws the card and encodes it as PNG. The same Card always gives
// the same bytes.
func Render(c Card) ([]byte, error) {
	img, err := paint(c)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(96 << 10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("sharecard: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// paint draws the card into a fresh image.
func paint(c Card) (*image.RGBA, error) {
	reg, bld, err := fonts()
	if err != nil {
		return nil, fmt.Errorf("sharecard: parsing the embedded fonts: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(colorBackground), image.Point{}, draw.Src)

	// The brand band: portal name left, issue number right.
	draw.Draw(img, image.Rect(0, 0, Width, bandHeight), image.NewUniform(colorBrand), image.Point{}, draw.Src)
	bandFace, err := newFace(bld, 36)
	if err != nil {
		return nil, err
	}
	numberFace, err := newFace(reg, 28)
	if err != nil {
		return nil, err
	}
	number := clean(numberFace, c.IssueNumber)
	numberWidth := font.MeasureString(numberFace, number).Ceil()
	portal := fitLine(bandFace, clean(bandFace, c.Portal), Width-2*margin-numberWidth-32)
	drawText(img, bandFace, colorWhite, margin, 61, portal)
	drawText(img, numberFace, colorWhite, Width-margin-numberWidth, 59, number)

	// The stamp: an outlined, filled label in the verdict's colour.
	if label := c.stampLabel(); label != "" {
		stampFace, err := newFace(bld, 44)
		if err != nil {
			return nil, err
		}
		label = fitLine(stampFace, clean(stampFace, label), Width-2*margin-56)
		w := font.MeasureString(stampFace, label).Ceil() + 56
		fillRoundRect(img, image.Rect(margin, stampTop, margin+w, stampTop+stampHeight), 12, c.stampColor())
		drawText(img, stampFace, colorWhite, margin+28, stampTop+54, label)
	}

	// The title: as large as lets it fit in four lines, else the smallest
	// size with an ellipsis.
	title := strings.Join(strings.Fields(c.Title), " ")
	for _, size := range []float64{64, 56, 50} {
		face, err := newFace(bld, size)
		if err != nil {
			return nil, err
		}
		lineHeight := int(size * 1.2)
		maxLines := min(maxTitleLines, (titleBottom-titleTop)/lineHeight)
		lines, fits := wrap(face, clean(face, title), Width-2*margin, maxLines)
		if !fits && size != 50 {
			continue
		}
		ascent := face.Metrics().Ascent.Ceil()
		for i, line := range lines {
			drawText(img, face, colorInk, margin, titleTop+ascent+i*lineHeight, line)
		}
		break
	}

	// The footer: a rule, the agency, the date.
	draw.Draw(img, image.Rect(margin, dividerY, Width-margin, dividerY+2), image.NewUniform(colorLine), image.Point{}, draw.Src)
	agencyFace, err := newFace(bld, 32)
	if err != nil {
		return nil, err
	}
	dateFace, err := newFace(reg, 28)
	if err != nil {
		return nil, err
	}
	drawText(img, agencyFace, colorInk, margin, agencyBase, fitLine(agencyFace, clean(agencyFace, c.Agency), Width-2*margin))
	drawText(img, dateFace, colorMuted, margin, dateBase, fitLine(dateFace, c.dateText(), Width-2*margin))
	return img, nil
}

func drawText(dst draw.Image, face font.Face, col color.Color, x, baseline int, text string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, baseline)}
	d.DrawString(text)
}

// clean drops control characters and replaces every rune the font has no
// glyph for (emoji are common in shared titles) so no empty box is drawn.
func clean(face font.Face, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f:
		default:
			if _, ok := face.GlyphAdvance(r); ok {
				b.WriteRune(r)
			} else if r > 0xffff || (r >= 0x2600 && r <= 0x27bf) || (r >= 0xfe00 && r <= 0xfe0f) || r == 0x200d {
				// Emoji and their joiners and selectors are left out.
			} else {
				b.WriteString(replacementForMiss)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

const ellipsis = "…"

// fitLine shortens s with an ellipsis until it is at most width pixels wide.
func fitLine(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Ceil() <= width {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		candidate := strings.TrimRight(string(runes), " ,.;:-–—") + ellipsis
		if font.MeasureString(face, candidate).Ceil() <= width {
			return candidate
		}
	}
	return ellipsis
}

// wrap breaks s into at most maxLines lines of at most width pixels, breaking
// between words, and inside a word only when the word alone is too wide. When
// the text does not fit, the last line ends with an ellipsis and fits is
// false.
func wrap(face font.Face, s string, width, maxLines int) (lines []string, fits bool) {
	var words []string
	for _, w := range strings.Fields(s) {
		words = append(words, splitLong(face, w, width)...)
	}
	current := ""
	for i, w := range words {
		candidate := w
		if current != "" {
			candidate = current + " " + w
		}
		if font.MeasureString(face, candidate).Ceil() <= width {
			current = candidate
			continue
		}
		lines = append(lines, current)
		current = w
		if len(lines) == maxLines {
			// Everything from this word on is cut.
			last := lines[maxLines-1] + " " + strings.Join(words[i:], " ")
			lines[maxLines-1] = fitLine(face, last, width)
			return lines, false
		}
	}
	if current != "" {
		lines = append(lines, current)
	}
	return lines, true
}

// splitLong cuts a word wider than width into pieces that fit.
func splitLong(face font.Face, word string, width int) []string {
	if font.MeasureString(face, word).Ceil() <= width {
		return []string{word}
	}
	var parts []string
	runes := []rune(word)
	for len(runes) > 0 {
		// The longest prefix that fits, found by bisection; at least one rune.
		lo, hi := 1, len(runes)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if font.MeasureString(face, string(runes[:mid])).Ceil() <= width {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		n := lo
		parts = append(parts, string(runes[:n]))
		runes = runes[n:]
	}
	return parts
}

// fillRoundRect fills r with rounded corners of the given radius, drawn with
// the vector rasterizer so the corners are anti-aliased.
func fillRoundRect(dst *image.RGBA, r image.Rectangle, radius float32, col color.Color) {
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	w, h := float32(r.Dx()), float32(r.Dy())
	// A quarter circle is close enough to a cubic with this constant.
	const k = 0.5523
	z.MoveTo(radius, 0)
	z.LineTo(w-radius, 0)
	z.CubeTo(w-radius+k*radius, 0, w, radius-k*radius, w, radius)
	z.LineTo(w, h-radius)
	z.CubeTo(w, h-radius+k*radius, w-radius+k*radius, h, w-radius, h)
	z.LineTo(radius, h)
	z.CubeTo(radius-k*radius, h, 0, h-radius+k*radius, 0, h-radius)
	z.LineTo(0, radius)
	z.CubeTo(0, radius-k*radius, radius-k*radius, 0, radius, 0)
	z.ClosePath()
	z.Draw(dst, r, image.NewUniform(col), image.Point{})
}
