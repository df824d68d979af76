// A live preview of the Markdown a PIC writes. The API stores the source and
// renders the published HTML itself; the preview only has to be safe to
// show in the writer's own browser: raw HTML is shown as text, and links and
// images keep only http(s), mailto and relative addresses.
import { Marked } from 'marked';

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function safeHref(href: string): boolean {
  const h = href.trim().toLowerCase();
  return /^(https?:|mailto:)/.test(h) || (!/^[a-z][a-z0-9+.-]*:/.test(h) && !h.startsWith('//'));
}

const md = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token) {
      return escape(token.text);
    },
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      if (!safeHref(token.href)) return text;
      const title = token.title ? ` title="${escape(token.title)}"` : '';
      return `<a href="${escape(token.href)}"${title} rel="nofollow noopener noreferrer">${text}</a>`;
    },
    image(token) {
      if (!safeHref(token.href)) return escape(token.text);
      return `<img src="${escape(token.href)}" alt="${escape(token.text)}">`;
    },
  },
});

export function renderPreview(source: string): string {
  return md.parse(source) as string;
}
