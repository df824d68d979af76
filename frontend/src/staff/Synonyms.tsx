import { useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { formatDateTime } from '../format';
import { ActionResult, Field, useAction, valueOf } from './ui';

interface Synonym {
  term: string;
  synonyms: string[];
  updatedAt: string;
}

const SYNONYMS = `{ searchSynonyms { term synonyms updatedAt } }`;

/** Splits what an admin typed into synonyms: one per line or comma. */
function words(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** The synonym groups search applies: abbreviations and other ways of saying a thing. */
export function AdminSynonyms() {
  useTitle('Sinonim pencarian');
  const q = useQuery<{ searchSynonyms: Synonym[] }>(SYNONYMS);
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useAction();
  return (
    <section>
      <h1>Sinonim pencarian</h1>
      <p>
        Warga mencari dengan singkatan dan istilah sehari-hari. Setiap kelompok membuat pencarian menemukan semua katanya sekaligus: mencari{' '}
        <em>dinkes</em> juga menemukan <em>dinas kesehatan</em>. Perubahan berlaku dalam semenit dan dicatat di log audit.
      </p>
      <ActionResult state={remove} />
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Kelompok sinonim">
          <table class="data" data-testid="synonyms">
            <caption class="sr-only">Kelompok sinonim pencarian</caption>
            <thead>
              <tr>
                <th scope="col">Istilah</th>
                <th scope="col">Sinonim</th>
                <th scope="col">Diubah</th>
                <th scope="col">
                  <span class="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.searchSynonyms.map((s) =>
                editing === s.term ? (
                  <tr>
                    <td colSpan={4}>
                      <SynonymForm
                        synonym={s}
                        onDone={() => {
                          setEditing(null);
                          q.reload();
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr>
                    <th scope="row">{s.term}</th>
                    <td>{s.synonyms.join(', ')}</td>
                    <td>{formatDateTime(s.updatedAt)}</td>
                    <td class="row-actions">
                      <button type="button" class="btn btn-link" onClick={() => setEditing(s.term)}>
                        Ubah<span class="sr-only"> {s.term}</span>
                      </button>
                      <button
                        type="button"
                        class="btn btn-link"
                        disabled={remove.busy}
                        onClick={() => {
                          if (!confirm(`Hapus kelompok sinonim "${s.term}"?`)) return;
                          remove.run(async () => {
                            await gql(`mutation D($input: DeleteSearchSynonymsInput!) { deleteSearchSynonyms(input: $input) { searchSynonym { term } } }`, {
                              input: { term: s.term },
                            });
                            q.reload();
                            return `Kelompok "${s.term}" dihapus.`;
                          });
                        }}
                      >
                        Hapus<span class="sr-only"> {s.term}</span>
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <h2>Tambah kelompok</h2>
      <SynonymForm onDone={q.reload} />
    </section>
  );
}

function SynonymForm({ synonym, onDone, onCancel }: { synonym?: Synonym; onDone: () => void; onCancel?: () => void }) {
  const [term, setTerm] = useState(synonym?.term ?? '');
  const [list, setList] = useState(synonym?.synonyms.join('\n') ?? '');
  const action = useAction();
  const prefix = synonym ? `sinonim-${synonym.term.replace(/\W+/g, '-')}` : 'sinonim-baru';
  return (
    <form
      aria-label={synonym ? `Ubah sinonim ${synonym.term}` : 'Tambah kelompok sinonim'}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await gql(`mutation S($input: SetSearchSynonymsInput!) { setSearchSynonyms(input: $input) { searchSynonym { term } } }`, {
            input: { term: term.trim(), synonyms: words(list) },
          });
          if (!synonym) {
            setTerm('');
            setList('');
          }
          onDone();
          return synonym ? undefined : `Kelompok "${term.trim().toLowerCase()}" tersimpan.`;
        });
      }}
    >
      <ActionResult state={action} />
      <div class="form-grid">
        <Field id={`${prefix}-istilah`} label="Istilah" hint="Misalnya: dinkes">
          <input id={`${prefix}-istilah`} required readOnly={Boolean(synonym)} value={term} aria-invalid={action.field === 'term' ? true : undefined} onInput={(e) => setTerm(valueOf(e))} />
        </Field>
        <Field id={`${prefix}-daftar`} label="Sinonim" hint="Satu per baris atau dipisah koma, 1–20. Misalnya: dinas kesehatan">
          <textarea id={`${prefix}-daftar`} required rows={3} value={list} aria-invalid={action.field?.startsWith('synonyms') ? true : undefined} onInput={(e) => setList(valueOf(e))} />
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {synonym ? 'Simpan' : 'Tambah'}
        </button>
        {onCancel && (
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            Batal
          </button>
        )}
      </div>
    </form>
  );
}
