// Checks the public portal's initial JavaScript against its budget: the
// entry script and every module index.html preloads, gzipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 100 * 1024;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const files = [
  ...html.matchAll(/<script type="module"[^>]* src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+\.js)"/g),
].map((m) => m[1]);
if (files.length === 0) {
  console.error('size budget: index.html names no JavaScript; is dist built?');
  process.exit(1);
}
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
if (/graphiql/i.test(files.join(' '))) {
  console.error('size budget: GraphiQL is part of the portal\'s initial load');
  process.exit(1);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(`portal initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped, ${verdict} the budget of ${BUDGET / 1024} KB`);
process.exit(total <= BUDGET ? 0 : 1);
