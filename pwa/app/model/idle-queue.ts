/**
 * Work the list defers to idle time: cards mounted after the first screenful,
 * updates of cards off screen at a period boundary, codes computed ahead. Tasks
 * run in order, as many per idle period as fit in it, so that a slice of them
 * plus the frame rendered after it stays within one frame (issue 7, item 4):
 * a fixed batch size ignores how busy the page is, and the idle period may be
 * far longer than a frame when nothing is animating.
 *
 * A task usually sets state, or computes codes, and what follows (Preact's
 * render, the codes' promises) runs in microtasks after the callback returns,
 * so a task's cost is only known afterwards: the queue keeps an estimate per
 * kind of task, corrected after each slice by how long the slice really took
 * (measured in the next task; raised at once, lowered slowly), and fills each
 * slice with as many tasks as their estimates fit in the deadline's time
 * remaining.
 */

/** The longest slice of work per idle callback, in ms: the frame's rendering (style, layout, paint of the list) needs the rest. */
const MAX_SLICE_MS = 4;
/**
 * The shortest slice, in ms, however little idle time is left: on a page that
 * is never idle a slice comes only every {@link IDLE_TIMEOUT_MS}, and a single
 * task each time would take minutes to add a thousand cards.
 */
const MIN_SLICE_MS = 2;
/** Time left unused at the end of an idle period, for the browser's own work. */
const SLACK_MS = 1;
/** The least a task is assumed to cost (ms), so a run of no-op tasks can't make the next slice huge. */
const MIN_MS_PER_TASK = 0.05;

/** The kinds of idle work, each with its own cost: a card re-rendered, a card added, codes computed ahead, an icon shown. */
export type IdleWork = 'card-update' | 'card-mount' | 'codes-ahead' | 'icon-update';

/** Estimated cost of one task of each kind in ms, renders included; first guesses, then measured. */
const msPerTask: Record<IdleWork, number> = { 'card-update': 0.25, 'card-mount': 0.5, 'codes-ahead': 1.5, 'icon-update': 0.1 };
/** How long an idle slice may wait on a page that is never idle (ms). */
const IDLE_TIMEOUT_MS = 250;

const queue: Array<{ kind: IdleWork; run: () => void }> = [];
let scheduled = false;

/** Runs `task` in idle time, after the tasks queued before it; `kind` says what it costs. */
export function whenIdle(kind: IdleWork, task: () => void): void {
  queue.push({ kind, run: task });
  if (!scheduled) schedule();
}

function schedule(): void {
  scheduled = true;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(runSlice, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(() => runSlice(undefined), 16);
}

function runSlice(deadline: IdleDeadline | undefined): void {
  const remaining = deadline ? deadline.timeRemaining() - SLACK_MS : MAX_SLICE_MS;
  const budget = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, remaining));
  // At least one task, so the queue always moves.
  let count = 1;
  let estimated = msPerTask[queue[0]!.kind];
  while (count < queue.length && estimated + msPerTask[queue[count]!.kind] <= budget) estimated += msPerTask[queue[count++]!.kind];
  const slice = queue.splice(0, count);
  const start = performance.now();
  try {
    for (const task of slice) task.run();
  } finally {
    // A message arrives in a task of its own, after every microtask the slice left (renders,
    // promise chains), and sometimes after the frame too, which only makes the estimate safer.
    afterMicrotasks(() => {
      // Every kind in the slice is corrected by the same ratio: up at once when tasks got
      // dearer (a slice too big makes a long frame), down slowly.
      const ratio = (performance.now() - start) / estimated;
      for (const kind of new Set(slice.map((task) => task.kind))) {
        msPerTask[kind] = Math.max(MIN_MS_PER_TASK, msPerTask[kind] * (ratio > 1 ? ratio : 0.8 + 0.2 * ratio));
      }
      if (queue.length === 0) {
        scheduled = false;
        return;
      }
      // The next slice after the next frame: two slices in one idle period would make one long frame.
      afterNextFrame(schedule);
    });
  }
}

/** Calls `callback` once the next frame has started (at once where there are no frames). */
function afterNextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else callback();
}

let channel: MessageChannel | undefined;
/** Calls `callback` in a task after the current one (a message, which page clocks in tests don't hold back). */
function afterMicrotasks(callback: () => void): void {
  if (typeof MessageChannel !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    // Node (unit tests) would otherwise stay alive for an open port.
    (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
  }
  channel.port1.onmessage = () => callback();
  channel.port2.postMessage(null);
}
