// Draws the app icon (a countdown ring around a dot, the shape of a TOTP code's
// timer) into PNG files at every size the PWA manifest and the extension need.
// Run by hand after changing the design: `node scripts/make-icons.js`.
// Pure Node (zlib) so it runs on a machine without any image tools.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const BRAND = [15, 98, 254]; // #0f62fe
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const byte of buf) {
    c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** maskable: full-bleed background, artwork inside the 80% safe zone. */
function drawIcon(size, maskable) {
  const rgba = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const scale = maskable ? 0.7 : 1;
  const corner = maskable ? 0 : size * 0.22;
  const ringOuter = size * 0.34 * scale, ringInner = size * 0.25 * scale, dot = size * 0.1 * scale;
  const samples = 4; // supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples, py = y + (sy + 0.5) / samples;
          const qx = Math.max(corner - px, 0, px - (size - corner));
          const qy = Math.max(corner - py, 0, py - (size - corner));
          if (qx * qx + qy * qy > corner * corner && corner > 0) continue;
          bg++;
          const dx = px - c, dy = py - c, r = Math.hypot(dx, dy);
          // The ring is drawn for three quarters of a turn: time left on the code.
          const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
          if ((r <= ringOuter && r >= ringInner && angle <= 1.5 * Math.PI) || r <= dot) fg++;
        }
      }
      const n = samples * samples, i = (y * size + x) * 4;
      const f = bg ? fg / bg : 0;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(BRAND[k] * (1 - f) + WHITE[k] * f);
      rgba[i + 3] = Math.round((bg / n) * 255);
    }
  }
  return encodePng(size, rgba);
}

const out = (dir, name, size, maskable = false) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}`, drawIcon(size, maskable));
};
for (const size of [16, 32, 48, 128]) out('extension/icons', `icon-${size}.png`, size);
for (const size of [192, 512]) out('pwa/public/icons', `icon-${size}.png`, size);
out('pwa/public/icons', 'maskable-512.png', 512, true);
out('pwa/public/icons', 'apple-touch-icon.png', 180, true);
