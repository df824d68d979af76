import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import { statusLabels } from '../format';

interface Found {
  number: string;
  title: string;
  status: string;
  agency: { shortName: string } | null;
}

const FOUND = 'number title status agency { shortName }';
const NUMBER = /^[A-Z]{2,10}-\d{4}-\d{1,6}$/i;

/** Lower-case words of three letters or more, for matching titles. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
}

/**
 * Finds the issue a question belongs to: the public search (every form of a
 * word, synonyms, typos) together with the titles of the issues that are not
 * public yet, or an issue number typed as it is. The staff member picks one
 * from the results.
 */
export function IssuePicker({ id, selected, onSelect }: { id: string; selected: { number: string } | null; onSelect: (issue: Found | null) => void }) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<Found[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      setBusy(true);
      try {
        const found: Found[] = [];
        if (NUMBER.test(query)) {
          const d = await gql<{ issue: Found | null }>(`query One($n: String!) { issue(number: $n) { ${FOUND} } }`, { n: query.toUpperCase() });
          if (d.issue) found.push(d.issue);
        } else {
          const d = await gql<{ search: { edges: { node: { issue: Found } }[] }; pending: { edges: { node: Found }[] } }>(
            `query Find($q: String!) {
              search(query: $q, first: 8) { edges { node { issue { ${FOUND} } } } }
              pending: issues(filter: { status: [NEW, ASSIGNED, IN_PROGRESS] }, orderBy: NEWEST, first: 100) { edges { node { ${FOUND} } } }
            }`,
            { q: query },
          );
          const wanted = wordsOf(query);
          // Issues not yet public are not in the search index: match their titles here.
          for (const { node } of d.pending.edges) {
            const title = wordsOf(node.title);
            if (wanted.length > 0 && wanted.every((w) => title.some((t) => t.startsWith(w)))) found.push(node);
          }
          for (const { node } of d.search.edges) {
            if (!found.some((f) => f.number === node.issue.number)) found.push(node.issue);
          }
        }
        if (live) setResults(found.slice(0, 10));
      } catch {
        if (live) setResults([]);
      } finally {
        if (live) setBusy(false);
      }
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return (
    <div class="issue-picker">
      <div class="field">
        <label for={id}>Cari isu yang menjawab pertanyaan ini</label>
        <input
          id={id}
          type="search"
          autocomplete="off"
          value={text}
          aria-describedby={`${id}-bantu`}
          onInput={(e) => {
            setText((e.target as HTMLInputElement).value);
            onSelect(null);
          }}
        />
        <p class="hint" id={`${id}-bantu`}>
          Kata kunci dari judul atau isi, atau nomor isu (KTB-2026-000012).
        </p>
      </div>
      <p class="sr-only" role="status">
        {busy ? 'Mencari…' : results ? `${results.length} isu ditemukan` : ''}
      </p>
      {results && results.length === 0 && !busy && <p>Tidak ada isu yang cocok. Coba kata lain, atau buka isu baru.</p>}
      {results && results.length > 0 && (
        <fieldset class="picker-results">
          <legend>Pilih isu</legend>
          {results.map((issue) => (
            <label class="picker-option" data-issue={issue.number}>
              <input type="radio" name={`${id}-pilih`} value={issue.number} checked={selected?.number === issue.number} onChange={() => onSelect(issue)} />
              <span>
                <span class="picker-title">{issue.title}</span>
                <span class="muted">
                  {issue.number} · {statusLabels[issue.status] ?? issue.status}
                  {issue.agency ? ` · ${issue.agency.shortName}` : ''}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
