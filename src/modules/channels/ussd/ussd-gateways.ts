import type { UssdInputs } from './ussd.service.ts';
import type { UssdScreen } from './ussd-menu.ts';

/**
 * The USSD gateways' callback formats, read and answered without HTTP: Africa's Talking (form
 * fields, every input so far in `text`, answers `CON …`/`END …` as text/plain) and a Hubtel-style
 * JSON with explicit session states. Pure.
 */

/** The callback formats Kinga reads. */
export const USSD_FORMATS = ['africastalking', 'hubtel'] as const;

/** One callback format. */
export type UssdFormat = (typeof USSD_FORMATS)[number];

/** A callback read: the session, the raw number, the service code dialled when the format gives it, and the inputs; or the end of a session. */
export type ReadCallback =
  | { kind: 'input'; sessionId: string; rawNumber: string; serviceCode: string | null; inputs: UssdInputs; clientState?: string }
  | { kind: 'release'; sessionId: string; rawNumber: string };

const SESSION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SERVICE_CODE = /^[*#0-9]{1,40}$/;
const RAW_NUMBER = /^\+?[0-9]{6,15}$/;
// A keypad session never types this much; more is not a phone.
const MAX_TEXT = 1000;

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads an Africa's Talking callback (`sessionId`, `serviceCode`, `phoneNumber`, `networkCode`, `text`); undefined when malformed. */
export function readAfricasTalking(body: unknown): ReadCallback | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const sessionId = field(b, 'sessionId');
  const serviceCode = field(b, 'serviceCode');
  const phoneNumber = field(b, 'phoneNumber')?.trim();
  const text = field(b, 'text') ?? '';
  if (sessionId === undefined || !SESSION_ID.test(sessionId)) return undefined;
  if (serviceCode === undefined || !SERVICE_CODE.test(serviceCode)) return undefined;
  if (phoneNumber === undefined || !RAW_NUMBER.test(phoneNumber)) return undefined;
  if (text.length > MAX_TEXT) return undefined;
  return { kind: 'input', sessionId, rawNumber: phoneNumber, serviceCode, inputs: { kind: 'all', text } };
}

/** Answers Africa's Talking: `CON` keeps the session open for an input, `END` closes it. */
export function answerAfricasTalking(screen: UssdScreen): string {
  return `${screen.isEnd ? 'END' : 'CON'} ${screen.text}`;
}

const HUBTEL_TYPES = ['Initiation', 'Response', 'Release', 'Timeout'] as const;

/**
 * Reads a Hubtel-style callback (`Type` Initiation, Response, Release or Timeout, `SessionId`,
 * `Mobile`, `ServiceCode`, `Message`, `ClientState`); undefined when malformed. On initiation the
 * message is the code dialled, not an input.
 */
export function readHubtel(body: unknown): ReadCallback | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const type = HUBTEL_TYPES.find((t) => t === b['Type']);
  const sessionId = field(b, 'SessionId');
  const mobile = field(b, 'Mobile')?.trim();
  const message = field(b, 'Message') ?? '';
  const clientState = field(b, 'ClientState') ?? '';
  const serviceCode = field(b, 'ServiceCode') ?? null;
  if (type === undefined || sessionId === undefined || !SESSION_ID.test(sessionId)) return undefined;
  if (mobile === undefined || !RAW_NUMBER.test(mobile)) return undefined;
  if (message.length > MAX_TEXT || clientState.length > 200) return undefined;
  if (serviceCode !== null && !SERVICE_CODE.test(serviceCode)) return undefined;
  if (type === 'Release' || type === 'Timeout') return { kind: 'release', sessionId, rawNumber: mobile };
  if (type === 'Initiation')
    return { kind: 'input', sessionId, rawNumber: mobile, serviceCode: serviceCode ?? message, inputs: { kind: 'newest', input: null }, clientState };
  return { kind: 'input', sessionId, rawNumber: mobile, serviceCode, inputs: { kind: 'newest', input: message }, clientState };
}

/** The JSON answer of a Hubtel-style gateway: `Response` waits for an input, `Release` ends the session. */
export function answerHubtel(screen: UssdScreen, clientState = ''): Record<string, string> {
  return { Type: screen.isEnd ? 'Release' : 'Response', Message: screen.text, ClientState: clientState, Label: 'Kinga', DataType: 'input', FieldType: 'text' };
}

/**
 * Whether a dialled code reaches the gateway's service: the code itself, or one of its shortcuts
 * (`*384*123*1#` for `*384*123#`).
 */
export function isServiceCodeOf(dialled: string, serviceCode: string): boolean {
  if (dialled === serviceCode) return true;
  return dialled.endsWith('#') && dialled.startsWith(`${serviceCode.slice(0, -1)}*`);
}

/** The choices a shortcut dials past the service code (`1*2` for `*384*123*1*2#`), as the inputs of a new session; empty for the code itself. */
export function shortcutInputs(dialled: string, serviceCode: string): string {
  if (!isServiceCodeOf(dialled, serviceCode) || dialled === serviceCode) return '';
  return dialled.slice(serviceCode.length, -1);
}
