import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prettyLogLine } from './log-format.ts';

test('a JSON log line reads as time, level, message and fields', () => {
  const time = new Date(2026, 11, 23, 10, 13, 8).getTime();
  const line = JSON.stringify({ level: 30, time, pid: 1, hostname: 'vm', jobId: 'j-1', attempt: 2, nested: { a: 1 }, msg: 'job done' });
  assert.equal(prettyLogLine(`${line}\n`), '10:13:08 INFO  job done jobId=j-1 attempt=2 nested={"a":1}\n');
  assert.equal(prettyLogLine(JSON.stringify({ level: 50, time, msg: 'request failed' })), '10:13:08 ERROR request failed\n');
});

test('a line that is not a JSON object is written as it is', () => {
  assert.equal(prettyLogLine('Kinga is serving the demo.\n'), 'Kinga is serving the demo.\n');
  assert.equal(prettyLogLine('[1,2]'), '[1,2]\n');
});
