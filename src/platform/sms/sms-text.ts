/**
 * How a text travels as SMS (3GPP TS 23.038 and 23.040): in the GSM 7-bit default alphabet when
 * every character is in it or its extension table, in UCS-2 otherwise, and cut into concatenated
 * segments, each carrying a user data header (UDH), when it does not fit one message.
 */

/** The GSM 7-bit default alphabet, by code (0 to 127); 0x1B is the escape to the extension table. */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: a character and the code that follows the escape. */
const GSM7_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const ESCAPE = 0x1b;
const BASIC_CODES: ReadonlyMap<string, number> = new Map([...GSM7_BASIC].map((c, code) => [c, code]));
const EXTENSION_CHARACTERS: ReadonlyMap<number, string> = new Map([...GSM7_EXTENSION].map(([c, code]) => [code, c]));

/** The two encodings Kinga sends: `data_coding` 0 (the SMSC's default alphabet, GSM 7-bit) or 8 (UCS-2). */
export type SmsEncoding = 'gsm7' | 'ucs2';

/** The `data_coding` value of an encoding in SMPP 3.4. */
export const DATA_CODING: Readonly<Record<SmsEncoding, number>> = { gsm7: 0x00, ucs2: 0x08 };

/** What one message holds: 160 septets or 70 UCS-2 units alone; 153 or 67 per part once a six-octet UDH takes its room. */
export const SEGMENT_UNITS = { gsm7: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } } as const;

/** The most parts a concatenated message may have (the UDH counts them in one octet). */
export const MAX_PARTS = 255;

/** True when every character of `text` is in the GSM 7-bit alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const c of text) if (!BASIC_CODES.has(c) && !GSM7_EXTENSION.has(c)) return false;
  return true;
}

/** The encoding a text needs: GSM 7-bit when every character fits, UCS-2 otherwise. */
export function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'gsm7' : 'ucs2';
}

/** The units a character takes: septets in GSM 7-bit (two for the extension table), UTF-16 code units in UCS-2. */
function unitsOf(character: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs2') return character.length;
  return GSM7_EXTENSION.has(character) ? 2 : 1;
}

/** The length of a text in its encoding's units. */
export function smsUnits(text: string, encoding: SmsEncoding = encodingOf(text)): number {
  let units = 0;
  for (const c of text) units += unitsOf(c, encoding);
  return units;
}

/** A text planned for sending: its encoding and its parts' texts (one part when it fits a single message). */
export interface SmsPlan {
  encoding: SmsEncoding;
  parts: string[];
}

/**
 * Cuts a text into the parts it is sent in. A part never ends between an escape and its extension
 * character, nor between the two halves of a character outside the Basic Multilingual Plane (an
 * emoji), so that every part decodes alone.
 */
export function planSms(text: string): SmsPlan {
  const encoding = encodingOf(text);
  const limits = SEGMENT_UNITS[encoding];
  if (smsUnits(text, encoding) <= limits.single) return { encoding, parts: [text] };
  const parts: string[] = [];
  let current = '';
  let units = 0;
  for (const c of text) {
    const size = unitsOf(c, encoding);
    if (units + size > limits.part) {
      parts.push(current);
      current = '';
      units = 0;
    }
    current += c;
    units += size;
  }
  if (current !== '') parts.push(current);
  if (parts.length > MAX_PARTS) throw new RangeError(`A text of ${parts.length} parts is longer than an SMS may be (${MAX_PARTS} parts).`);
  return { encoding, parts };
}

/** The octets of a part in its encoding: unpacked septets (one octet each, as SMPP carries them) or UCS-2 big-endian. */
export function encodeSmsText(text: string, encoding: SmsEncoding): Buffer {
  if (encoding === 'ucs2') {
    const octets = Buffer.from(text, 'utf16le');
    return octets.swap16();
  }
  const codes: number[] = [];
  for (const c of text) {
    const basic = BASIC_CODES.get(c);
    if (basic !== undefined) codes.push(basic);
    else {
      const extended = GSM7_EXTENSION.get(c);
      if (extended === undefined) throw new RangeError(`"${c}" is not in the GSM 7-bit alphabet.`);
      codes.push(ESCAPE, extended);
    }
  }
  return Buffer.from(codes);
}

/** Reads octets back into text: the inverse of {@link encodeSmsText} (an unknown septet reads as a space). */
export function decodeSmsText(octets: Uint8Array, encoding: SmsEncoding): string {
  if (encoding === 'ucs2') return Buffer.from(octets).swap16().toString('utf16le');
  let text = '';
  for (let i = 0; i < octets.length; i++) {
    const code = octets[i] ?? 0;
    if (code === ESCAPE && i + 1 < octets.length) {
      text += EXTENSION_CHARACTERS.get(octets[++i] ?? 0) ?? ' ';
    } else text += GSM7_BASIC[code] ?? ' ';
  }
  return text;
}

/**
 * The user data header of part `sequence` (from 1) of `total`: information element 0x00,
 * concatenated short message with an 8-bit reference, which ties the parts together on the phone.
 */
export function concatenationHeader(reference: number, total: number, sequence: number): Buffer {
  if (!Number.isInteger(reference) || reference < 0 || reference > 255) throw new RangeError('The reference of a concatenated message is one octet.');
  if (total < 2 || total > MAX_PARTS || sequence < 1 || sequence > total) throw new RangeError(`Part ${sequence} of ${total} cannot be numbered.`);
  return Buffer.from([0x05, 0x00, 0x03, reference, total, sequence]);
}

/** A part as it goes into `short_message`: its octets, with its UDH first when the text has several parts (`esm_class` 0x40). */
export interface SmsSegment {
  shortMessage: Buffer;
  hasUdh: boolean;
}

/** The `short_message` of each part of a text; `reference` ties the parts of one text together. */
export function smsSegments(text: string, reference: number): { encoding: SmsEncoding; segments: SmsSegment[] } {
  const plan = planSms(text);
  if (plan.parts.length === 1) return { encoding: plan.encoding, segments: [{ shortMessage: encodeSmsText(text, plan.encoding), hasUdh: false }] };
  return {
    encoding: plan.encoding,
    segments: plan.parts.map((part, i) => ({
      shortMessage: Buffer.concat([concatenationHeader(reference, plan.parts.length, i + 1), encodeSmsText(part, plan.encoding)]),
      hasUdh: true,
    })),
  };
}
