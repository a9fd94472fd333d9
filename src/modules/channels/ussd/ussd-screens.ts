import { isGsm7, smsUnits } from '../../../platform/sms/sms-text.ts';

/**
 * Screens cut to fit a gateway's limit: 182 GSM 7-bit characters, about 80 when any character
 * needs UCS-2 (Arabic, Russian, Chinese). A longer text becomes pages, each ending with the key
 * to the next (`98 More`) and, after the first, the key back (`0 Back`). Pure.
 */

/** The limits of one screen, in characters of each encoding. */
export interface ScreenLimits {
  gsm7Characters: number;
  ucs2Characters: number;
}

/** The footer lines of a page, already in the caller's language: "98 More", "0 Back". */
export interface PageFooters {
  more: string;
  back: string;
}

/** The length of a screen's text as the gateway counts it: septets (an escape counts two) or UTF-16 units. */
export function screenLength(text: string): number {
  return isGsm7(text) ? smsUnits(text, 'gsm7') : text.length;
}

/** Whether a text fits one screen. */
export function fitsScreen(text: string, limits: ScreenLimits): boolean {
  return screenLength(text) <= (isGsm7(text) ? limits.gsm7Characters : limits.ucs2Characters);
}

/**
 * The pages of a text: the text itself when it fits, otherwise lines filled in order, each page
 * closed by its footers; a line too long for a page is cut between words, or between characters in
 * a script without spaces. The limit is the UCS-2 one as soon as any character of the text needs it.
 */
export function pagesOf(text: string, limits: ScreenLimits, footers: PageFooters): string[] {
  if (fitsScreen(text, limits)) return [text];
  const isWide = !isGsm7(`${text}${footers.more}${footers.back}`);
  const limit = isWide ? limits.ucs2Characters : limits.gsm7Characters;
  const length = (s: string) => (isWide ? s.length : smsUnits(s, 'gsm7'));
  const pages: string[] = [];
  let lines = text.split('\n');
  while (lines.length > 0) {
    const footer = pages.length === 0 ? footers.more : `${footers.more}\n${footers.back}`;
    const lastFooter = pages.length === 0 ? '' : footers.back;
    // Whatever is left may fit with the back key alone: then it is the last page.
    const rest = lines.join('\n');
    if (pages.length > 0 && length(`${rest}\n${lastFooter}`) <= limit) {
      pages.push(`${rest}\n${lastFooter}`);
      break;
    }
    const room = limit - length(footer) - 1;
    let page = '';
    while (lines.length > 0) {
      const line = lines[0] ?? '';
      const candidate = page === '' ? line : `${page}\n${line}`;
      if (length(candidate) <= room) {
        page = candidate;
        lines = lines.slice(1);
        continue;
      }
      if (page === '') {
        // One line longer than a page: cut it, and leave its rest for the next page.
        const [head, tail] = cutLine(line, room, length);
        page = head;
        lines = [tail, ...lines.slice(1)];
      }
      break;
    }
    if (lines.length === 0 && pages.length === 0) {
      pages.push(page);
      break;
    }
    pages.push(lines.length === 0 ? `${page}\n${lastFooter}` : `${page}\n${footer}`);
  }
  return pages;
}

/** The longest start of `line` within `room`, ending at a space when there is one, and the rest. */
function cutLine(line: string, room: number, length: (s: string) => number): [string, string] {
  const characters = [...line];
  let end = 0;
  while (end < characters.length && length(characters.slice(0, end + 1).join('')) <= room) end += 1;
  // At least one character a page, however narrow the limit, so that cutting always ends.
  end = Math.max(end, 1);
  const head = characters.slice(0, end).join('');
  const space = head.lastIndexOf(' ');
  if (space > 0) return [head.slice(0, space), line.slice(space + 1)];
  return [head, characters.slice(end).join('')];
}
