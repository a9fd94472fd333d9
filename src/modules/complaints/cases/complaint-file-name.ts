import type { SignedMediaType } from '../../../platform/http/file-signature.ts';
import { listValue, type ListValue } from '../../../platform/i18n/index.ts';

/** The extension of each type Kinga recognises by its signature. */
const EXTENSIONS: Readonly<Record<SignedMediaType, string>> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

// Bidirectional controls can show "evil.exe" as "exe.live"; control characters and the characters
// that file systems or headers treat specially have no place in a name either. \p{Cc} is every
// control character: U+0000 to U+001F and U+007F to U+009F.
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/gu;
const MAX_BASE_LENGTH = 100;

/**
 * The name a file is stored and served under: the uploader's name without its folders, unsafe
 * characters and extension, followed by the extension of the type its first bytes proved. An
 * uploaded `invoice.html` holding a PDF becomes `invoice.pdf`, so no stored file ever keeps a name
 * a browser would open as a page.
 *
 * @example
 * safeFileName('invoice.html', 'application/pdf') // 'invoice.pdf'
 */
export function safeFileName(uploaded: string, type: SignedMediaType): string {
  return `${baseNameOf(uploaded)}.${EXTENSIONS[type]}`;
}

/** The name to show for a stored file: safe as {@link safeFileName} makes it, also for files stored before names were made safe. */
export function shownFileName(stored: string, type: string): string {
  const signed = (Object.keys(EXTENSIONS) as SignedMediaType[]).find((t) => t === type);
  return signed ? safeFileName(stored, signed) : baseNameOf(stored);
}

/** The uploader's name without folders, unsafe characters, leading dots and its extension. */
function baseNameOf(uploaded: string): string {
  const last = uploaded.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return (
    cleaned
      .replace(/\.[^.\s]{1,10}$/, '')
      .trim()
      .slice(0, MAX_BASE_LENGTH)
      .trim() || 'attachment'
  );
}

/** The short names of media types as people know them ("PDF", "PNG", "JPEG"). */
export function typeNames(types: readonly string[]): string[] {
  return types.map((t) => (t.split('/')[1] ?? t).toUpperCase());
}

/** The accepted types as a choice a message lists in the reader's language ("PDF, PNG, or JPEG", "PDF、PNG或JPEG"). */
export function typeChoice(types: readonly string[]): ListValue {
  return listValue(typeNames(types), 'or');
}
