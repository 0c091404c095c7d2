/**
 * The scanner's drop policy: at most one frame in flight; a frame offered
 * while one is being decoded is dropped, never queued (issue 4). A queue would
 * fall further behind the camera with every frame the decoder is slower than
 * it; dropping keeps the decoded frame the freshest one.
 */

/** Admits one frame at a time. */
export interface FrameGate {
  /** Admits a frame and returns true when none is in flight; otherwise returns false (drop the frame). */
  tryEnter(): boolean;
  /** Marks the frame in flight as done, so the next one is admitted. */
  leave(): void;
  /** Whether a frame is in flight. */
  readonly busy: boolean;
}

/** Returns a gate with no frame in flight. */
export function createFrameGate(): FrameGate {
  let busy = false;
  return {
    tryEnter() {
      if (busy) return false;
      busy = true;
      return true;
    },
    leave() {
      busy = false;
    },
    get busy() {
      return busy;
    },
  };
}
