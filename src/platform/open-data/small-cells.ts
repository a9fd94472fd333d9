/**
 * The one small-cell rule of every published dataset (`modules.opendata.smallestCount`): a count
 * of people or reports below the smallest count is withheld, published empty with its cell marked
 * suppressed, and when one table would hold a single withheld cell the smallest other non-zero cell
 * is withheld too, so that no withheld count can be recovered by subtracting the others from a
 * published total. Zero is published: it describes nobody.
 */

/** A published count: `value` null with `isSuppressed` when withheld. */
export interface PublishedCount {
  value: number | null;
  isSuppressed: boolean;
}

/** One count on its own (a count without a table, such as a total or a lookup's figure). */
export function publishedCount(count: number, smallestCount: number): PublishedCount {
  return count > 0 && count < smallestCount ? { value: null, isSuppressed: true } : { value: count, isSuppressed: false };
}

/**
 * The counts of one table that is published with its total (or whose total can be read
 * elsewhere): every count from 1 to `smallestCount - 1` withheld, then, when exactly one is, the
 * smallest other non-zero count as well (complementary suppression).
 */
export function suppressSmallCells(counts: readonly number[], smallestCount: number): PublishedCount[] {
  const cells = counts.map((n) => publishedCount(n, smallestCount));
  if (cells.filter((c) => c.isSuppressed).length === 1) {
    let smallest = -1;
    counts.forEach((n, i) => {
      if (cells[i]?.isSuppressed || n === 0) return;
      if (smallest < 0 || n < (counts[smallest] ?? 0)) smallest = i;
    });
    if (smallest >= 0) cells[smallest] = { value: null, isSuppressed: true };
  }
  return cells;
}
