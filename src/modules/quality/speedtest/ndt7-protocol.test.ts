import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_MESSAGE_SIZE, MAX_MESSAGE_SIZE, formatEndpoint, kbpsOf, nextMessageSize, offersNdt7Subprotocol, parseNdt7Query } from './ndt7-protocol.ts';

test('message size doubles only once it is smaller than 1/16 of the bytes queued, and stops at 1 << 24', () => {
  // Seventeen 8 KiB messages make 139,264 bytes: 1/16 of it is 8,704, more than 8,192.
  assert.equal(nextMessageSize(INITIAL_MESSAGE_SIZE, 16 * INITIAL_MESSAGE_SIZE), INITIAL_MESSAGE_SIZE);
  assert.equal(nextMessageSize(INITIAL_MESSAGE_SIZE, 17 * INITIAL_MESSAGE_SIZE), 2 * INITIAL_MESSAGE_SIZE);
  assert.equal(nextMessageSize(MAX_MESSAGE_SIZE, 100 * MAX_MESSAGE_SIZE), MAX_MESSAGE_SIZE);
  let size = INITIAL_MESSAGE_SIZE;
  let queued = 0;
  const sizes: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    queued += size;
    sizes.push(size);
    size = nextMessageSize(size, queued);
  }
  assert.equal(sizes.filter((s) => s === INITIAL_MESSAGE_SIZE).length, 17);
  assert.equal(Math.max(...sizes), MAX_MESSAGE_SIZE);
  for (let i = 1; i < sizes.length; i += 1) assert.ok(sizes[i] === sizes[i - 1] || sizes[i] === 2 * (sizes[i - 1] ?? 0), 'sizes only stay or double');
});

test('endpoints are written as the specification shows: IPv6 in brackets', () => {
  assert.equal(formatEndpoint('1.2.3.4', 5678), '1.2.3.4:5678');
  assert.equal(formatEndpoint('::1', 2345), '[::1]:2345');
});

test('the query string keeps the first of duplicate keys, treats a bare key as empty, and refuses bad encoding and more than 4096 bytes', () => {
  assert.deepEqual(parseNdt7Query('client_name=kinga&client_name=other&flag'), { ok: true, metadata: { client_name: 'kinga', flag: '' } });
  assert.equal(parseNdt7Query('a=%E0%A4%A').ok, false);
  assert.equal(parseNdt7Query(`a=${'x'.repeat(4095)}`).ok, false);
  assert.equal(parseNdt7Query(`a=${'x'.repeat(4094)}`).ok, true);
});

test('the subprotocol is recognised among others offered, and only exactly', () => {
  assert.equal(offersNdt7Subprotocol('chat, net.measurementlab.ndt.v7'), true);
  assert.equal(offersNdt7Subprotocol('net.measurementlab.ndt.v8'), false);
  assert.equal(offersNdt7Subprotocol(undefined), false);
});

test('kbit/s come from bytes and microseconds', () => {
  assert.equal(kbpsOf(1_250_000, 1_000_000), 10_000);
  assert.equal(kbpsOf(10, 0), 0);
});
