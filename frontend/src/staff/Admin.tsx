import { useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { options, roleLabels } from '../format';
import { loadDirectory, useDirectory } from '../pages/directory';
import { ActionResult, Field, useAction, valueOf } from './ui';

interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  agency: { slug: string; shortName: string } | null;
}

const USERS = `{ users { id email name role active agency { slug shortName } } }`;

export function AdminUsers() {
  useTitle('Pengguna');
  const q = useQuery<{ users: AdminUser[] }>(USERS);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section>
      <h1>Pengguna staf</h1>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {q.loading && !q.data && <Loading />}
      {q.data && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Daftar pengguna staf">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Nama</th>
                <th scope="col">E-mail</th>
                <th scope="col">Peran</th>
                <th scope="col">Instansi</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.users.map((u) =>
                editing === u.email ? (
                  <tr>
                    <td colSpan={6}>
                      <UserForm user={u} onDone={() => { setEditing(null); q.reload(); }} onCancel={() => setEditing(null)} />
                    </td>
                  </tr>
                ) : (
                  <tr>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{roleLabels[u.role] ?? u.role}</td>
                    <td>{u.agency?.shortName ?? '–'}</td>
                    <td>{u.active ? 'Aktif' : 'Nonaktif'}</td>
                    <td>
                      {u.active && (
                        <button type="button" class="btn btn-link" onClick={() => setEditing(u.email)}>
                          Ubah<span class="sr-only"> {u.email}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <h2>Tambah pengguna</h2>
      <UserForm onDone={q.reload} />
    </section>
  );
}

function UserForm({ user, onDone, onCancel }: { user?: AdminUser; onDone: () => void; onCancel?: () => void }) {
  const directory = useDirectory();
  const action = useAction();
  const [form, setForm] = useState({ email: user?.email ?? '', name: user?.name ?? '', role: user?.role ?? 'PIC', agency: user?.agency?.slug ?? '', password: '' });
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  const prefix = user ? `ubah-${user.id}` : 'baru';
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      if (user) {
        const input: Record<string, string> = { email: user.email };
        if (form.name !== user.name) input.name = form.name;
        if (form.role !== user.role) input.role = form.role;
        if (form.role === 'PIC' && form.agency !== (user.agency?.slug ?? '')) input.agencySlug = form.agency;
        if (form.password) input.password = form.password;
        await gql(`mutation U($input: UpdateUserInput!) { updateUser(input: $input) { user { id } } }`, { input });
        onDone();
        return;
      }
      const input: Record<string, string> = { email: form.email.trim(), name: form.name.trim(), role: form.role, password: form.password };
      if (form.role === 'PIC') input.agencySlug = form.agency;
      await gql(`mutation C($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`, { input });
      setForm({ email: '', name: '', role: 'PIC', agency: '', password: '' });
      onDone();
      return 'Akun dibuat.';
    });
  };
  const deactivate = () => {
    if (!user || !confirm(`Nonaktifkan ${user.email}? Semua sesinya akan berakhir.`)) return;
    action.run(async () => {
      await gql(`mutation D($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { id } } }`, { input: { email: user.email } });
      onDone();
    });
  };
  return (
    <form onSubmit={submit} aria-label={user ? `Ubah ${user.email}` : 'Tambah pengguna'}>
      <ActionResult state={action} />
      <div class="form-grid">
        {!user && (
          <Field id={`${prefix}-email`} label="E-mail">
            <input id={`${prefix}-email`} type="email" required value={form.email} onInput={set('email')} />
          </Field>
        )}
        <Field id={`${prefix}-nama`} label="Nama">
          <input id={`${prefix}-nama`} required value={form.name} onInput={set('name')} />
        </Field>
        <Field id={`${prefix}-peran`} label="Peran">
          <select id={`${prefix}-peran`} value={form.role} onChange={set('role')}>
            {options(roleLabels).map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </Field>
        {form.role === 'PIC' && (
          <Field id={`${prefix}-instansi`} label="Instansi">
            <select id={`${prefix}-instansi`} required value={form.agency} onChange={set('agency')}>
              <option value="">Pilih instansi…</option>
              {(directory.data?.agencies ?? []).map((a) => (
                <option value={a.slug}>{a.name}</option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${prefix}-sandi`} label={user ? 'Kata sandi baru (kosongkan bila tetap)' : 'Kata sandi'} hint="Minimal 10 karakter.">
          <input id={`${prefix}-sandi`} type="password" autocomplete="new-password" required={!user} minLength={10} value={form.password} onInput={set('password')} />
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {user ? 'Simpan' : 'Tambah'}
        </button>
        {user && (
          <button type="button" class="btn btn-danger" disabled={action.busy} onClick={deactivate}>
            Nonaktifkan
          </button>
        )}
        {onCancel && (
          <button type="button" class="btn btn-link" onClick={onCancel}>
            Batal
          </button>
        )}
      </div>
    </form>
  );
}

interface Named {
  slug: string;
  name: string;
  shortName?: string;
  description: string;
}

/** Agencies or categories: a table, an edit form per row and a create form. */
function DirectoryAdmin({ kind }: { kind: 'agency' | 'category' }) {
  const agency = kind === 'agency';
  useTitle(agency ? 'Instansi' : 'Kategori');
  const directory = useDirectory();
  const [editing, setEditing] = useState<string | null>(null);
  const rows: Named[] = (agency ? directory.data?.agencies : directory.data?.categories) ?? [];
  const refresh = () => {
    loadDirectory(true);
    directory.reload();
  };
  return (
    <section>
      <h1>{agency ? 'Instansi' : 'Kategori'}</h1>
      {directory.error ? <ErrorBox error={directory.error} retry={refresh} /> : null}
      {directory.loading && !directory.data && <Loading />}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={agency ? 'Daftar instansi' : 'Daftar kategori'}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Nama</th>
              {agency && <th scope="col">Singkatan</th>}
              <th scope="col">Slug</th>
              <th scope="col">
                <span class="sr-only">Tindakan</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              editing === row.slug ? (
                <tr>
                  <td colSpan={agency ? 4 : 3}>
                    <NamedForm kind={kind} row={row} onDone={() => { setEditing(null); refresh(); }} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr>
                  <td>{row.name}</td>
                  {agency && <td>{row.shortName}</td>}
                  <td>
                    <code>{row.slug}</code>
                  </td>
                  <td>
                    <button type="button" class="btn btn-link" onClick={() => setEditing(row.slug)}>
                      Ubah<span class="sr-only"> {row.name}</span>
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <h2>Tambah {agency ? 'instansi' : 'kategori'}</h2>
      <NamedForm kind={kind} onDone={refresh} />
    </section>
  );
}

function NamedForm({ kind, row, onDone, onCancel }: { kind: 'agency' | 'category'; row?: Named; onDone: () => void; onCancel?: () => void }) {
  const agency = kind === 'agency';
  const action = useAction();
  const [form, setForm] = useState({ slug: row?.slug ?? '', name: row?.name ?? '', shortName: row?.shortName ?? '', description: row?.description ?? '' });
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  const type = agency ? 'Agency' : 'Category';
  const prefix = `${kind}-${row?.slug ?? 'baru'}`;
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const input: Record<string, string> = { name: form.name.trim(), description: form.description.trim() };
      if (agency) input.shortName = form.shortName.trim();
      if (row) {
        input.slug = row.slug;
        if (form.slug !== row.slug) input.newSlug = form.slug.trim();
        await gql(`mutation U($input: Update${type}Input!) { update${type}(input: $input) { __typename } }`, { input });
        onDone();
        return;
      }
      input.slug = form.slug.trim();
      await gql(`mutation C($input: Create${type}Input!) { create${type}(input: $input) { __typename } }`, { input });
      setForm({ slug: '', name: '', shortName: '', description: '' });
      onDone();
      return 'Tersimpan.';
    });
  };
  return (
    <form onSubmit={submit}>
      <ActionResult state={action} />
      <div class="form-grid">
        <Field id={`${prefix}-nama`} label="Nama">
          <input id={`${prefix}-nama`} required value={form.name} onInput={set('name')} />
        </Field>
        {agency && (
          <Field id={`${prefix}-singkat`} label="Singkatan">
            <input id={`${prefix}-singkat`} required value={form.shortName} onInput={set('shortName')} />
          </Field>
        )}
        <Field id={`${prefix}-slug`} label="Slug (alamat)" hint="Huruf kecil, angka dan tanda hubung.">
          <input id={`${prefix}-slug`} required pattern="[a-z0-9-]+" value={form.slug} onInput={set('slug')} />
        </Field>
      </div>
      <Field id={`${prefix}-deskripsi`} label="Deskripsi">
        <textarea id={`${prefix}-deskripsi`} rows={2} value={form.description} onInput={set('description')} />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {row ? 'Simpan' : 'Tambah'}
        </button>
        {onCancel && (
          <button type="button" class="btn btn-link" onClick={onCancel}>
            Batal
          </button>
        )}
      </div>
    </form>
  );
}

export const AdminAgencies = () => <DirectoryAdmin key="agency" kind="agency" />;
export const AdminCategories = () => <DirectoryAdmin key="category" kind="category" />;
