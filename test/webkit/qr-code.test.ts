/**
 * Reading a QR code in WebKit (issue 14): from the camera, and from a
 * picture file ("From an image": createImageBitmap and OffscreenCanvas,
 * which WebKit has had only since Safari 16.4).
 *
 * The camera: WebKitGTK's mock camera shows a test pattern, not a code, so
 * the page's `getUserMedia` is replaced, before the add screen opens, by one
 * that films a canvas holding a camera-like picture of a QR code
 * (test/fixtures/qr-frames.ts):
 * `canvas.captureStream()`, repainted so it keeps sending frames. Everything
 * after the stream is the app's own: the viewfinder's <video>, the frame
 * grabs, the decoder worker, the add flow.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, onTestFinished } from 'vitest';
import { makeQrFrame } from '../fixtures/qr-frames';
import { encodePng } from '../e2e/support/add-steps';
import { expectCardShowsCode, GITHUB, GITHUB_NAME, GITHUB_URI, openAddScreen } from './support/steps';
import { openApp } from './support/webkit-app';

/** A camera-like 640x480 picture of the GitHub link's QR code. */
const picture = makeQrFrame({ text: GITHUB_URI, width: 640, height: 480, variant: 'clean', seed: 7 });

/**
 * In the page: makes `getUserMedia` answer with a stream of a canvas showing
 * the RGBA picture `arguments[0]` (Base64) of `arguments[1]` x `arguments[2]` pixels.
 */
const FILM_A_PICTURE = `
  const [base64, width, height] = arguments;
  const pixels = Uint8ClampedArray.from(atob(base64), (c) => c.charCodeAt(0));
  // On the prototype: WebKit may drop navigator.mediaDevices' wrapper, and a property set on it, when nothing holds it.
  MediaDevices.prototype.getUserMedia = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    const paint = () => context.putImageData(new ImageData(pixels, width, height), 0, 0);
    paint();
    // A canvas stream sends a frame when the canvas is drawn: keep drawing, as a camera keeps filming.
    const timer = setInterval(paint, 100);
    const stream = canvas.captureStream(10);
    stream.getVideoTracks()[0].addEventListener('ended', () => clearInterval(timer));
    const stop = MediaStreamTrack.prototype.stop;
    stream.getVideoTracks()[0].stop = function () { clearInterval(timer); stop.call(this); };
    return stream;
  };`;

describe('reading a QR code in WebKit', () => {
  it('reads the QR code the camera films, adds the account and shows its code', async () => {
    const app = await openApp();
    await app.run(FILM_A_PICTURE, Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength).toString('base64'), 640, 480);

    const dialog = await openAddScreen(app);
    const scanTab = await app.getByRole('tab', 'Scan QR code', { within: dialog });
    if ((await app.attribute(scanTab, 'aria-selected')) !== 'true') await app.click(scanTab);
    await app.getByRoleWithText('status', `Added ${GITHUB_NAME}`, { within: dialog, timeout: 20_000 });
    await app.click(app.getByRole('button', 'Done', { within: dialog }));
    await app.waitUntilGone('dialog', 'Add account');
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);
  });

  it('reads the QR code in a chosen picture, adds the account and shows its code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webkit-qr-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'github-qr.png');
    await writeFile(file, encodePng(picture));

    const app = await openApp();
    const dialog = await openAddScreen(app);
    await app.click(app.getByRole('tab', 'From an image', { within: dialog }));
    await app.chooseFile(await dialog.findElement({ css: 'input[type="file"]' }), file);
    await app.getByRoleWithText('status', `Added ${GITHUB_NAME}`, { within: dialog, timeout: 20_000 });
    await app.click(app.getByRole('button', 'Done', { within: dialog }));
    await app.waitUntilGone('dialog', 'Add account');
    await expectCardShowsCode(app, GITHUB_NAME, GITHUB);
  });
});
