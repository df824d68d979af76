import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, ISSUE_SUMMARY_FIELDS, IssueCard, type IssueSummary, Loading, useQuery, useTitle } from '../components';
import { kindLabels, options, statusLabels, verdictLabels } from '../format';
import { navigate } from '../router';
import { useDirectory } from './directory';

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface Hit {
  highlights: string[];
  issue: IssueSummary;
}

interface Facet {
  slug: string;
  name: string;
  count: number;
}

interface SearchPage {
  search: {
    totalCount: number;
    engine: string;
    fallback: boolean;
    pageInfo: PageInfo;
    facets: { agencies: Facet[]; categories: Facet[]; verdicts: { verdict: string; label: string; count: number }[] };
    edges: { node: Hit }[];
  };
}

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $orderBy: SearchOrder, $after: String) {
  search(query: $query, filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
    totalCount engine fallback
    pageInfo { hasNextPage endCursor }
    facets { agencies { slug name count } categories { slug name count } verdicts { verdict label count } }
    edges { node { highlights issue { ${ISSUE_SUMMARY_FIELDS} } } }
  }
}`;

/** URL query parameters of the search page, in Indonesian. */
const FILTERS = ['jenis', 'status', 'putusan', 'instansi', 'kategori'] as const;

function filterFromQuery(q: URLSearchParams): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.get('jenis')) filter.kind = [q.get('jenis')];
  if (q.get('status')) filter.status = q.get('status') === 'ANSWERED' ? ['ANSWERED', 'CLOSED'] : [q.get('status')];
  if (q.get('putusan')) filter.verdict = [q.get('putusan')];
  if (q.get('instansi')) filter.agencySlug = q.get('instansi');
  if (q.get('kategori')) filter.categorySlug = q.get('kategori');
  return filter;
}

const engineNames: Record<string, string> = { SQLITE_FTS5: 'SQLite FTS5', POSTGRES: 'PostgreSQL', MEILISEARCH: 'Meilisearch' };

/** Search with results as you type, filters with facet counts, newest or most relevant first. */
export function Home({ query }: { query: URLSearchParams }) {
  useTitle('Cari isu');
  const directory = useDirectory();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const typed = useRef(false);
  const filter = filterFromQuery(query);
  const orderBy = query.get('urut') === 'baru' || (!q.trim() && query.get('urut') !== 'relevan') ? 'NEWEST' : 'RELEVANCE';
  const first = useQuery<SearchPage>(SEARCH, { query: q, filter, orderBy });
  const [extra, setExtra] = useState<{ hits: Hit[]; info: PageInfo } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setExtra(null), [first.data]);

  const setParams = (changes: Record<string, string>) => {
    const next = new URLSearchParams(location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    const qs = next.toString();
    navigate(qs ? `/?${qs}` : '/', true);
  };
  const setParam = (name: string, value: string) => setParams({ [name]: value });

  // Results follow the typing after a short pause, without a submit.
  useEffect(() => {
    if (!typed.current) return;
    const id = setTimeout(() => setParams({ q: text.trim() }), 250);
    return () => clearTimeout(id);
  }, [text]);
  useEffect(() => {
    if (!typed.current) setText(q);
  }, [q]);

  const info = extra?.info ?? first.data?.search.pageInfo;
  const loadMore = async () => {
    if (!info?.endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const data = await gql<SearchPage>(SEARCH, { query: q, filter, orderBy, after: info.endCursor });
      setExtra({ hits: [...(extra?.hits ?? []), ...data.search.edges.map((e) => e.node)], info: data.search.pageInfo });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  const active = FILTERS.some((f) => query.get(f));
  const hits = [...(first.data?.search.edges.map((e) => e.node) ?? []), ...(extra?.hits ?? [])];
  const facets = first.data?.search.facets;
  // Facet counts cover every match, not only the page shown.
  const withCounts = (rows: { slug: string; name: string }[], list: Facet[] | undefined): [string, string][] =>
    rows.map((r) => [r.slug, facets ? `${r.name} (${list?.find((f) => f.slug === r.slug)?.count ?? 0})` : r.name]);
  const verdictCount = (v: string) => facets?.verdicts.find((f) => f.verdict === v)?.count ?? 0;

  return (
    <>
      <section class="hero">
        <h1>Cek isu dan tanggapan resmi</h1>
        <p>Hoaks yang beredar, keluhan, dan pertanyaan warga beserta jawaban resmi instansi Pemerintah Kabupaten Kotabaru.</p>
        <form
          role="search"
          class="search-box"
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ q: text.trim() });
          }}
        >
          <label for="cari" class="sr-only">
            Cari isu
          </label>
          <input
            id="cari"
            type="search"
            placeholder="Cari: banjir, bansos, vaksin, PDAM…"
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
        <p id="cari-bantu" class="hint">
          Gunakan "tanda kutip" untuk frasa dan tanda minus untuk mengecualikan kata, misalnya: banjir -rob
        </p>
      </section>
      <div class="browse">
        <form class="filters" aria-label="Saring hasil" onSubmit={(e) => e.preventDefault()}>
          <h2 class="filters-title">Saring</h2>
          <Select label="Jenis isu" name="jenis" value={query.get('jenis') ?? ''} onChange={setParam} options={options(kindLabels)} />
          <Select
            label="Status"
            name="status"
            value={query.get('status') ?? ''}
            onChange={setParam}
            options={options(statusLabels).filter(([k]) => ['ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'DUPLICATE'].includes(k))}
          />
          <Select
            label="Putusan"
            name="putusan"
            value={query.get('putusan') ?? ''}
            onChange={setParam}
            options={options(verdictLabels).map(([v, l]) => [v, facets ? `${l} (${verdictCount(v)})` : l])}
          />
          <Select label="Instansi" name="instansi" value={query.get('instansi') ?? ''} onChange={setParam} options={withCounts(directory.data?.agencies ?? [], facets?.agencies)} />
          <Select label="Kategori" name="kategori" value={query.get('kategori') ?? ''} onChange={setParam} options={withCounts(directory.data?.categories ?? [], facets?.categories)} />
          <Select
            label="Urutan"
            name="urut"
            value={query.get('urut') ?? ''}
            onChange={setParam}
            options={[
              ['relevan', 'Paling cocok'],
              ['baru', 'Terbaru'],
            ]}
            any={q.trim() ? 'Paling cocok' : 'Terbaru'}
          />
          {active && (
            <button type="button" class="btn btn-link" onClick={() => setParams(Object.fromEntries(FILTERS.map((f) => [f, ''])))}>
              Hapus semua saringan
            </button>
          )}
        </form>
        <section class="results" aria-labelledby="hasil" aria-busy={first.loading}>
          <h2 id="hasil" class="results-title" aria-live="polite">
            {first.data ? `${first.data.search.totalCount} isu${q.trim() ? ` untuk “${q.trim()}”` : ''}` : 'Isu'}
          </h2>
          {first.data?.search.fallback && (
            <p class="alert alert-info">Mesin pencari utama sedang lambat; hasil dari basis data.</p>
          )}
          {first.error ? <ErrorBox error={first.error} retry={first.reload} /> : null}
          {first.loading && !first.data ? <Loading /> : null}
          {first.data && hits.length === 0 && <p>Tidak ada isu yang cocok. Coba kata lain atau hapus saringan.</p>}
          <div class="card-list">
            {hits.map((hit) => (
              <IssueCard issue={hit.issue} highlight={q.trim() ? hit.highlights : undefined} />
            ))}
          </div>
          {moreError ? <ErrorBox error={moreError} /> : null}
          {info?.hasNextPage && (
            <button type="button" class="btn btn-secondary btn-block" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? 'Memuat…' : 'Tampilkan lebih banyak'}
            </button>
          )}
          {first.data && (
            <p class="hint" style="margin-top:1rem">
              Pencarian: {engineNames[first.data.search.engine] ?? first.data.search.engine}
            </p>
          )}
        </section>
      </div>
    </>
  );
}

function Select(props: {
  label: string;
  name: string;
  value: string;
  options: [string, string][];
  onChange: (name: string, value: string) => void;
  any?: string;
}) {
  const id = `saring-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(props.name, (e.target as HTMLSelectElement).value)}>
        <option value="">{props.any ?? 'Semua'}</option>
        {props.options.map(([value, label]) => (
          <option value={value}>{label}</option>
        ))}
      </select>
    </div>
  );
}
