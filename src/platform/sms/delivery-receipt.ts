/**
 * Delivery receipts, as an SMS centre returns them in a `deliver_sm` whose `esm_class` marks a
 * receipt (SMPP 3.4 appendix B): a text `id:... sub:... dlvrd:... submit date:... done date:...
 * stat:... err:... text:...`, and in SMPP 3.4 also the `receipted_message_id` and `message_state`
 * options, which win over the text when present.
 */

/** Where a message ended, as a receipt says it. */
export type ReceiptState = 'delivered' | 'expired' | 'deleted' | 'undeliverable' | 'accepted' | 'unknown' | 'rejected' | 'enroute';

/** A receipt read from a `deliver_sm`. */
export interface DeliveryReceipt {
  /** The message id the SMS centre gave in `submit_sm_resp`, as the receipt writes it. */
  messageId: string;
  state: ReceiptState;
  /** The network error code, when the receipt gives one. */
  error?: string;
  /** When the message reached its end, as `YYMMDDhhmm[ss]` in the SMS centre's time, when given. */
  doneAt?: string;
}

/** The `stat:` words of appendix B. */
const STATUS_WORDS: Readonly<Record<string, ReceiptState>> = {
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  ACCEPTD: 'accepted',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
  ENROUTE: 'enroute',
};

/** The `message_state` option's values (SMPP 3.4 section 5.2.28). */
const MESSAGE_STATES: Readonly<Record<number, ReceiptState>> = {
  1: 'enroute',
  2: 'delivered',
  3: 'expired',
  4: 'deleted',
  5: 'undeliverable',
  6: 'accepted',
  7: 'unknown',
  8: 'rejected',
};

/** True for the states after which nothing more will happen to the message. */
export function isFinalState(state: ReceiptState): boolean {
  return state !== 'enroute' && state !== 'accepted' && state !== 'unknown';
}

/**
 * Reads a receipt from the `short_message` text and the options of a `deliver_sm`; `undefined`
 * when neither names a message id.
 */
export function parseDeliveryReceipt(text: string, options: { receiptedMessageId?: string; messageState?: number } = {}): DeliveryReceipt | undefined {
  const fields = receiptFields(text);
  const messageId = options.receiptedMessageId?.trim() || fields.get('id');
  if (messageId === undefined || messageId === '') return undefined;
  const fromOption = options.messageState === undefined ? undefined : MESSAGE_STATES[options.messageState];
  const stat = fields.get('stat');
  const state = fromOption ?? (stat === undefined ? undefined : STATUS_WORDS[stat.toUpperCase()]) ?? 'unknown';
  const receipt: DeliveryReceipt = { messageId, state };
  const error = fields.get('err');
  if (error !== undefined && error !== '') receipt.error = error;
  const doneAt = fields.get('done date');
  if (doneAt !== undefined && /^\d{10}(\d{2})?$/.test(doneAt)) receipt.doneAt = doneAt;
  return receipt;
}

/** The `name:value` pairs of a receipt text; names are lower case, `text:` ends the fields. */
function receiptFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const pattern = /\b(id|sub|dlvrd|submit date|done date|stat|err|text):\s*([^\s:]*)(?=\s|$)/gi;
  for (const match of text.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!fields.has(name)) fields.set(name, match[2] ?? '');
    if (name === 'text') break;
  }
  return fields;
}

/**
 * How an SMS centre writes in its receipts the id it gave in `submit_sm_resp`: as given (the
 * default; leading zeros aside), or in the other base, as some write a hexadecimal id in decimal
 * and others the reverse (Kannel's `msg-id-type` says the same of an SMSC). One mode per route,
 * rather than guessing per receipt: two different all-digit ids can read as each other across bases.
 */
export type ReceiptIdMode = 'as-sent' | 'sent-hex-receipt-decimal' | 'sent-decimal-receipt-hex';

/** The key a sent message is stored under for receipts: the id in lower case, without leading zeros. */
export function sentMessageKey(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

/**
 * The key of the sent message a receipt's id names, under the route's mode; `undefined` when the
 * id cannot be written in the base the mode says (a receipt that matches nothing).
 */
export function receiptMessageKey(receiptId: string, mode: ReceiptIdMode): string | undefined {
  const bare = sentMessageKey(receiptId);
  switch (mode) {
    case 'as-sent':
      return bare;
    case 'sent-hex-receipt-decimal':
      return /^[0-9]{1,40}$/.test(bare) ? BigInt(bare).toString(16) : undefined;
    case 'sent-decimal-receipt-hex':
      return /^[0-9a-f]{1,32}$/.test(bare) ? BigInt(`0x${bare}`).toString(10) : undefined;
  }
}
