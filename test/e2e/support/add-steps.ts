/**
 * Steps and test data for the add-account e2e tests (test/e2e/pwa/add-*.spec.ts):
 * pictures and fake-camera videos of QR codes made in the test, and the user's
 * steps through the add screen.
 */
import { expect, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { deflateSync, inflateSync } from 'node:zlib';
import { generateTotp, parseOtpauthUri } from '../../../shared/otp';
import { makeQrFrame, toI420, type QrFrameVariant, type RgbaFrame } from '../../fixtures/qr-frames';

/** A fixed moment for `page.clock`, so the test and the page agree on the code. */
export const FIXED_TIME = new Date('2025-03-14T15:09:26Z');

/** An authenticator link as GitHub would issue it. */
export const GITHUB_URI = 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
/** How the app names that account. */
export const GITHUB_NAME = 'GitHub (alice@example.com)';

/** The code an account's link gives at `time`, as the test computes it. */
export function expectedCode(uri: string, time: Date = FIXED_TIME): string {
  return generateTotp(parseOtpauthUri(uri), time.getTime());
}

/** Options of a made-up camera picture. */
export interface PictureOptions {
  /** What the QR code says; ignored for `variant: 'none'`. */
  text: string;
  /** Size in pixels; 640x480 unless given. */
  width?: number;
  height?: number;
  /** `'none'` for a picture without a code; `'clean'` by default. */
  variant?: QrFrameVariant;
}

/** Draws a camera-like picture of a QR code (see test/fixtures/qr-frames.ts). */
export function makePicture({ text, width = 640, height = 480, variant = 'clean' }: PictureOptions): RgbaFrame {
  return makeQrFrame({ text, width, height, variant, seed: 7 });
}

/** CRC-32 (ISO 3309) of `bytes`, as PNG chunks need. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes an RGBA frame as a PNG file (8-bit RGBA, no filtering), with node's zlib. */
export function encodePng(frame: RgbaFrame): Buffer {
  const { data, width, height } = frame;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const offset = y * (width * 4 + 1);
    rows[offset] = 0; // filter: none
    rows.set(data.subarray(y * width * 4, (y + 1) * width * 4), offset + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', new Uint8Array())]);
}

/**
 * Writes a y4m video for Chromium's fake camera: the picture held still for
 * `frames` frames (Chromium loops the file). The capture size is the picture's.
 */
export async function writeY4m(path: string, picture: RgbaFrame, frames = 3): Promise<void> {
  const { y, u, v, width, height } = toI420(picture);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  await writeFile(path, Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)]));
}

/**
 * Writes a y4m video that shows each picture for its number of frames, one
 * after another (Chromium loops the file): several QR codes "held up" in turn,
 * like a phone filming another phone's screen that pages through codes.
 * Every picture must have the same size.
 */
export async function writeY4mSequence(path: string, scenes: ReadonlyArray<{ picture: RgbaFrame; frames: number }>): Promise<void> {
  const first = scenes[0]!.picture;
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F30:1 Ip A1:1 C420jpeg\n`)];
  for (const { picture, frames } of scenes) {
    if (picture.width !== first.width || picture.height !== first.height) throw new Error('writeY4mSequence: pictures differ in size');
    const { y, u, v } = toI420(picture);
    const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
    for (let i = 0; i < frames; i++) parts.push(frame);
  }
  await writeFile(path, Buffer.concat(parts));
}

/**
 * Decodes a PNG (8-bit greyscale, RGB or RGBA, not interlaced, as Chromium's
 * screenshots are) into RGBA pixels, with node's zlib: a screenshot of a QR
 * code on screen becomes a camera picture.
 */
export function decodePng(png: Buffer): RgbaFrame {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('decodePng: only 8-bit, non-interlaced PNGs');
      colourType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (!channels) throw new Error(`decodePng: colour type ${colourType} not supported`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let value = line[x]!;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const at = i * channels;
    const grey = channels <= 2;
    data[i * 4] = pixels[at]!;
    data[i * 4 + 1] = grey ? pixels[at]! : pixels[at + 1]!;
    data[i * 4 + 2] = grey ? pixels[at]! : pixels[at + 2]!;
    data[i * 4 + 3] = channels === 4 ? pixels[at + 3]! : channels === 2 ? pixels[at + 1]! : 255;
  }
  return { data, width, height };
}

/** Chromium flags that feed `videoPath` to pages as the camera, and accept the camera prompt. */
export function fakeCameraArgs(videoPath: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${videoPath}`];
}

/** Opens the app with an empty list and the add screen on it; returns the add dialog. */
export async function openAddScreen(page: Page, pwaUrl: string) {
  await page.goto(pwaUrl);
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The list item of an account in the codes list, by the name the app gives it. */
export function accountCard(page: Page, name: string) {
  return page.getByRole('main').getByRole('listitem', { name });
}

/** Expects the codes list to show `name` with `code`, spelt digit by digit for screen readers. */
export async function expectAccountShowsCode(page: Page, name: string, code: string): Promise<void> {
  await expect(accountCard(page, name)).toContainText(`Code ${code.split('').join(' ')}`);
}

/** Expects the codes list to hold exactly `count` accounts (0: the empty state). */
export async function expectAccountCount(page: Page, count: number): Promise<void> {
  if (count === 0) await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  else await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(count);
}

/** Places `picture` on a larger plain background at (`x`, `y`), like a QR code in a desktop screenshot. */
export function placeOnCanvas(picture: RgbaFrame, width: number, height: number, x: number, y: number, grey = 236): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  for (let row = 0; row < picture.height; row++) {
    data.set(picture.data.subarray(row * picture.width * 4, (row + 1) * picture.width * 4), ((y + row) * width + x) * 4);
  }
  return { data, width, height };
}

/** Closes the add screen and expects the list to hold `count` accounts: what was saved, and nothing more. */
export async function closeAndExpectAccounts(page: Page, count: number): Promise<void> {
  await page.getByRole('dialog', { name: 'Add account' }).getByRole('button', { name: 'Close' }).click();
  await expectAccountCount(page, count);
}
