// `npm run package` (after `npm run build`): store-ready zip files of the
// extension, with manifest.json at the root of each:
//   dist/msp-portal-chrome-<version>.zip    Chrome Web Store, Edge Add-ons (zip of dist/extension)
//   dist/msp-portal-firefox-<version>.zip   addons.mozilla.org (web-ext build of dist/firefox)
// The Chrome zip is written here with node's zlib, so no `zip` program is needed;
// its entries are sorted and dated 2000-01-01, so the same build gives the same bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';
import webExt from 'web-ext';

/** CRC-32 (ISO 3309); node's own when it has one (20.15+). */
function crc32(bytes) {
  if (zlibCrc32) return zlibCrc32(bytes);
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function listFiles(dir) {
  const walk = (folder) =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? walk(path) : [relative(dir, path).split(sep).join('/')];
    });
  return walk(dir).sort();
}

/** Writes the files of `dir` into a zip file at `out` (deflate; PKWARE APPNOTE 6.3, §4.3). */
function zipFolder(dir, out) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (20 << 9) | (1 << 5) | 1; // 2000-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const data = readFileSync(join(dir, name));
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const fields = (header) => {
      header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
      header.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
      header.writeUInt16LE(8, 8); // method: deflate
      header.writeUInt16LE(DOS_TIME, 10);
      header.writeUInt16LE(DOS_DATE, 12);
      header.writeUInt32LE(crc32(data), 14);
      header.writeUInt32LE(packed.length, 18);
      header.writeUInt32LE(data.length, 22);
      header.writeUInt16LE(nameBytes.length, 26);
      return header;
    };
    const local = fields(Buffer.alloc(30));
    local.writeUInt32LE(0x04034b50, 0);
    locals.push(local, nameBytes, packed);
    // The central record has its fields 2 bytes further on ("version made by" comes first).
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    fields(Buffer.alloc(30)).copy(central, 6, 4, 30);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(out, Buffer.concat([...locals, directory, end]));
}

const version = (dir) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).version;
const chromeDir = resolve('dist/extension');
const firefoxDir = resolve('dist/firefox');
for (const dir of [chromeDir, firefoxDir]) {
  if (!statSync(join(dir, 'manifest.json'), { throwIfNoEntry: false })) {
    console.error(`No build in ${dir}: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const chromeZip = resolve(`dist/msp-portal-chrome-${version(chromeDir)}.zip`);
zipFolder(chromeDir, chromeZip);

const firefoxName = `msp-portal-firefox-${version(firefoxDir)}.zip`;
await webExt.cmd.build(
  { sourceDir: firefoxDir, artifactsDir: resolve('dist'), filename: firefoxName, overwriteDest: true },
  { shouldExitProgram: false },
);

console.log(`Store-ready packages:
  ${relative(process.cwd(), chromeZip)}   Chrome Web Store, Microsoft Edge Add-ons
  ${join('dist', firefoxName)}  addons.mozilla.org (run \`npm run lint:firefox\` before uploading)`);
