import type { Logger } from 'pino';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { stripFallback, type Translate } from '../../../platform/i18n/index.ts';
import { maskNumber, SMS_NUMBER_CONTEXT, SMS_TEXT_CONTEXT, type SmsInboundRow, type SmsOutbox, type SmsOutboxRepository } from '../../../platform/sms/index.ts';
import { matchKeyword, normaliseSmsText, type KeywordMatch, type SmsKeyword } from '../../../platform/sms/sms-keywords.ts';
import type { ActionCall, ActionDraft, ConsumerActions } from '../actions/consumer-actions.service.ts';
import type { MenuAction } from '../channels.settings.ts';
import type { SmsConversationRepository } from './sms-conversation.repository.ts';
import { SMS_SERVICES, type SmsKeywordsSettings, type SmsService } from './sms-keywords.settings.ts';

/** What a conversation keeps between two texts of one number. */
interface Conversation {
  action: MenuAction;
  draft: ActionDraft;
  language: string;
  /** The scam text forwarded first, kept until the sender's number comes. */
  forwarded?: string;
}

/** The keyring context of a conversation's state. */
export const CONVERSATION_CONTEXT = 'channel_sms_conversations.state';

/** The consumer action each keyword starts. */
const ACTION_OF: Partial<Record<SmsService, MenuAction>> = { imei: 'checkImei', status: 'complaintStatus', theft: 'reportStolen' };

/** How long one process holds a received text while it answers it. */
const HOLD_SECONDS = 60;

/** What a text from a phone gets. */
interface Answer {
  reply: string | undefined;
  /** The conversation to keep for the number's next text; null ends it; undefined leaves it as it is. */
  next: Conversation | null | undefined;
  optOut?: boolean;
}

/**
 * Answers texts from phones: a keyword of the profile in any of its languages starts a consumer
 * action with what follows it (`KYM 490154203237518`), a text without one continues the number's
 * conversation (the police reference of a stolen phone, the sender of a forwarded scam), STOP and
 * START switch optional texts off and on, and anything else gets the help text, in one segment.
 * The reply is queued, the conversation kept and the text marked handled in one transaction, so a
 * text is answered once even if the process stops halfway.
 */
