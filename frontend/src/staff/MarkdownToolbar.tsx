import type { RefObject } from 'preact';

type Edit = (text: string, start: number, end: number) => { text: string; start: number; end: number };

/** Wraps the selection in ** **, or inserts a placeholder to type over. */
const bold: Edit = (text, start, end) => {
  const selected = text.slice(start, end) || 'teks tebal';
  return { text: text.slice(0, start) + `**${selected}**` + text.slice(end), start: start + 2, end: start + 2 + selected.length };
};

/** Starts every selected line (or the current one) with "- ". */
const list: Edit = (text, start, end) => {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const block = text.slice(lineStart, end) || 'butir';
  const items = block
    .split('\n')
    .map((line) => (line.startsWith('- ') ? line : `- ${line}`))
    .join('\n');
  // A list needs a blank line before it to start as a list in Markdown.
  const before = text.slice(0, lineStart);
  const gap = before === '' || before.endsWith('\n\n') ? '' : '\n';
  const out = before + gap + items + text.slice(Math.max(end, lineStart));
  return { text: out, start: lineStart + gap.length, end: lineStart + gap.length + items.length };
};

/** Makes the selection a link and selects the address to type. */
const link: Edit = (text, start, end) => {
  const label = text.slice(start, end) || 'teks tautan';
  const href = 'https://';
  const inserted = `[${label}](${href})`;
  const hrefStart = start + label.length + 3;
  return { text: text.slice(0, start) + inserted + text.slice(end), start: hrefStart, end: hrefStart + href.length };
};

const tools: [string, string, Edit][] = [
  ['Tebal', 'B', bold],
  ['Daftar', '•', list],
  ['Tautan', '↗', link],
];

/**
 * Buttons that write Markdown for the selection of a text area, for writers
 * who do not know the syntax. The text area keeps the focus and the edit.
 */
export function MarkdownToolbar({ target, controls, onChange }: { target: RefObject<HTMLTextAreaElement | null>; controls: string; onChange: (text: string) => void }) {
  const apply = (edit: Edit) => {
    const area = target.current;
    if (!area) return;
    const result = edit(area.value, area.selectionStart, area.selectionEnd);
    area.value = result.text;
    onChange(result.text);
    area.focus();
    area.setSelectionRange(result.start, result.end);
  };
  return (
    <div class="md-toolbar" role="toolbar" aria-label="Format teks" aria-controls={controls}>
      {tools.map(([label, icon, edit]) => (
        <button type="button" class="btn btn-secondary md-tool" onClick={() => apply(edit)}>
          <span aria-hidden="true" class="md-icon">
            {icon}
          </span>
          {label}
        </button>
      ))}
    </div>
  );
}
