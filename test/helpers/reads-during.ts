/** What another request went through while a long piece of work ran. */
export interface ReadsDuring<T> {
  result: T;
  /** The wait of each read asked while the work ran, from the moment it was due until it was answered. */
  waits: number[];
  /** The longest of those waits. */
  slowestMs: number;
  /** How long the work took. */
  durationMs: number;
}

/**
 * Runs `work` (an import) while `read` (a `/readyz` request, a one-statement query) is asked
 * every `everyMs`. Each wait is counted from the moment the read was due, so time the event loop
 * was held counts too: a read due while the work held the event loop to its end is counted until
 * the work ended, and a read asked while the work ran counts even when it is answered only after
 * the work ended (a read the work's last transaction held is answered only then). Compare the
 * slowest wait with the work's own duration, never with a fixed time: the machine may be slow.
 */
export async function readsDuring<T>(read: () => Promise<unknown>, work: () => Promise<T>, everyMs = 20): Promise<ReadsDuring<T>> {
  const started = performance.now();
  const waits: number[] = [];
  let isDone = false;
  let finished = 0;
  // The moment the next read is due, while the probe waits for it.
  let nextDue: number | null = null;
  const running = work().finally(() => {
    isDone = true;
    finished = performance.now();
    if (nextDue !== null && finished > nextDue) waits.push(finished - nextDue);
  });
  const probing = (async () => {
    while (!isDone) {
      const due = performance.now() + everyMs;
      nextDue = due;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      nextDue = null;
      if (isDone) break;
      await read();
      waits.push(performance.now() - due);
    }
  })();
  const [outcome] = await Promise.allSettled([running]);
  await probing;
  if (outcome?.status === 'rejected') throw outcome.reason;
  if (outcome?.status !== 'fulfilled') throw new Error('the work neither ended nor failed');
  return { result: outcome.value, waits, slowestMs: waits.length === 0 ? 0 : Math.max(...waits), durationMs: finished - started };
}
