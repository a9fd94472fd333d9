/**
 * A deterministic source of numbers from 0 (included) to 1 (excluded), for demo data and
 * benchmark fixtures that must come out the same on every machine: a 32-bit linear congruential
 * generator (the multiplier and increment of Numerical Recipes). Not for anything secret.
 *
 * @example const random = seededRandom(42); random() === seededRandom(42)()
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
