import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, ISSUE_SUMMARY_FIELDS, IssueCard, type IssueSummary, Loading, useNow, useTitle } from '../components';
import { kindLabels, options, verdictLabels } from '../format';
import { FollowButton } from '../follow';
import { navigate } from '../router';
import { useDirectory } from './directory';

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface Hit {
  highlights: string[];
  missingWords?: string[];
  issue: IssueSummary;
}

/** How well the best result matches: STRONG, PARTIAL or NONE (see the API). */
type Quality = 'STRONG' | 'PARTIAL' | 'NONE';

interface Facet {
  slug: string;
  name: string;
  count: number;
}

interface Facets {
  agencies: Facet[];
  categories: Facet[];
  verdicts: { verdict: string; label: string; count: number }[];
}

/** One page of the list, whichever query produced it. */
interface Page {
  totalCount: number;
  fallback: boolean;
  quality: Quality;
  ignoredWords: string[];
  matchedWords: string[];
  pageInfo: PageInfo;
  facets: Facets | null;
  hits: Hit[];
}

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $orderBy: SearchOrder, $after: String) {
  search(query: $query, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
    totalCount fallback quality ignoredWords matchedWords
    pageInfo { hasNextPage endCursor }
    facets { agencies { slug name count } categories { slug name count } verdicts { verdict label count } }
    edges { node { highlights missingWords issue { ${ISSUE_SUMMARY_FIELDS} } } }
  }
}`;

// Without words to search for, the list is the latest activity: answered
// issues whose answer (or correction) is newest come first.
const LATEST = `query Latest($filter: IssueFilter, $after: String) {
  issues(filter: $filter, orderBy: RECENTLY_UPDATED, first: 20, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${ISSUE_SUMMARY_FIELDS} } }
  }
}`;

interface SearchData {
  search: {
    totalCount: number;
    fallback: boolean;
    quality: Quality;
    ignoredWords: string[];
    matchedWords: string[];
    pageInfo: PageInfo;
    facets: Facets;
    edges: { node: Hit }[];
  };
}

interface LatestData {
  issues: { totalCount: number; pageInfo: PageInfo; edges: { node: IssueSummary }[] };
}

/** The list's tabs: which statuses each shows, and how its heading reads. */
const TABS = [
  { value: 'dijawab', label: 'Dijawab', status: ['ANSWERED', 'CLOSED'], heading: 'sudah dijawab' },
  { value: 'proses', label: 'Sedang ditangani', status: ['ASSIGNED', 'IN_PROGRESS'], heading: 'sedang ditangani' },
  { value: 'semua', label: 'Semua', status: null, heading: '' },
] as const;

/** URL query parameters of the search page, in Indonesian. */
const FILTERS = ['jenis', 'putusan', 'instansi', 'kategori'] as const;

function tabOf(query: URLSearchParams, searching: boolean) {
  const chosen = TABS.find((t) => t.value === query.get('status'));
  return chosen ?? (searching ? TABS[2] : TABS[0]);
}

function filterFromQuery(q: URLSearchParams, status: readonly string[] | null): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.get('jenis')) filter.kind = [q.get('jenis')];
  if (status) filter.status = [...status];
  if (q.get('putusan')) filter.verdict = [q.get('putusan')];
  if (q.get('instansi')) filter.agencySlug = q.get('instansi');
  if (q.get('kategori')) filter.categorySlug = q.get('kategori');
  return filter;
}

async function fetchPage(words: string, filter: Record<string, unknown>, orderBy: string, after?: string): Promise<Page> {
  if (words) {
    const d = await gql<SearchData>(SEARCH, { query: words, filter, orderBy, after });
    return { ...d.search, hits: d.search.edges.map((e) => e.node) };
  }
  const d = await gql<LatestData>(LATEST, { filter, after });
  return {
    totalCount: d.issues.totalCount,
    fallback: false,
    quality: d.issues.totalCount > 0 ? 'STRONG' : 'NONE',
    ignoredWords: [],
    matchedWords: [],
    pageInfo: d.issues.pageInfo,
    facets: null,
    hits: d.issues.edges.map((e) => ({ highlights: [], issue: e.node })),
  };
}

/**
 * The front page: answered issues first (or the results of a search), with
 * the filters folded behind one button so the list starts on the first screen
 * of a phone.
 */
export function Home({ query }: { query: URLSearchParams }) {
  useTitle('Cari isu');
  const directory = useDirectory();
  const now = useNow();
  const q = query.get('q') ?? '';
  const words = q.trim();
  const [text, setText] = useState(q);
  const [open, setOpen] = useState(false);
  const typed = useRef(false);
  const results = useRef<HTMLHeadingElement>(null);
  const tab = tabOf(query, words !== '');
  const filter = filterFromQuery(query, tab.status);
  const orderBy = query.get('urut') === 'baru' ? 'NEWEST' : 'RELEVANCE';

  const [state, setState] = useState<{ page?: Page; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([words, filter, orderBy]);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fetchPage(words, filter, orderBy).then(
      (page) => live && setState({ page, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const [extra, setExtra] = useState<{ hits: Hit[]; info: PageInfo } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setExtra(null), [state.page]);

  const setParams = (changes: Record<string, string>) => {
    const next = new URLSearchParams(location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    const qs = next.toString();
    navigate(qs ? `/?${qs}` : '/', true, true);
  };
  const setParam = (name: string, value: string) => setParams({ [name]: value });

  // Results follow the typing after a short pause, without a submit.
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!typed.current) return;
    pending.current = window.setTimeout(() => setParams({ q: text.trim() }), 250);
    return () => clearTimeout(pending.current);
  }, [text]);
  useEffect(() => {
    if (!typed.current) setText(q);
  }, [q]);

  const info = extra?.info ?? state.page?.pageInfo;
  const loadMore = async () => {
    if (!info?.endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(words, filter, orderBy, info.endCursor);
      setExtra({ hits: [...(extra?.hits ?? []), ...page.hits], info: page.pageInfo });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  const activeCount = FILTERS.filter((f) => query.get(f)).length;
  const hits = [...(state.page?.hits ?? []), ...(extra?.hits ?? [])];
  const facets = state.page?.facets;
  // Facet counts cover every match, not only the page shown.
  const withCounts = (rows: { slug: string; name: string }[], list: Facet[] | undefined): [string, string][] =>
    rows.map((r) => [r.slug, facets ? `${r.name} (${list?.find((f) => f.slug === r.slug)?.count ?? 0})` : r.name]);
  const verdictCount = (v: string) => facets?.verdicts.find((f) => f.verdict === v)?.count ?? 0;
  const tabHref = (value: string) => {
    const next = new URLSearchParams(location.search);
    next.set('status', value);
    return `/?${next.toString()}`;
  };
  const total = state.page?.totalCount;
  const heading =
    total === undefined
      ? 'Isu'
      : `${total} isu${tab.heading ? ` ${tab.heading}` : ''}${words ? ` untuk “${words}”` : ''}`;

  return (
    <>
      <section class="hero">
        <h1>Cek isu dan tanggapan resmi</h1>
        <p class="hero-intro">Hoaks, keluhan, dan pertanyaan warga beserta jawaban resmi Pemerintah Kabupaten Kotabaru.</p>
        <form
          role="search"
          class="search-box"
          onSubmit={(e) => {
            e.preventDefault();
            clearTimeout(pending.current);
            setParams({ q: text.trim() });
            // The list may already be on screen: bring its heading to the top
            // and move focus there, which also closes a phone's keyboard.
            requestAnimationFrame(() => {
              results.current?.scrollIntoView({ block: 'start' });
              results.current?.focus({ preventScroll: true });
            });
          }}
        >
          <label for="cari" class="sr-only">
            Cari isu
          </label>
          <input
            id="cari"
            type="search"
            placeholder="banjir, bansos, vaksin…"
            autocomplete="off"
            enterKeyHint="search"
            value={text}
            aria-describedby="cari-bantu"
            onInput={(e) => {
              typed.current = true;
              setText((e.target as HTMLInputElement).value);
            }}
          />
          <button type="submit" class="btn btn-primary">
            Cari
          </button>
        </form>
      </section>
      <nav class="tabs" aria-label="Tampilkan isu">
        {TABS.map((t) => (
          <a href={tabHref(t.value)} aria-current={t === tab ? 'true' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      <section class="results" aria-labelledby="hasil" aria-busy={state.loading}>
        <div class="results-bar">
          <h2 id="hasil" class="results-title" aria-live="polite" tabIndex={-1} ref={results}>
            {heading}
          </h2>
          <button
            type="button"
            class="btn btn-secondary btn-small filter-toggle"
            aria-expanded={open}
            aria-controls="saringan"
            onClick={() => setOpen(!open)}
          >
            Saring{activeCount > 0 ? ` (${activeCount})` : ''}
          </button>
        </div>
        <form id="saringan" class="filters" hidden={!open} aria-label="Saring hasil" onSubmit={(e) => e.preventDefault()}>
          <Select label="Jenis isu" name="jenis" value={query.get('jenis') ?? ''} onChange={setParam} options={options(kindLabels)} />
          <Select
            label="Putusan"
            name="putusan"
            value={query.get('putusan') ?? ''}
            onChange={setParam}
            options={options(verdictLabels).map(([v, l]) => [v, facets ? `${l} (${verdictCount(v)})` : l])}
          />
          <Select label="Instansi" name="instansi" value={query.get('instansi') ?? ''} onChange={setParam} options={withCounts(directory.data?.agencies ?? [], facets?.agencies)} />
          <Select label="Kategori" name="kategori" value={query.get('kategori') ?? ''} onChange={setParam} options={withCounts(directory.data?.categories ?? [], facets?.categories)} />
          {words && (
            <div class="field">
              <label for="saring-urut">Urutan</label>
              <select id="saring-urut" value={query.get('urut') === 'baru' ? 'baru' : ''} onChange={(e) => setParam('urut', (e.target as HTMLSelectElement).value)}>
                <option value="">Paling cocok</option>
                <option value="baru">Terbaru dicatat</option>
              </select>
            </div>
          )}
          <p id="cari-bantu" class="hint filters-wide">
            Tips: pakai "tanda kutip" untuk mencari frasa, dan tanda minus untuk membuang kata, misalnya banjir -rob.
          </p>
          {activeCount > 0 && (
            <button type="button" class="btn btn-link filters-wide" onClick={() => setParams(Object.fromEntries(FILTERS.map((f) => [f, ''])))}>
              Hapus semua saringan
            </button>
          )}
        </form>
        {state.page?.fallback && <p class="alert alert-info">Pencarian sedang lambat; hasil mungkin kurang lengkap.</p>}
        {state.error ? <ErrorBox error={state.error} retry={() => setTick((n) => n + 1)} /> : null}
        {state.loading && !state.page ? <Loading /> : null}
        {state.page && words && !state.loading && <MatchNotice page={state.page} words={words} shown={hits.length} />}
        {state.page && words.trim().length >= 3 && (
          <div class="follow" data-testid="follow-search">
            <FollowButton key={words} target={{ search: words }} what={`isu baru yang dijawab untuk "${words}"`} label="Ikuti pencarian ini" />
          </div>
        )}
        {state.page && !words && hits.length === 0 && <p>Tidak ada isu yang cocok. Coba tab lain atau hapus saringan.</p>}
        <div class="card-list">
          {hits.map((hit) => (
            <IssueCard issue={hit.issue} highlight={words ? hit.highlights : undefined} missing={words ? hit.missingWords : undefined} now={now} />
          ))}
        </div>
        {moreError ? <ErrorBox error={moreError} /> : null}
        {info?.hasNextPage && (
          <button type="button" class="btn btn-secondary btn-block" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Memuat…' : 'Tampilkan lebih banyak'}
          </button>
        )}
      </section>
    </>
  );
}

/** The link that carries what the citizen typed into the question form. */
function AskThis({ words }: { words: string }) {
  return (
    <a class="btn btn-primary" href={`/tanya?q=${encodeURIComponent(words)}`}>
      Tanyakan ini
    </a>
  );
}

/**
 * Says how well the results match what was typed: nothing (never a dead
 * end: ask the question instead), only part of the words ("hasil untuk …"),
 * or results that may at most be related.
 */
function MatchNotice({ page, words, shown }: { page: Page; words: string; shown: number }) {
  if (shown === 0) {
    return (
      <div class="empty-search" data-testid="empty-search">
        <p>
          <strong>Belum ada isu yang cocok dengan “{words}”.</strong>
        </p>
        <p>Tanyakan langsung kepada pemerintah daerah: Tim Reaksi Cepat meneruskannya ke instansi yang tepat, dan Anda mendapat kode untuk melacak jawabannya.</p>
        <p class="empty-search-actions">
          <AskThis words={words} />
        </p>
        <p class="hint">Atau coba kata lain, tab lain, atau hapus saringan.</p>
      </div>
    );
  }
  if (page.quality === 'PARTIAL') {
    return (
      <p class="match-notice" data-testid="match-notice">
        Tidak ada isu yang memuat semua kata. Hasil untuk <strong>{page.matchedWords.join(' ')}</strong>
        {page.ignoredWords.length > 0 && (
          <>
            {' '}— tanpa{' '}
            {page.ignoredWords.map((w, i) => (
              <>
                {i > 0 && ', '}
                <s>{w}</s>
              </>
            ))}
          </>
        )}
        .
      </p>
    );
  }
  if (page.quality === 'NONE') {
    return (
      <div class="match-notice match-weak" data-testid="match-notice">
        <p>
          Tidak ada isu yang benar-benar cocok dengan “{words}”; hasil di bawah mungkin terkait. Belum menemukan jawabannya?
        </p>
        <p class="empty-search-actions">
          <AskThis words={words} />
        </p>
      </div>
    );
  }
  return null;
}

function Select(props: {
  label: string;
  name: string;
  value: string;
  options: [string, string][];
  onChange: (name: string, value: string) => void;
}) {
  const id = `saring-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(props.name, (e.target as HTMLSelectElement).value)}>
        <option value="">Semua</option>
        {props.options.map(([value, label]) => (
          <option value={value}>{label}</option>
        ))}
      </select>
    </div>
  );
}
