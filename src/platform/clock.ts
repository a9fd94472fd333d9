/** A source of the current instant; injected so that tests and demos can fix "now". */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The system clock, or a frozen one when `fixed` is given (`KINGA_CLOCK`). */
export function createClock(fixed?: Date): Clock {
  if (fixed) {
    const at = fixed.getTime();
    return { now: () => new Date(at) };
  }
  return { now: () => new Date() };
}
