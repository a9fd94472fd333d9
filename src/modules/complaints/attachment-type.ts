/**
 * The media type of a file read from its first bytes (its signature), or null when it is none
 * Kinga accepts: a name or a declared type proves nothing about the content.
 */
export function sniffMediaType(content: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}
