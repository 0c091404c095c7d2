/**
 * The phone's camera in the journeys: a screenshot of what the desktop shows
 * (a PNG) becomes a short y4m video for Chromium's fake camera, as if the phone
 * were held up to the screen. Only pixels cross from one browser to the other.
 *
 *   const png = await desktopPage.screenshot({ clip });
 *   await writeFile('qr.y4m', cameraVideo(decodePng(png)));
 *
 * `decodePng` (test/e2e/support/add-steps.ts) reads the PNG; test/fixtures/qr-frames.ts's
 * `toI420` turns each frame into the planes a y4m stores.
 */
import { toI420, type RgbaFrame } from '../../fixtures/qr-frames';

/** How the phone frames the picture. */
export interface CameraVideoOptions {
  /** Video size in pixels; 640x480 unless given (the capture size is the file's size). */
  width?: number;
  height?: number;
  /** How many frames; 20 unless given (Chromium loops the file). */
  frames?: number;
  /** Frames a second written in the header; 10 unless given. */
  fps?: number;
}

/**
 * Makes a y4m video of `picture` as a phone held up to a screen sees it: the
 * picture scaled to about three quarters of the frame height, on a dim desk
 * colour, drifting a pixel or two from frame to frame like a hand that is not
 * quite still.
 */
export function cameraVideo(picture: RgbaFrame, { width = 640, height = 480, frames = 20, fps = 10 }: CameraVideoOptions = {}): Buffer {
  const scale = Math.min(2, (height * 0.75) / Math.max(picture.width, picture.height));
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const chunks: Buffer[] = [header];
  for (let f = 0; f < frames; f++) {
    const shakeX = Math.round(2 * Math.sin((f * 2 * Math.PI) / frames));
    const shakeY = Math.round(2 * Math.cos((f * 2 * Math.PI) / frames));
    const frame = composeFrame(picture, width, height, scale, shakeX, shakeY);
    const { y, u, v } = toI420(frame);
    chunks.push(Buffer.from('FRAME\n'), Buffer.from(y), Buffer.from(u), Buffer.from(v));
  }
  return Buffer.concat(chunks);
}

/** Draws `picture` scaled by `scale` (bilinear) at the centre of a `width` x `height` frame, moved by (dx, dy). */
function composeFrame(picture: RgbaFrame, width: number, height: number, scale: number, dx: number, dy: number): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  const w = picture.width * scale;
  const h = picture.height * scale;
  const left = (width - w) / 2 + dx;
  const top = (height - h) / 2 + dy;
  const at = (x: number, y: number, c: number) => {
    const cx = Math.min(picture.width - 1, Math.max(0, x));
    const cy = Math.min(picture.height - 1, Math.max(0, y));
    return picture.data[(cy * picture.width + cx) * 4 + c];
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      // Where this camera pixel falls on the screenshot.
      const u = (x + 0.5 - left) / scale - 0.5;
      const v = (y + 0.5 - top) / scale - 0.5;
      if (u < -0.5 || v < -0.5 || u > picture.width - 0.5 || v > picture.height - 0.5) {
        data.set([58, 54, 50, 255], p); // the desk around the screen
        continue;
      }
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      for (let c = 0; c < 3; c++) {
        const top0 = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
        const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
        data[p + c] = top0 * (1 - fy) + bottom * fy;
      }
      data[p + 3] = 255;
    }
  }
  return { data, width, height };
}
