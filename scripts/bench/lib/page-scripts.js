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
 * Marks (performance.mark('bench:timer')) the start of every timer callback
 * of a second or more: the app's clock arms one such timer per period for its
 * next event, so each mark is a tick, and it shows in a Chromium trace. Marks
 * each idle callback too ('bench:idle'): the app defers the updates of cards
 * off screen to idle time. Also keeps every long task (PerformanceObserver
 * 'longtask') in window.__longTasks.
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
    if (typeof callback === 'function' && Number(delay) >= 1000) {
      const wrapped = (...args) => {
        performance.mark('bench:timer');
        return callback(...args);
      };
      return realSetTimeout.call(this, wrapped, delay, ...rest);
    }
    return realSetTimeout.call(this, callback, delay, ...rest);
  };
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
 * Records when the codes list first holds `expected` items (window.__list.dom,
 * performance.now() since navigation), the start of the next frame
 * (window.__list.frame) and a moment just after that frame was painted
 * (window.__list.painted: a task queued from its requestAnimationFrame).
 */
export function watchCodesList(expected) {
  const state = (window.__list = {});
  const observer = new MutationObserver(() => {
    const list = document.querySelector('ul[aria-label="Accounts"]');
    if (state.dom || !list || list.querySelectorAll(':scope > li').length < expected) return;
    state.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      state.frame = performance.now();
      setTimeout(() => (state.painted = performance.now()), 0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
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
    const card = [...document.querySelectorAll('li[aria-label]')].find((li) => li.getAttribute('aria-label') === cardName);
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
