/**
 * Scripts the benchmark adds to pages before they load (page.addInitScript):
 * they observe the product from outside, so the product carries no benchmark
 * hooks. Each is a plain function Playwright serialises into the page.
 */

/**
 * Shifts the page's wall clock (Date.now and new Date()) by `offsetMs`, leaving
 * timers, performance.now() and requestIdleCallback real. The app's clock reads
 * Date.now, so a period boundary can be made to come a few seconds after load
 * and the app's real timers fire for it.
 */
export function shiftWallClock(offsetMs) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + offsetMs);
      else super(...args);
    }
    static now() {
      return realNow() + offsetMs;
    }
  }
  globalThis.Date = ShiftedDate;
}

/**
 * Marks the tasks where the page's own work runs, so a Chromium trace shows
 * them (lib/trace.js):
 * - 'bench:timer' at the start of every tick of the app's clock: it arms one
 *   timer per period for its next event ("next code" marks and boundaries,
 *   all on multiples of 5 s of page time, plus 1 ms), so a timer of a second
 *   or more aimed within a few ms after such a multiple is a tick (the app's
 *   other long timers, e.g. loading screens in idle time a second after the
 *   list shows, are not);
 * - 'bench:timeout' at the start of every other timer callback;
 * - 'bench:idle' at the start of every idle callback (the app defers the
 *   updates of cards off screen, and cards added after the first screen, to
 *   idle time);
 * - 'bench:crypto' when a WebCrypto sign or importKey completes, in the task
 *   that resumes the code waiting for it (the app computes codes there).
 * Also keeps every long task (PerformanceObserver 'longtask') in window.__longTasks.
 */
export function markLongTimers() {
  if (typeof globalThis.requestIdleCallback === 'function') {
    const realIdle = globalThis.requestIdleCallback;
    globalThis.requestIdleCallback = function (callback, options) {
      return realIdle.call(
        this,
        (deadline) => {
          performance.mark('bench:idle');
          return callback(deadline);
        },
        options,
      );
    };
  }
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = function (callback, delay, ...rest) {
    if (typeof callback === 'function') {
      const tick = Number(delay) >= 1000 && (Date.now() + Number(delay)) % 5000 <= 20;
      const name = tick ? 'bench:timer' : 'bench:timeout';
      const wrapped = (...args) => {
        performance.mark(name);
        return callback(...args);
      };
      return realSetTimeout.call(this, wrapped, delay, ...rest);
    }
    return realSetTimeout.call(this, callback, delay, ...rest);
  };
  if (globalThis.SubtleCrypto) {
    for (const method of ['sign', 'importKey']) {
      const real = SubtleCrypto.prototype[method];
      SubtleCrypto.prototype[method] = function (...args) {
        // The mark runs in the microtasks of the task that resolves the operation, before the app's continuation.
        return real.apply(this, args).then((value) => {
          performance.mark('bench:crypto');
          return value;
        });
      };
    }
  }
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task timing: the trace still has every task.
  }
}

/**
 * Records, in window.__list (performance.now(), i.e. ms since navigation start):
 * - `dom`: when the codes list first shows a whole screen: every card in the
 *   viewport shows its code, and the cards reach past the viewport's bottom
 *   (or all `expected` cards are there);
 * - `frame`: the start of the next frame; `painted`: a moment just after that
 *   frame was painted (a task queued from its requestAnimationFrame);
 * - `all`: when the list holds all `expected` cards (the app adds the cards
 *   below the first screen in idle time).
 */
