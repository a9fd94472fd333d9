import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffMediaType } from './file-signature.ts';

test('recognises PDF, PNG and JPEG by their first bytes', () => {
  assert.equal(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n')), 'application/pdf');
  assert.equal(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'image/png');
  assert.equal(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])), 'image/jpeg');
});

test('refuses a file whose content is none of them, whatever its name would say', () => {
  assert.equal(sniffMediaType(Buffer.from('GIF89a')), null);
  assert.equal(sniffMediaType(Buffer.from('<html><body>%PDF-</body></html>')), null, 'the signature must open the file');
  assert.equal(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47])), null, 'a cut PNG signature is not enough');
  assert.equal(sniffMediaType(Buffer.alloc(0)), null);
});
