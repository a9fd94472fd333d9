/**
 * Long work in one request (reading a large upload, checking its rows, storing them) shares the
 * event loop with every other request: these helpers hand it back regularly, so that `/healthz`
 * and the pages keep answering while a file of hundreds of thousands of rows is imported.
 */

/** Resolves on a later turn of the event loop, after the I/O that was waiting (other requests) has run. */
export function yieldToEventLoop(): Promise<void> {
  // setImmediate runs after the poll phase: a resolved promise alone would let no request in.
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `step` (one short transaction that deletes or moves a bounded number of rows) again and
 * again until it reports that it did nothing, handing the event loop back between steps, so that
 * other requests are served, and on SQLite read the database, while a large staging is worked off.
 * Returns the sum of what the steps reported.
 */
export async function repeatUntilDone(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let done = await step(); done > 0; done = await step()) {
    total += done;
    await yieldToEventLoop();
  }
  return total;
}

/** Hands the event loop back once a slice of work has run long enough. */
export interface TimeSlicer {
  /** Yields to the event loop when the current slice has run `sliceMs`, else resolves at once. */
  pause(): Promise<void> | undefined;
}

/**
 * A slicer for a loop over many items: call `await slicer.pause()` once per item (or batch). About
 * 10 ms of work between yields keeps other requests' waits short for a cost of a few percent.
 *
 * @example const slicer = createTimeSlicer(); for (const row of rows) { check(row); await slicer.pause(); }
 */
export function createTimeSlicer(sliceMs = 10): TimeSlicer {
  let sliceStart = performance.now();
  return {
    pause() {
      if (performance.now() - sliceStart < sliceMs) return undefined;
      return yieldToEventLoop().then(() => {
        sliceStart = performance.now();
      });
    },
  };
}

/**
 * Runs the steps of a generator to its end, handing the event loop back whenever a slice of
 * work has run `sliceMs`: the same work a synchronous caller runs with {@link runAtOnce}.
 */
export async function runInSlices<T>(steps: Iterator<unknown, T>, sliceMs = 10): Promise<T> {
  const slicer = createTimeSlicer(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.pause();
  }
}

/** Runs the steps of a generator to its end at once, for small inputs where no request waits. */
export function runAtOnce<T>(steps: Iterator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