export function watchCodesList(expected) {
  const state = (window.__list = {});
  const showsCode = (item) => /Code \d( \d){5,9}/.test(item.textContent ?? '');
  let cards = 0;
  const observer = new MutationObserver((records) => {
    // Cards are counted as they are added (cheaply: the app adds them while this watches).
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        cards += (node.matches('[role="listitem"]') ? 1 : 0) + node.querySelectorAll('[role="listitem"]').length;
      }
    }
    if (!state.all && cards >= expected) {
      state.all = performance.now();
      if (state.dom) observer.disconnect();
    }
    if (state.dom) return;
    const list = document.querySelector('[role="list"][aria-label="Accounts"]');
    const items = list ? list.querySelectorAll('[role="listitem"]') : [];
    if (items.length === 0) return;
    // Layout is read only once cards are there; the frame would do it next anyway.
    const bottom = window.innerHeight;
    const onScreen = [...items].filter((item) => item.getBoundingClientRect().top < bottom);
    const filled = items.length >= expected || items[items.length - 1].getBoundingClientRect().bottom > bottom;
    if (!filled || !onScreen.every(showsCode)) return;
    state.dom = performance.now();
    if (state.all) observer.disconnect();
    requestAnimationFrame(() => {
      state.frame = performance.now();
      setTimeout(() => (state.painted = performance.now()), 0);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * For item 2 (scan to saved account), observes from outside:
 * - every camera frame of the scanner's <video>, through its own
 *   requestVideoFrameCallback: a 16x16 marker in the video's bottom-right
 *   corner is black on frames without the QR code and white on frames with
 *   it, so the first frame holding the code after one without is known, with
 *   its arrival time (the callback's `now`) and capture time;
 * - the frames the app posts to its decode worker and the worker's answers
 *   (id, text, worker ms), by wrapping Worker.prototype.postMessage and the
 *   onmessage setter;
 * - when the list holds the account's card showing a code and the add screen
 *   says "Added", and the paint after that;
 * - for the baseline, when a form is submitted (the "Paste a link" path).
 * All in window.__scan.
 */
export function watchScan({ cardName }) {
  const scan = (window.__scan = { frames: 0, posts: [], answers: [], firstQr: null });
  const realPost = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && typeof message.id === 'number') scan.posts.push({ id: message.id, at: performance.now() });
    return realPost.call(this, message, ...rest);
  };
  const handler = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get() {
      return handler.get.call(this);
    },
    set(listener) {
      handler.set.call(
        this,
        typeof listener === 'function'
          ? function (event) {
              const data = event.data;
              if (data && typeof data.id === 'number') scan.answers.push({ id: data.id, text: data.text, ms: data.ms, at: performance.now() });
              return listener.call(this, event);
            }
          : listener,
      );
    },
  });
  document.addEventListener('submit', () => (scan.submitted ??= performance.now()), true);

  const canvas = document.createElement('canvas');
  canvas.width = 4;
  canvas.height = 4;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let sawBlank = false;
  const watchVideo = (video) => {
    const onFrame = (now, metadata) => {
      if (video.videoWidth > 0) {
        context.drawImage(video, video.videoWidth - 16, video.videoHeight - 16, 16, 16, 0, 0, 4, 4);
        const pixel = context.getImageData(1, 1, 1, 1).data;
        const light = pixel[0] + pixel[1] + pixel[2] > 3 * 128;
        scan.frames++;
        if (!light) sawBlank = true;
        else if (sawBlank && !scan.firstQr) {
          scan.firstQr = { now, captureTime: metadata.captureTime ?? null, presentationTime: metadata.presentationTime, frame: scan.frames, width: video.videoWidth, height: video.videoHeight };
        }
      }
      if (!scan.firstQr) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const seen = new WeakSet();
  new MutationObserver(() => {
    for (const video of document.querySelectorAll('video')) {
      if (!seen.has(video)) {
        seen.add(video);
        watchVideo(video);
      }
    }
    if (scan.shown) return;
    const card = [...document.querySelectorAll('[role="listitem"][aria-label]')].find((item) => item.getAttribute('aria-label') === cardName);
    const code = card && /Code \d( \d){5,9}/.test(card.textContent ?? '');
    const added = [...document.querySelectorAll('[role="status"]')].some((el) => (el.textContent ?? '').includes(`Added ${cardName}`));
    if (code && added) {
      scan.shown = performance.now();
      requestAnimationFrame(() => setTimeout(() => (scan.painted = performance.now()), 0));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Records when a TOTP code, as a person sees it ("123 456" grouped digits),
 * is first in the page (window.__firstCode.dom) and a moment just after the
 * frame that paints it (window.__firstCode.painted), both performance.now(),
 * i.e. ms since navigation start.
 */
export function watchFirstCode() {
  const state = (window.__firstCode = {});
  const pattern = /(?<!\d)\d{3} \d{3}(?!\d)/;
  const observer = new MutationObserver(() => {
    if (state.dom || !pattern.test(document.body?.textContent ?? '')) return;
    state.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (state.painted = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}
