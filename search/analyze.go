package search

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/kotabaru/tanggap/search/stemmer"
)

// maxTokenLength drops longer tokens: they are hashes, encoded data or
// run-together noise, never words anyone types.
const maxTokenLength = 48

// Tokenize splits s into lower-case words: runs of letters and digits. It is
// the one tokenizer of every engine, so that positions, phrases and the
// vocabulary agree between them.
func Tokenize(s string) []string {
	var tokens []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start <= maxTokenLength*4 {
			if tok := strings.ToLower(s[start:end]); len([]rune(tok)) <= maxTokenLength {
				tokens = append(tokens, tok)
			}
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return tokens
}

// Stem returns the Indonesian stem of a lower-case token; tokens with digits
// are kept as they are, as PostgreSQL keeps them.
func Stem(token string) string {
	for _, r := range token {
		if unicode.IsDigit(r) {
			return token
		}
	}
	return stemmer.Stem(token)
}

// Stems returns the stem of every token, in order.
func Stems(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, t := range tokens {
		out[i] = Stem(t)
	}
	return out
}

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// IsStopWord reports whether a lower-case token is dropped from free query
// words: function words, question words and the particles of chat (the
// [stop] section of lexicon.txt), so that a question typed as a sentence
// ("apakah vaksin di puskesmas bayar") still finds the documents that hold
// its content words. Documents keep them, so phrases with them still match.
func IsStopWord(token string) bool { return lex.stop[token] }

// MarkdownText returns the readable text of a Markdown document: the words
// a reader sees, without markup, link targets or raw HTML.
func MarkdownText(src string) string {
	source := []byte(src)
	doc := markdownParser.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { //nolint:errcheck // the walker returns no error
		switch node := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				b.Write(node.Segment.Value(source))
				if node.SoftLineBreak() || node.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(node.Value)
			}
		case *ast.AutoLink:
			if entering {
				b.Write(node.Label(source))
			}
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				lines := node.Lines()
				for i := 0; i < lines.Len(); i++ {
					segment := lines.At(i)
					b.Write(segment.Value(source))
				}
			}
		}
		if !entering && n.Type() == ast.TypeBlock {
			b.WriteString("\n")
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(collapseSpace(b.String()))
}

var markdownParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// collapseSpace folds runs of spaces and keeps single line breaks between
// paragraphs.
func collapseSpace(s string) string {
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for _, line := range lines {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}
