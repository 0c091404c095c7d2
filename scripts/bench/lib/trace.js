/**
 * Reading Chromium traces (browser.startTracing/stopTracing): the page's
 * main-thread tasks that ran the app's tick work, found by the
 * `performance.mark`s the page made inside them (see page-scripts.js).
 */

/** The categories the benchmark traces with: tasks, rendering steps, user timing marks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing'];

const RENDER_STEPS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

/**
 * For each tick (a mark named `tickMark`; marks within 200 ms are one tick),
 * the main-thread tasks within `windowMs` that hold a mark of `workMarks`
 * (the tick's timer callbacks and the idle-time batches the app defers to),
 * grouped into frames: the work tasks since the last rendering task and the
 * rendering task after them. Returns
 * [{ frames: [{ tasks, taskMs, renderMs, frameMs, render }], longestFrameMs, workMs, otherLongestMs }].
 * `otherLongestMs` is the longest task in the window holding no such mark
 * (animation frames, the browser's own work), for context.
 */
export function tickFrames(traceBuffer, tickMark, workMarks, windowMs = 4000) {
  const parsed = JSON.parse(traceBuffer.toString());
  const events = parsed.traceEvents ?? parsed;
  const isMark = (e, names) => names.includes(e.name) && e.cat?.includes('blink.user_timing');
  const ticksMarks = events.filter((e) => isMark(e, [tickMark])).sort((a, b) => a.ts - b.ts);
  if (ticksMarks.length === 0) return [];
  const { pid, tid } = ticksMarks[0];
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid);
  const workTimes = onMain.filter((e) => isMark(e, workMarks)).map((e) => e.ts);
  const tasks = onMain.filter((e) => e.ph === 'X' && e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const topLevel = [];
  for (const task of tasks) {
    const last = topLevel[topLevel.length - 1];
    if (last && task.ts < last.ts + last.dur) continue;
    topLevel.push(task);
  }
  const renderTimes = onMain.filter((e) => e.ph === 'X' && RENDER_STEPS.has(e.name)).map((e) => e.ts);
  const holds = (task, times) => times.some((ts) => ts >= task.ts && ts <= task.ts + task.dur);

  const ticks = [];
  for (const mark of ticksMarks) {
    const last = ticks[ticks.length - 1];
    if (last && mark.ts - last.ts < 200_000) continue;
    ticks.push({ ts: mark.ts });
  }
  return ticks.map((tick, i) => {
    const end = Math.min(tick.ts + windowMs * 1000, ticks[i + 1]?.ts ?? Infinity);
    const inWindow = topLevel.filter((t) => t.ts + t.dur >= tick.ts && t.ts < end);
    // A frame: the work tasks that ran since the last rendering task, and the rendering task that follows them.
    const frames = [];
    let pending = [];
    let other = 0;
    for (const task of inWindow) {
      const isWork = holds(task, workTimes);
      if (isWork) {
        pending.push(task);
        continue;
      }
      if (holds(task, renderTimes) && pending.length > 0) {
        // Where the render went: style, layout, paint... (ms), for the report.
        const render = {};
        for (const e of onMain) {
          if (e.ph === 'X' && RENDER_STEPS.has(e.name) && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) {
            render[e.name] = Math.round(((render[e.name] ?? 0) + e.dur / 1000) * 10) / 10;
          }
        }
        const taskMs = pending.reduce((sum, t) => sum + t.dur / 1000, 0);
        frames.push({ tasks: pending.length, taskMs, renderMs: task.dur / 1000, frameMs: taskMs + task.dur / 1000, render });
        pending = [];
        continue;
      }
      other = Math.max(other, task.dur / 1000);
    }
    if (pending.length > 0) {
      const taskMs = pending.reduce((sum, t) => sum + t.dur / 1000, 0);
      frames.push({ tasks: pending.length, taskMs, renderMs: 0, frameMs: taskMs, render: {} });
    }
    return {
      frames,
      longestFrameMs: Math.max(0, ...frames.map((f) => f.frameMs)),
      workMs: frames.reduce((sum, f) => sum + f.taskMs, 0),
      otherLongestMs: other,
    };
  });
}
