import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianCiRanks, medianCiSorted, quantileSorted, sharesSorted, summariseValues, tiesByOverlap } from './quality-statistics.ts';

test('quantiles follow Hyndman and Fan type 7 (interpolated between order statistics)', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([1, 2, 3, 4, 5], 0.5), 3);
  assert.ok(Math.abs(quantileSorted([10, 20, 30, 40, 50], 0.1) - 14) < 1e-9);
  assert.ok(Math.abs(quantileSorted([10, 20, 30, 40, 50], 0.9) - 46) < 1e-9);
  assert.equal(quantileSorted([7], 0.9), 7);
  assert.equal(quantileSorted([1, 9], 1), 9);
  assert.throws(() => quantileSorted([], 0.5), RangeError);
});

test('the 95% interval of the median uses the binomial order statistics: n = 10 gives ranks 2 and 9', () => {
  assert.deepEqual(medianCiRanks(10), { lower: 2, upper: 9 });
  assert.deepEqual(medianCiRanks(6), { lower: 1, upper: 6 });
  assert.deepEqual(medianCiRanks(20), { lower: 6, upper: 15 });
  assert.deepEqual(medianCiRanks(100), { lower: 40, upper: 61 });
});

test('no interval when n is too small for 95% coverage', () => {
  for (const n of [0, 1, 2, 3, 4, 5]) assert.equal(medianCiRanks(n), null, `n = ${n}`);
  assert.deepEqual(medianCiSorted([1, 2, 3, 4, 5]), { low: null, high: null });
});

test('large samples use the normal approximation, which joins the exact ranks within one', () => {
  assert.deepEqual(medianCiRanks(10_000), { lower: 4902, upper: 5099 });
  const exact = medianCiRanks(1000);
  const approximate = medianCiRanks(1001);
  assert.ok(exact && approximate);
  assert.ok(Math.abs(exact.lower - approximate.lower) <= 1, `${exact.lower} against ${approximate.lower}`);
});

test('the interval takes the named order statistics of the sorted values', () => {
  const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  assert.deepEqual(medianCiSorted(sorted), { low: 20, high: 90 });
});

// A threshold is stated with its comparison, as the profile's operator says it: "at least" (>=)
// counts a value equal to the threshold, "more than" (>) does not; "at most" (<=) and "less than"
// (<) likewise (the offers' affordability targets state theirs the same way).
test('a share counts the values on the side of each threshold its operator says, a value at the threshold only for at least or at most', () => {
  const sorted = [1, 2, 2, 3, 10];
  assert.deepEqual(sharesSorted(sorted, { operator: '>=', values: [2, 10] }), [
    { threshold: 2, operator: '>=', share: 0.8 },
    { threshold: 10, operator: '>=', share: 0.2 },
  ]);
  assert.deepEqual(sharesSorted(sorted, { operator: '>', values: [2, 10] }), [
    { threshold: 2, operator: '>', share: 0.4 },
    { threshold: 10, operator: '>', share: 0 },
  ]);
  assert.deepEqual(sharesSorted(sorted, { operator: '<=', values: [2] }), [{ threshold: 2, operator: '<=', share: 0.6 }]);
  assert.deepEqual(sharesSorted(sorted, { operator: '<', values: [2] }), [{ threshold: 2, operator: '<', share: 0.2 }]);
  assert.deepEqual(sharesSorted([], { operator: '>=', values: [2] }), [{ threshold: 2, operator: '>=', share: 0 }]);
});

test('shares count speeds strictly above a threshold and latency at or below it', () => {
  const sorted = [1, 2, 3, 4, 5];
  assert.deepEqual(sharesSorted(sorted, { operator: '>', values: [2, 4] }), [
    { threshold: 2, operator: '>', share: 0.6 },
    { threshold: 4, operator: '>', share: 0.2 },
  ]);
  assert.deepEqual(sharesSorted(sorted, { operator: '<=', values: [2, 4] }), [
    { threshold: 2, operator: '<=', share: 0.4 },
    { threshold: 4, operator: '<=', share: 0.8 },
  ]);
});

test('a summary gives median, percentiles, interval and shares of unsorted values', () => {
  const summary = summariseValues(Float64Array.from([100, 30, 90, 10, 60, 50, 20, 80, 40, 70]), { operator: '>', values: [55] });
  assert.equal(summary.median, 55);
  assert.ok(Math.abs(summary.p10 - 19) < 1e-9);
  assert.ok(Math.abs(summary.p90 - 91) < 1e-9);
  assert.equal(summary.ciLow, 20);
  assert.equal(summary.ciHigh, 90);
  assert.deepEqual(summary.shareAbove, [{ threshold: 55, operator: '>', share: 0.5 }]);
});

test('operators are tied when their intervals overlap, and never when one has no interval', () => {
  const ties = tiesByOverlap([
    { id: 'A', ciLow: 10, ciHigh: 20 },
    { id: 'B', ciLow: 20, ciHigh: 25 },
    { id: 'C', ciLow: 30, ciHigh: 40 },
    { id: 'D', ciLow: null, ciHigh: null },
  ]);
  assert.deepEqual(ties.get('A'), ['B']);
  assert.deepEqual(ties.get('B'), ['A']);
  assert.deepEqual(ties.get('C'), []);
  assert.deepEqual(ties.get('D'), []);
});
