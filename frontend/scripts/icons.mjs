// Draws the app icons (the "T" of public/favicon.svg) as PNG files for the web
// app manifest, with no image library: the shapes are rectangles, sampled
// 4×4 times per pixel for smooth edges, and written as an RGBA PNG.
//
//   node scripts/icons.mjs   (writes public/icon-192.png, icon-512.png, icon-maskable-512.png)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const BRAND = [0x0b, 0x4f, 0x6c];
const WHITE = [0xff, 0xff, 0xff];

// The favicon's geometry on its 32-unit grid: a rounded square and a "T"
// made of a bar and a stem.
const T = [
  [8, 9, 24, 13],
  [14, 13, 18, 25],
];

function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 32 - radius);
  const cy = Math.min(Math.max(y, radius), 32 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * Renders one icon. A maskable icon fills the whole square (the platform
 * cuts its own shape) and shrinks the T into the central safe zone.
 */
function render(size, maskable) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  const scale = maskable ? 0.7 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (!maskable && !inRoundedSquare(x, y, 6)) continue;
          bg++;
          // The T is drawn on the grid scaled about the centre.
          const tx = (x - 16) / scale + 16;
          const ty = (y - 17) / scale + 17;
          if (T.some(([x0, y0, x1, y1]) => tx >= x0 && tx < x1 && ty >= y0 && ty < y1)) fg++;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(BRAND[c] * (1 - f) + WHITE[c] * f);
      pixels[i + 3] = Math.round((bg / n) * 255);
    }
  }
  return png(size, pixels);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Each row starts with filter type 0 (none).
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(import.meta.dirname, '..', 'public');
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  writeFileSync(join(out, name), render(size, maskable));
  console.log(`wrote public/${name}`);
}
