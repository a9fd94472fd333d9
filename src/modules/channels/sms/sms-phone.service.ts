import type { LoopbackSmsc, ReceivedSubmit } from '../../../platform/sms/index.ts';
import { DATA_CODING, smsSegments } from '../../../platform/sms/sms-text.ts';

/** One text on the simulated phone: one it sent, or one it received (its parts joined). */
export interface PhoneText {
  direction: 'sent' | 'received';
  /** The short code the phone texted, or the address a reply came from. */
  peer: string;
  text: string;
}

/** What a send from the simulated phone came to. */
export type PhoneSendResult =
  | { kind: 'replied'; conversation: PhoneText[] }
  | { kind: 'no-reply-yet'; conversation: PhoneText[] }
  /** No link from Kinga was bound to the SMS centre, or Kinga did not store the text. */
  | { kind: 'not-taken'; conversation: PhoneText[] };

/** The demo's phone simulator: texts into the loopback SMS centre as a phone's, and the conversation of a number. */
export interface SmsPhoneService {
  /** Sends `text` from `number` (E.164) to `shortCode` as `deliver_sm`, then waits at most the service's bound for the whole reply. */
  send(number: string, shortCode: string, text: string): Promise<PhoneSendResult>;
  /** The texts `number` sent from this page and every text it received, oldest first. */
  conversation(number: string): PhoneText[];
}

/** The longest text the page sends, in characters: a few parts, as a feature phone allows. */
export const PHONE_TEXT_MAX = 480;

/** How many texts sent from the page are kept, across numbers: the demo runs for days. */
const SENT_KEPT = 500;

/** An entry of the phone's journal: a text sent, or a part received, in the order the page saw it. */
type JournalEntry =
  | { order: number; number: string; direction: 'sent'; peer: string; text: string }
  | { order: number; number: string; direction: 'received'; part: ReceivedSubmit };

/** The concatenation header of a part, if it is one: its reference, total and sequence. */
function concatenationOf(part: ReceivedSubmit): { reference: number; total: number; sequence: number } | undefined {
  const element = part.udh.find((ie) => ie[0] === 0x00 || ie[0] === 0x08);
  if (element === undefined) return undefined;
  const is16 = element[0] === 0x08;
  return {
    reference: is16 ? ((element[2] ?? 0) << 8) | (element[3] ?? 0) : (element[2] ?? 0),
    total: element[is16 ? 4 : 3] ?? 1,
    sequence: element[is16 ? 5 : 4] ?? 1,
  };
}

/** The digits of an address as an SMS centre writes it: E.164 without its `+`. */
const digitsOf = (address: string) => address.replace(/[^0-9]/g, '');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The phone simulator over the demo's loopback SMS centre. What a number sent is kept here, in
 * memory and bounded, as the centre keeps what Kinga sent; the order of the conversation is the
 * order this service first saw each text, which is the phone's (a reply cannot come before the
 * text it answers, and a late reply is seen before the next text is sent).
 */
export function createSmsPhoneService(deps: { smsc: LoopbackSmsc; replyWaitMs: number; pollMs?: number }): SmsPhoneService {
  const { smsc } = deps;
  const pollMs = deps.pollMs ?? 50;
  const journal: JournalEntry[] = [];
  const seen = new WeakSet<ReceivedSubmit>();
  let order = 0;
  let reference = 0;

  /** Takes into the journal the parts the centre received from Kinga since the last look. */
  const look = () => {
    for (const part of smsc.received) {
      if (seen.has(part)) continue;
      seen.add(part);
      journal.push({ order: order++, number: digitsOf(part.to), direction: 'received', part });
    }
    // The centre forgets its oldest parts; the journal forgets them too, and the oldest texts sent.
    const kept = new Set(smsc.received);
    let sent = journal.filter((entry) => entry.direction === 'sent').length;
    for (let i = 0; i < journal.length;) {
      const entry = journal[i];
      if (entry?.direction === 'received' ? !kept.has(entry.part) : sent-- > SENT_KEPT) journal.splice(i, 1);
      else i += 1;
    }
  };

  const conversation = (number: string): PhoneText[] => {
    look();
    const digits = digitsOf(number);
    const texts: PhoneText[] = [];
    const groups = new Map<string, { text: PhoneText; parts: (string | undefined)[] }>();
    for (const entry of journal) {
      if (entry.number !== digits) continue;
      if (entry.direction === 'sent') {
        texts.push({ direction: 'sent', peer: entry.peer, text: entry.text });
        continue;
      }
      const concat = concatenationOf(entry.part);
      if (concat === undefined) {
        texts.push({ direction: 'received', peer: entry.part.from, text: entry.part.text });
        continue;
      }
      // A phone shows the parts of one text as one, in their sequence, where its first part came.
      const key = `${entry.part.from}|${concat.reference}|${concat.total}`;
      let group = groups.get(key);
      if (group === undefined || group.parts[concat.sequence - 1] !== undefined) {
        group = { text: { direction: 'received', peer: entry.part.from, text: '' }, parts: new Array<string | undefined>(concat.total).fill(undefined) };
        groups.set(key, group);
        texts.push(group.text);
      }
      group.parts[concat.sequence - 1] = entry.part.text;
      group.text.text = group.parts.join('');
    }
    return texts;
  };

  /** Whether every part of the texts received since `since` has arrived, and at least one did. */
  const isReplyWhole = (digits: string, since: number) => {
    const parts = journal.filter((entry) => entry.direction === 'received' && entry.number === digits && entry.order >= since);
    if (parts.length === 0) return false;
    const counts = new Map<string, { total: number; count: number }>();
    for (const entry of parts) {
      const concat = entry.direction === 'received' ? concatenationOf(entry.part) : undefined;
      if (concat === undefined) continue;
      const key = `${concat.reference}|${concat.total}`;
      const count = counts.get(key) ?? { total: concat.total, count: 0 };
      count.count += 1;
      counts.set(key, count);
    }
    return [...counts.values()].every((c) => c.count >= c.total);
  };

  return {
    conversation,
    async send(number, shortCode, text) {
      look();
      const digits = digitsOf(number);
      reference = (reference + 1) % 256;
      const { encoding, segments } = smsSegments(text, reference);
      // A part with a header carries it apart, as `sendInbound` sets the UDH indicator for it.
      const parts = segments.map((segment) => {
        const dataCoding = DATA_CODING[encoding];
        if (!segment.hasUdh) return { shortMessage: segment.shortMessage, dataCoding };
        const headerLength = (segment.shortMessage[0] ?? 0) + 1;
        return { udh: segment.shortMessage.subarray(0, headerLength), shortMessage: segment.shortMessage.subarray(headerLength), dataCoding };
      });
      const sent: JournalEntry = { order: order++, number: digits, direction: 'sent', peer: shortCode, text };
      journal.push(sent);
      const since = order;
      const answers = await smsc.sendInbound(digits, shortCode, parts);
      if (answers.some((status) => status !== 0)) {
        // Kinga never had it: the phone shows it as not sent, so the conversation leaves it out.
        journal.splice(journal.indexOf(sent), 1);
        return { kind: 'not-taken', conversation: conversation(number) };
      }
      const end = Date.now() + deps.replyWaitMs;
      while (Date.now() < end) {
        look();
        if (isReplyWhole(digits, since)) return { kind: 'replied', conversation: conversation(number) };
        await pause(pollMs);
      }
      return { kind: 'no-reply-yet', conversation: conversation(number) };
    },
  };
}
