// Draws resources/icon.png (512×512): a red shield with a white exclamation mark on a
// dark rounded square. No image tools needed: shapes are sampled 4×4 per pixel and the
// PNG is encoded with node:zlib. Run: node resources/make-icon.mjs
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { URL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const BACK = [11, 31, 58];
const SHIELD = [214, 40, 40];
const MARK = [255, 255, 255];

const roundedSquare = (x, y) => {
  const r = 0.18;
  const dx = Math.max(0, Math.abs(x - 0.5) - (0.5 - r));
  const dy = Math.max(0, Math.abs(y - 0.5) - (0.5 - r));
  return dx * dx + dy * dy <= r * r;
};

const shield = (x, y) => {
  if (y < 0.16 || y > 0.86) return false;
  const half = y < 0.52 ? 0.3 : 0.3 * Math.max(0, (0.86 - y) / 0.34) ** 0.75;
  const dip = -0.03 * Math.cos(((x - 0.5) / 0.3) * (Math.PI / 2));
  return Math.abs(x - 0.5) <= half && y >= 0.19 + dip;
};

const mark = (x, y) => {
  const bar = Math.abs(x - 0.5) <= 0.035 && y >= 0.27 && y <= 0.58;
  const dot = (x - 0.5) ** 2 + (y - 0.68) ** 2 <= 0.042 ** 2;
  return bar || dot;
};

function pixel(px, py) {
  const acc = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / SIZE;
      const y = (py + (sy + 0.5) / SAMPLES) / SIZE;
      if (!roundedSquare(x, y)) continue;
      const colour = mark(x, y) ? MARK : shield(x, y) ? SHIELD : BACK;
      acc[0] += colour[0];
      acc[1] += colour[1];
      acc[2] += colour[2];
      acc[3] += 255;
    }
  }
  const n = SAMPLES * SAMPLES;
  const covered = acc[3] / 255 || 1;
  return [acc[0] / covered, acc[1] / covered, acc[2] / covered, acc[3] / n].map(Math.round);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const [r, g, b, a] = pixel(x, y);
    raw.set([r, g, b, a], y * (SIZE * 4 + 1) + 1 + x * 4);
  }
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
stdout.write(`wrote ${out.pathname} (${png.length} bytes)\n`);
