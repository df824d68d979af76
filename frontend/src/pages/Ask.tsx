import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage, gql } from '../api';
import { CopyButton, StatusBadge, VerdictBadge, useTitle } from '../components';
import { useDirectory } from './directory';

const SUBMIT = `mutation Ask($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) { trackingCode alreadySubmitted question { status createdAt } }
}`;

interface Submitted {
  trackingCode: string;
  alreadySubmitted: boolean;
}

const MIN = 20;
const MAX = 4000;

/** Ask is the question form; prefill is what the citizen typed in the search box. */
export function Ask({ prefill = '' }: { prefill?: string }) {
  useTitle('Ajukan pertanyaan');
  const directory = useDirectory();
  const [body, setBody] = useState(prefill);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [agency, setAgency] = useState('');
  const [category, setCategory] = useState('');
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);

  if (done) return <Receipt submitted={done} />;

  const length = body.trim().length;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (length < MIN) {
      setError({ message: `Pertanyaan minimal ${MIN} karakter.`, field: 'body' });
      return;
    }
    const url = link.trim();
    if (url && !isWebLink(url)) {
      setError({ message: 'Tautan harus alamat web lengkap yang diawali http:// atau https://.', field: 'link' });
      return;
    }
    // The API has no field for a link yet: it travels at the end of the
    // question's text, on its own line, where TRC reads it.
    const text = url ? `${body.trim()}\n\nTautan: ${url}` : body.trim();
    if (text.length > MAX) {
      setError({ message: `Pertanyaan beserta tautannya paling banyak ${MAX.toLocaleString('id-ID')} karakter.`, field: 'body' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input: Record<string, string> = { body: text };
      if (name.trim()) input.name = name.trim();
      if (contact.trim()) input.contact = contact.trim();
      if (agency) input.agencySlug = agency;
      if (category) input.categorySlug = category;
      const data = await gql<{ submitQuestion: Submitted }>(SUBMIT, { input });
      setDone(data.submitQuestion);
      window.scrollTo(0, 0);
    } catch (err) {
      setError({ message: errorMessage(err), field: err instanceof ApiError ? err.field : undefined });
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  return (
    <section class="narrow">
      <h1>Ajukan pertanyaan</h1>
      <p>
        Tanyakan kebenaran kabar yang Anda terima atau sampaikan pertanyaan kepada pemerintah daerah. Tim Reaksi Cepat akan
        menelaah dan meneruskannya ke instansi yang tepat. Anda akan mendapat <strong>kode pelacakan</strong> untuk mengikuti
        jawabannya — tanpa perlu akun.
      </p>
      <p class="alert alert-info" id="tanya-privasi">
        Nama dan kontak Anda tidak pernah dipublikasikan. <strong>Teks pertanyaan (dan tautannya) dapat dipublikasikan</strong>{' '}
        bila Tim Reaksi Cepat membukanya sebagai isu publik, jadi jangan tuliskan data pribadi di dalamnya.{' '}
        <a href="/tentang#privasi">Tentang privasi</a>
      </p>
      <form onSubmit={submit} noValidate>
        {error && (
          <div class="alert alert-error" role="alert">
            {error.message}
          </div>
        )}
        <div class="field">
          <label for="tanya-isi">Pertanyaan Anda (wajib)</label>
          <textarea
            id="tanya-isi"
            rows={6}
            maxLength={MAX}
            required
            aria-invalid={invalid('body')}
            aria-describedby="tanya-isi-bantu"
            value={body}
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
          />
          <p id="tanya-isi-bantu" class="hint">
            {MIN}–{MAX.toLocaleString('id-ID')} karakter. Saat ini {length} karakter.
          </p>
        </div>
        <Suggestions text={body} />
        <div class="field">
          <label for="tanya-tautan">Tautan ke unggahan atau berita (tidak wajib)</label>
          <input
            id="tanya-tautan"
            type="url"
            autocomplete="off"
            value={link}
            aria-invalid={invalid('link')}
            aria-describedby="tanya-tautan-bantu"
            onInput={(e) => setLink((e.target as HTMLInputElement).value)}
          />
          <p id="tanya-tautan-bantu" class="hint">
            Salin alamat unggahan Facebook, WhatsApp, TikTok, atau berita yang Anda tanyakan, misalnya https://…
          </p>
        </div>
        <fieldset>
          <legend>Data diri (tidak wajib, tidak pernah dipublikasikan)</legend>
          <div class="field">
            <label for="tanya-nama">Nama</label>
            <input id="tanya-nama" autocomplete="name" value={name} aria-invalid={invalid('name')} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="tanya-kontak">E-mail atau nomor HP</label>
            <input
              id="tanya-kontak"
              autocomplete="email"
              value={contact}
              aria-invalid={invalid('contact')}
              aria-describedby="tanya-kontak-bantu"
              onInput={(e) => setContact((e.target as HTMLInputElement).value)}
            />
            <p id="tanya-kontak-bantu" class="hint">
              Hanya dipakai petugas bila perlu menghubungi Anda.
            </p>
          </div>
        </fieldset>
        <div class="field">
          <label for="tanya-instansi">Instansi yang menurut Anda terkait (tidak wajib)</label>
          <select id="tanya-instansi" value={agency} onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}>
            <option value="">Tidak tahu</option>
            {(directory.data?.agencies ?? []).map((a) => (
              <option value={a.slug}>{a.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tanya-kategori">Topik (tidak wajib)</label>
          <select id="tanya-kategori" value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
            <option value="">Tidak tahu</option>
            {(directory.data?.categories ?? []).map((c) => (
              <option value={c.slug}>{c.name}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Mengirim…' : 'Kirim pertanyaan'}
        </button>
      </form>
    </section>
  );
}

const SUGGEST = `query Suggest($query: String!) {
  search(query: $query, first: 3) {
    quality
    edges { node { missingWords issue { number title status verdict verdictLabel } } }
  }
}`;

interface Suggestion {
  number: string;
  title: string;
  status: string;
  verdict: string | null;
  verdictLabel: string | null;
}

/** How long the question form waits after typing stops before it looks for answers. */
const SUGGEST_DELAY = 400;

/** The words of a question search reads: its first 200 characters, whole words. */
function searchText(text: string): string {
  const words = text.trim().split(/\s+/);
  let out = '';
  for (const w of words) {
    if ((out + ' ' + w).trim().length > 200) break;
    out = (out + ' ' + w).trim();
  }
  // A finished question: the last word is not being typed any more.
  return out ? out + ' ' : '';
}

/**
 * While the citizen types, the clarifications that may already answer the
 * question: the best three of a search for its words, with their verdicts,
 * shown unless search found nothing that matches well.
 */
function Suggestions({ text }: { text: string }) {
  const query = searchText(text);
  const [found, setFound] = useState<{ query: string; issues: Suggestion[] } | null>(null);
  useEffect(() => {
    if (query.trim().split(' ').length < 2 && query.trim().length < 6) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      gql<{ search: { quality: string; edges: { node: { missingWords: string[]; issue: Suggestion } }[] } }>(SUGGEST, { query }).then(
        (d) => {
          if (!live) return;
          // Only the best matches: none lacking more of the question's
          // words than the first.
          const edges = d.search.quality === 'NONE' ? [] : d.search.edges;
          const lacking = edges[0]?.node.missingWords.length ?? 0;
          setFound({ query, issues: edges.filter((e) => e.node.missingWords.length <= lacking).map((e) => e.node.issue) });
        },
        // Suggestions are a help, never in the way: a failed search shows none.
        () => live && setFound(null),
      );
    }, SUGGEST_DELAY);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  if (!found || found.issues.length === 0) return null;
  return (
    <section class="suggestions" aria-labelledby="tanya-saran" aria-live="polite" data-testid="suggestions">
      <h2 id="tanya-saran">Mungkin sudah dijawab</h2>
      <ul>
        {found.issues.map((i) => (
          <li>
            {i.verdict ? <VerdictBadge verdict={i.verdict} label={i.verdictLabel} /> : <StatusBadge status={i.status} />}
            <a href={`/isu/${i.number}`} target="_blank" rel="noopener">
              {i.title}
              <span class="sr-only"> (tab baru)</span>
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">Bila belum menjawab pertanyaan Anda, lanjutkan mengisi formulir ini.</p>
    </section>
  );
}

/** Whether s is an absolute http(s) address. */
function isWebLink(s: string): boolean {
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function Receipt({ submitted }: { submitted: Submitted }) {
  const trackUrl = `${location.origin}/lacak/${encodeURIComponent(submitted.trackingCode)}`;
  const share = async () => {
    if (navigator.share) {
      try {
        await navigator.share({ title: 'Kode pelacakan pertanyaan', text: `Kode pelacakan: ${submitted.trackingCode}`, url: trackUrl });
      } catch {
        // The reader closed the share sheet.
      }
    }
  };
  return (
    <section class="narrow receipt">
      <h1>Pertanyaan terkirim</h1>
      {submitted.alreadySubmitted && (
        <p class="alert alert-info">Pertanyaan yang sama sudah Anda kirim hari ini; berikut kodenya.</p>
      )}
      <p>Simpan kode pelacakan ini. Dengan kode ini Anda dapat mengikuti status dan jawaban pertanyaan Anda.</p>
      <p class="tracking-code" aria-label="Kode pelacakan">
        <output data-testid="tracking-code">{submitted.trackingCode}</output>
      </p>
      <p class="share-actions">
        <CopyButton text={submitted.trackingCode} label="Salin kode" />
        <CopyButton text={trackUrl} label="Salin tautan pelacakan" />
        {typeof navigator.share === 'function' && (
          <button type="button" class="btn btn-secondary" onClick={share}>
            Bagikan
          </button>
        )}
        <a class="btn btn-secondary" href={`https://wa.me/?text=${encodeURIComponent(`Kode pelacakan pertanyaan saya: ${submitted.trackingCode} — ${trackUrl}`)}`} target="_blank" rel="noopener noreferrer">
          Kirim ke WhatsApp saya<span class="sr-only"> (tab baru)</span>
        </a>
      </p>
      <p>
        <a class="btn btn-primary" href={`/lacak/${encodeURIComponent(submitted.trackingCode)}`}>
          Lacak pertanyaan ini
        </a>
      </p>
    </section>
  );
}
