import { useTitle } from '../components';

export function NotFound({ what = 'Halaman' }: { what?: string }) {
  useTitle(`${what} tidak ditemukan`);
  return (
    <section>
      <h1>{what} tidak ditemukan</h1>
      <p>Alamat yang Anda buka tidak ada atau tidak lagi tersedia untuk publik.</p>
      <p>
        <a href="/">Kembali ke pencarian isu</a>
      </p>
    </section>
  );
}
