import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMultipartForm } from './multipart-form.ts';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function body(parts: Array<{ name: string; value?: string; file?: { name: string; type: string; data: Buffer } }>, isClosed = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file.name}"\r\nContent-Type: ${part.file.type}\r\n\r\n`));
      chunks.push(part.file.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value ?? ''}\r\n`));
    }
  }
  if (isClosed) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

test('reads text fields, repeated fields and a binary file with its name and declared type', () => {
  const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a]);
  const form = parseMultipartForm(
    body([
      { name: '_csrf', value: 'token' },
      { name: 'tag', value: 'a' },
      { name: 'tag', value: 'b' },
      { name: 'note', value: 'line one\r\nligne deux é' },
      { name: 'file', file: { name: 'C:\\Users\\amina\\photo.png', type: 'image/PNG', data } },
    ]),
    TYPE,
  );
  assert.deepEqual(form.fields, { _csrf: 'token', tag: ['a', 'b'], note: 'line one\r\nligne deux é' });
  assert.equal(form.files.length, 1);
  assert.equal(form.files[0]?.filename, 'photo.png', 'the folder a browser may send is dropped');
  assert.equal(form.files[0]?.contentType, 'image/png');
  assert.deepEqual(form.files[0]?.data, data);
  assert.equal(form.files[0]?.isTooLarge, false);
});

test('an empty file input is no file', () => {
  const form = parseMultipartForm(body([{ name: 'file', file: { name: '', type: 'application/octet-stream', data: Buffer.alloc(0) } }]), TYPE);
  assert.deepEqual(form.files, []);
});

test('a body cut at the limit keeps the fields before the file and marks the file too large', () => {
  const cut = body([{ name: '_csrf', value: 'token' }, { name: 'file', file: { name: 'big.pdf', type: 'application/pdf', data: Buffer.alloc(5000, 0x41) } }], false).subarray(0, 600);
  const form = parseMultipartForm(cut, TYPE, true);
  assert.deepEqual(form.fields, { _csrf: 'token' });
  assert.equal(form.files[0]?.isTooLarge, true);
});

test('a body without its boundary, or ending early without being cut, is a bad request', () => {
  assert.throws(() => parseMultipartForm(Buffer.from('hello'), 'multipart/form-data'), /no multipart boundary/);
  assert.throws(() => parseMultipartForm(body([{ name: 'a', value: 'b' }], false), TYPE), /ends before its closing boundary/);
});
