import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from './seeded-random.ts';

test('one seed gives the same numbers every time, from 0 up to but not including 1', () => {
  const first = seededRandom(20_261_130);
  const second = seededRandom(20_261_130);
  const values = Array.from({ length: 1000 }, () => first());
  assert.deepEqual(
    Array.from({ length: 1000 }, () => second()),
    values,
  );
  assert.ok(values.every((value) => value >= 0 && value < 1));
  assert.ok(new Set(values).size > 990, 'the numbers do not repeat early');
});

test('the sequence of a seed is fixed, so demo figures stay the same across versions', () => {
  const random = seededRandom(1);
  assert.deepEqual(
    [random(), random()].map((value) => Math.round(value * 2 ** 32)),
    [1_015_568_748, 1_586_005_467],
  );
});

test('different seeds give different sequences', () => {
  assert.notEqual(seededRandom(1)(), seededRandom(2)());
});