export function createSmsInboundService(deps: {
  inbox: SmsOutboxRepository;
  conversations: SmsConversationRepository;
  outbox: SmsOutbox;
  actions: ConsumerActions;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  translator(language: string): Translate;
  settings: SmsKeywordsSettings;
  languages: readonly string[];
  defaultLanguage: string;
  /** What else STOP ends for the number (its offer alerts), in the same pass. */
  onStop?: (number: string) => Promise<void>;
}) {
  const { inbox, conversations, keyring, clock, settings } = deps;
  /** A service's keywords in one language, as the profile lists them. */
  const wordsOf = (service: SmsService, language: string): readonly string[] =>
    (settings.words[service] as Readonly<Record<string, readonly string[]>>)[language] ?? [];
  const keywords: SmsKeyword<SmsService>[] = SMS_SERVICES.map((service) => ({
    id: service,
    words: deps.languages.flatMap((language) => wordsOf(service, language)),
  }));
  const say = (language: string) => (key: string, values?: Record<string, string | number>) => stripFallback(deps.translator(language)(key, values));

  /** The language a keyword was written in: the one language whose list holds it, else the number's or the profile's. */
  const languageOfKeyword = (match: KeywordMatch<SmsService>): string[] => {
    const word = normaliseSmsText(match.word);
    return deps.languages.filter((language) => wordsOf(match.id, language).some((w) => normaliseSmsText(w) === word));
  };

  /** A service's first keyword in a language, else in the profile's default language. */
  const firstWord = (service: SmsService, language: string): string =>
    wordsOf(service, language)[0] ?? wordsOf(service, deps.defaultLanguage)[0] ?? service.toUpperCase();

  /** The help text: the first keyword of each service in the language. */
  const helpText = (language: string): string => {
    const first = (service: SmsService) => firstWord(service, language);
    return say(language)('channels.sms.help', {
      imei: first('imei'),
      status: first('status'),
      theft: first('theft'),
      scam: first('scam'),
      stop: first('stop'),
    });
  };

  /** Starts an action with what followed its keyword; without anything, its first prompt. */
  const run = async (action: MenuAction, call: ActionCall, rest: string): Promise<Answer> => {
    const started = deps.actions.start(action, call);
    if (rest === '') return { reply: started.text, next: started.draft ? { action, draft: started.draft, language: call.language } : null };
    const taken = await deps.actions.take(action, call, started.draft ?? { step: '', attempts: 0 }, rest);
    return { reply: taken.text, next: taken.draft ? { action, draft: taken.draft, language: call.language } : null };
  };

  /** The forwarded scam text is kept; the sender's number is asked for, as 7726 does. */
  const forward = (call: ActionCall, text: string): Answer => {
    if (text.trim() === '') return { reply: say(call.language)('channels.sms.scam.howTo', { scam: firstWord('scam', call.language) }), next: null };
    return {
      reply: say(call.language)('channels.sms.scam.askSender'),
      next: { action: 'reportScam', draft: { step: 'sender', attempts: 0, medium: 'sms' }, language: call.language, forwarded: text.trim() },
    };
  };

  /** The next text of a conversation. */
  const continueWith = async (conversation: Conversation, call: ActionCall, text: string): Promise<Answer> => {
    const taken = await deps.actions.take(conversation.action, call, conversation.draft, text);
    if (conversation.forwarded !== undefined && taken.draft?.step === 'text') {
      // The sender was read; the text it sent came first, so the report is complete.
      const done = await deps.actions.take('reportScam', call, taken.draft, conversation.forwarded);
      // Refused by the scams intake for its sender: the forwarded text is kept while the sender is asked again.
      return { reply: done.text, next: done.draft ? { ...conversation, draft: done.draft } : null };
    }
    return { reply: taken.text, next: taken.draft ? { ...conversation, draft: taken.draft } : null };
  };

  const answer = async (row: SmsInboundRow, number: string, text: string): Promise<Answer> => {
    const now = clock.now().toISOString();
    const stored = await conversations.find(row.from_hash, now);
    const conversation = stored === undefined ? undefined : (JSON.parse(keyring.decrypt(stored.stateEnc, CONVERSATION_CONTEXT)) as Conversation);
    const match = matchKeyword(text, keywords);
    const chosen = await deps.actions.languageOf(number);
    const pick = (candidates: readonly string[]) =>
      [chosen, conversation?.language, deps.defaultLanguage].find((l) => l !== undefined && candidates.includes(l)) ?? candidates[0] ?? deps.defaultLanguage;
    const language = match ? pick(languageOfKeyword(match)) : (conversation?.language ?? chosen ?? deps.defaultLanguage);
    const call: ActionCall = { number, language, channel: 'sms' };
    if (settings.scamShortCode !== undefined && row.to_address === settings.scamShortCode && match === undefined && conversation?.forwarded === undefined) {
      return forward(call, text);
    }
    if (match === undefined) {
      if (conversation !== undefined) return continueWith(conversation, { ...call, language: conversation.language }, text);
      return { reply: helpText(language), next: undefined };
    }
    switch (match.id) {
      case 'stop':
        return { reply: say(language)('channels.sms.stop.done', { start: firstWord('start', language) }), next: null, optOut: true };
      case 'start':
        return { reply: say(language)('channels.sms.start.done', { stop: firstWord('stop', language) }), next: null, optOut: false };
      case 'help':
        return { reply: helpText(language), next: null };
      case 'scam':
        // The forwarded text as it was typed, not as keywords are compared: the words after the keyword.
        return forward(call, text.trim().replace(/^\S+\s*/u, ''));
      case 'imei':
      case 'status':
      case 'theft': {
        const action = ACTION_OF[match.id];
        return action === undefined ? { reply: helpText(language), next: null } : run(action, call, match.rest);
      }
    }
  };

  /** Answers one stored text; false when another process holds it or it was answered already. */
  async function handle(row: SmsInboundRow): Promise<boolean> {
    const now = clock.now();
    if (!(await inbox.claimInbound(row.id, now.toISOString(), new Date(now.getTime() + HOLD_SECONDS * 1000).toISOString()))) return false;
    const number = keyring.decrypt(row.from_enc, SMS_NUMBER_CONTEXT);
    const text = keyring.decrypt(row.text_enc, SMS_TEXT_CONTEXT);
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    if ((await inbox.countInboundFrom(row.from_hash, hourAgo)) > settings.perNumberPerHour) {
      // No answer: answering a flood would cost the regulator and could be turned on someone else's number.
      deps.logger.warn({ from: maskNumber(number) }, 'Texts from a number over its hourly limit are not answered');
      await conversations.inTransaction((tx) => inbox.markInbound(tx, { id: row.id, state: 'handled', now: now.toISOString() }));
      return true;
    }
    const result = await answer(row, number, text);
    if (result.optOut === true) await deps.onStop?.(number);
    await conversations.inTransaction(async (tx) => {
      if (result.optOut !== undefined) await inbox.setOptedOut(tx, row.from_hash, result.optOut ? now.toISOString() : null);
      if (result.next === null) await conversations.clear(tx, row.from_hash);
      else if (result.next !== undefined) {
        const expiresAt = new Date(now.getTime() + settings.conversationMinutes * 60_000).toISOString();
        await conversations.save(tx, row.from_hash, keyring.encrypt(JSON.stringify(result.next), CONVERSATION_CONTEXT), expiresAt, now.toISOString());
      }
      if (result.reply !== undefined && result.reply.trim() !== '') {
        await deps.outbox.enqueue(tx, { to: number, text: result.reply, purpose: 'channels.sms-reply', route: row.route });
      }
      await inbox.markInbound(tx, { id: row.id, state: 'handled', now: now.toISOString() });
    });
    return true;
  }

  return {
    handle,
    /** Answers the stored texts not yet answered, oldest first (after a restart, or texts another process left); returns how many. */
    async handleWaiting(limit = 100): Promise<number> {
      let handled = 0;
      for (const row of await inbox.listNewInbound(limit, clock.now().toISOString())) {
        try {
          if (await handle(row)) handled += 1;
        } catch (error) {
          deps.logger.error({ err: error }, 'A text from a phone could not be answered; it is tried again later');
        }
      }
      return handled;
    },
    /** The help text in a language, as an unknown keyword gets it. */
    helpText,
  };
}

/** The service answering texts from phones. */
export type SmsInboundService = ReturnType<typeof createSmsInboundService>;
