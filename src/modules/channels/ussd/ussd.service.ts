import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { stripFallback, type Translate } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { ConsumerActions } from '../actions/consumer-actions.service.ts';
import type { UssdEngine, UssdScreen, UssdState } from './ussd-menu.ts';
import type { UssdSessionRepository } from './ussd-session.repository.ts';

/** The caller's inputs as a gateway gives them: all of them so far (Africa's Talking's `text`), or only the newest. */
export type UssdInputs = { kind: 'all'; text: string } | { kind: 'newest'; input: string | null };

/** One callback of a gateway, read by its adapter. */
export interface UssdCallback {
  gateway: string;
  sessionId: string;
  /** The caller's number in E.164, as the network gave it. */
  number: string;
  inputs: UssdInputs;
}

/** What a callback answers: the screen and the language it is in. */
export interface UssdAnswer extends UssdScreen {
  language: string;
}

/** USSD sessions over the engine: state kept per gateway session, resumed per number, answered in time. */
export interface UssdService {
  /** The screen for one callback; "service busy" when the work does not finish within `budgetMs`. */
  handle(callback: UssdCallback, budgetMs: number): Promise<UssdAnswer>;
  /** The gateway says the session ended (released, timed out): an unfinished report stays resumable. */
  release(gateway: string, sessionId: string): Promise<void>;
}

/** What the service needs. */
export interface UssdServiceDeps {
  engine: UssdEngine;
  actions: ConsumerActions;
  repository: UssdSessionRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  translator(language: string): Translate;
  defaultLanguage: string;
  settings: { resumeMinutes: number; callbacksPerNumberPerMinute: number };
}

/** The keyring context of a USSD session's state. */
export const STATE_CONTEXT = 'channel_ussd_sessions.state';
// A gateway's inputs are short; a text longer than this is not a person typing on a keypad.
const MAX_INPUTS = 100;
const RECENT_LANGUAGES = 10_000;

/**
 * Counts callbacks per number in the current minute, in this process: enough to stop one phone
 * (or a script behind a gateway) from running the menu in a loop.
 */
function createNumberLimiter(perMinute: number) {
  let minute = -1;
  const counts = new Map<string, number>();
  return (key: string, now: Date): boolean => {
    const current = Math.floor(now.getTime() / 60_000);
    if (current !== minute) {
      minute = current;
      counts.clear();
    }
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count <= perMinute;
  };
}

/** Builds the USSD service. */
export function createUssdService(deps: UssdServiceDeps): UssdService {
  const { engine, actions, repository, keyring, clock, settings } = deps;
  const isAdmitted = createNumberLimiter(settings.callbacksPerNumberPerMinute);
  const sessionHashOf = (gateway: string, sessionId: string) => keyring.hash(`${gateway}\n${sessionId}`, 'channel_ussd_sessions.session');
  const numberHashOf = (number: string) => keyring.hash(number, 'channel_ussd_sessions.number');
  const seal = (state: UssdState) => keyring.encrypt(JSON.stringify(state), STATE_CONTEXT);
  const unseal = (sealed: string) => JSON.parse(keyring.decrypt(sealed, STATE_CONTEXT)) as UssdState;
  const said = (language: string, key: string) => stripFallback(deps.translator(language)(key));
  // The language each recent caller was answered in, so that "busy" and "too many" are said in it
  // without waiting for the database; bounded, oldest forgotten first.
  const recentLanguages = new Map<string, string>();
  const rememberLanguage = (numberHash: string, language: string) => {
    recentLanguages.delete(numberHash);
    recentLanguages.set(numberHash, language);
    if (recentLanguages.size > RECENT_LANGUAGES) recentLanguages.delete(recentLanguages.keys().next().value ?? '');
  };

  async function work(callback: UssdCallback): Promise<UssdAnswer> {
    const now = clock.now();
    const numberHash = numberHashOf(callback.number);
    const sessionHash = sessionHashOf(callback.gateway, callback.sessionId);
    const row = await repository.findBySessionHash(sessionHash);
    let state: UssdState;
    let consumed = 0;
    // Null until the session is stored: a new one is inserted once, with the state after its inputs.
    let id: string | null;
    if (row) {
      id = row.id;
      state = unseal(row.state_enc);
      consumed = row.consumed;
    } else {
      const language = (await actions.languageOf(callback.number)) ?? deps.defaultLanguage;
      const since = new Date(now.getTime() - settings.resumeMinutes * 60_000).toISOString();
      const unfinished = settings.resumeMinutes > 0 ? await repository.findUnfinished(numberHash, since) : undefined;
      const left = unfinished ? unseal(unfinished.state_enc) : undefined;
      const resume =
        left?.place.kind === 'action' && actions.isResumable(left.place.action, left.place.draft)
          ? { action: left.place.action, draft: left.place.draft, text: left.screen.text }
          : undefined;
      if (unfinished) await repository.endSession(unfinished.id, now.toISOString());
      state = engine.open(language, resume);
      id = null;
    }
    let fresh: string[];
    if (callback.inputs.kind === 'all') {
      const all = callback.inputs.text === '' ? [] : callback.inputs.text.split('*');
      // Only what came after the inputs already read: after a retry, the newest input alone.
      fresh = all.length > consumed ? all.slice(consumed, consumed + MAX_INPUTS) : [];
      consumed = Math.max(consumed, all.length);
    } else {
      fresh = callback.inputs.input === null ? [] : [callback.inputs.input];
      consumed += fresh.length;
    }
    // No new input (a repeated request): the same screen again, nothing replayed.
    for (const input of fresh) state = await engine.advance(state, input, { number: callback.number, channel: 'ussd' });
    const screen = engine.render(state);
    const stored = { state_enc: seal(state), consumed, is_ended: screen.isEnd, updated_at: clock.now().toISOString() };
    if (id !== null) await repository.updateSession(id, stored);
    else {
      // A retry of the first callback that raced this one stored the same screen: the first insert stands.
      await repository.insertSession({
        id: deps.ids(),
        session_hash: sessionHash,
        number_hash: numberHash,
        gateway: callback.gateway,
        created_at: now.toISOString(),
        ...stored,
      });
    }
    rememberLanguage(numberHash, state.language);
    return { ...screen, language: state.language };
  }

  return {
    async handle(callback, budgetMs) {
      const numberHash = numberHashOf(callback.number);
      const language = recentLanguages.get(numberHash) ?? deps.defaultLanguage;
      if (!isAdmitted(numberHash, clock.now())) return { text: said(language, 'channels.ussd.tooMany'), isEnd: true, language };
      let timer: NodeJS.Timeout | undefined;
      const busy = new Promise<UssdAnswer>((resolve) => {
        timer = setTimeout(() => resolve({ text: said(language, 'channels.ussd.busy'), isEnd: true, language }), budgetMs);
      });
      const done = work(callback);
      // A late failure after the busy answer must not go unhandled.
      done.catch(() => undefined);
      try {
        return await Promise.race([done, busy]);
      } finally {
        clearTimeout(timer);
      }
    },
    async release(gateway, sessionId) {
      const row = await repository.findBySessionHash(sessionHashOf(gateway, sessionId));
      // Left as it is: an unfinished report is offered again when the number dials within the resume minutes.
      if (row)
        await repository.updateSession(row.id, {
          state_enc: row.state_enc,
          consumed: row.consumed,
          is_ended: row.is_ended,
          updated_at: clock.now().toISOString(),
        });
    },
  };
}
