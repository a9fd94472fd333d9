/**
 * The media type of an uploaded file, read from its first bytes (its signature). A file name or a
 * type declared by the browser proves nothing about the content, so every module that accepts a
 * document or a photo (complaint attachments, police reports) decides with {@link sniffMediaType}.
 */

/** The media types Kinga can recognise by their signature. */
export const SIGNED_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** One of {@link SIGNED_MEDIA_TYPES}. */
export type SignedMediaType = (typeof SIGNED_MEDIA_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The media type of a file read from its first bytes, or null when it is none Kinga accepts.
 *
 * @example
 * sniffMediaType(Buffer.from('%PDF-1.7\n')) // 'application/pdf'
 * sniffMediaType(Buffer.from('GIF89a')) // null
 */
export function sniffMediaType(content: Buffer): SignedMediaType | null {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content.length >= 8 && content.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}
