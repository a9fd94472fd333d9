import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';

/** The problem+json answer that refuses a file: each problem with its field and line, and how many there were. */
export interface FileProblems {
  detail: string;
  errors: { field: string; line?: number; message: string }[];
  errorCount?: number;
}

/**
 * Asserts that `reply` refuses a file whose every data row is wrong: 422, the first 100 problems
 * in the order of the file (from line 2, after the header), and `count` problems counted in all.
 */
export function assertFirstHundredProblems(reply: LightMyRequestResponse, count: number): FileProblems {
  assert.equal(reply.statusCode, 422);
  const body = reply.json<FileProblems>();
  assert.equal(body.errors.length, 100);
  assert.deepEqual(
    body.errors.slice(0, 3).map((e) => e.line),
    [2, 3, 4],
    'problems come in the order of the file',
  );
  assert.equal(body.errorCount, count);
  return body;
}
