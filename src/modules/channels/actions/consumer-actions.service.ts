import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { stripFallback, type Translate } from '../../../platform/i18n/index.ts';
import { localDateOf } from '../../../platform/calendar.ts';
import { analyseImei, type ImeiCheck, type PhoneReportService } from '../../devices/index.ts';
import type { ComplaintStatusService } from '../../complaints/index.ts';
import type { ScamReportService } from '../../scams/index.ts';
import type { MenuAction } from '../channels.settings.ts';
import type { ConsumerActionsRepository } from './consumer-actions.repository.ts';
import { readTyped } from './consumer-input.ts';

/** The channel a consumer reached Kinga through. */
export type ActionChannel = 'ussd' | 'sms';

/** Who is asking: the number the network vouched for (E.164), the language to answer in, the channel. */
export interface ActionCall {
  number: string;
  language: string;
  channel: ActionChannel;
}

/** Where a multi-step action stands, kept by the channel between two inputs (JSON, stored encrypted). */
export interface ActionDraft {
  step: string;
  /** Wrong inputs in a row at this step. */
  attempts: number;
  imeis?: string[];
  sender?: string;
  /** How the scam came (`call`, `sms`, `messagingApp`, `other`), chosen from a short list. */
  medium?: string;
}

/** What an action answers: the text, and the draft to continue from, or null when the action is done. */
export interface ActionReply {
  text: string;
  draft: ActionDraft | null;
  /** The language the caller chose, from this reply on. */
  language?: string;
}

/** The consumer services every text channel offers, free of any channel's specifics. */
export interface ConsumerActions {
  /** The first prompt of an action. */
  start(action: MenuAction, call: ActionCall): ActionReply;
  /** Takes one input at the draft's step. */
  take(action: MenuAction, call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply>;
  /** The language a number chose, if it chose one. */
  languageOf(number: string): Promise<string | undefined>;
  /** Whether a draft holds something the caller typed that would be lost by starting again. */
  isResumable(action: MenuAction, draft: ActionDraft): boolean;
}

/** What the actions need: the other modules' services, the repository, the keyring and the words. */
export interface ConsumerActionsDeps {
  checks: { checkImei(raw: string): Promise<ImeiCheck> };
  complaints: ComplaintStatusService;
  reports: PhoneReportService;
  /** The scams module's intake, which every scam report goes through, and its reading of a sender. */
  scams: { intake: Pick<ScamReportService, 'file'>; isSender(typed: string): boolean };
  repository: ConsumerActionsRepository;
  keyring: Keyring;
  clock: Clock;
  translator(language: string): Translate;
  languages: readonly string[];
  timeZone: string;
}

// Three wrong inputs in a row end the action: the caller dials again rather than paying for a long session.
const MAX_ATTEMPTS = 3;
const SCAM_TEXT_MAX = 480;
// The media a caller chooses from by their number in the list (`channels.actions.scam.medium`). A
// screen has no room for the categories as well: a report by phone is of the category "other",
// for reviewers to refine.
const SCAM_MEDIA = ['call', 'sms', 'messagingApp', 'other'] as const;
const SCAM_CATEGORY = 'other';

/** The number a language preference is stored under. */
function numberHashOf(keyring: Keyring, number: string): string {
  return keyring.hash(number, 'channel_language_preferences.number');
}

/** Builds the consumer actions. */
export function createConsumerActions(deps: ConsumerActionsDeps): ConsumerActions {
  const { keyring, clock, repository } = deps;
  const say = (language: string) => {
    const t = deps.translator(language);
    return (key: string, values?: Record<string, string | number>) => stripFallback(t(key, values));
  };

  /** A wrong input: ask again, or end after the last attempt. */
  const again = (call: ActionCall, draft: ActionDraft, key: string, values?: Record<string, string | number>): ActionReply => {
    const s = say(call.language);
    if (draft.attempts + 1 >= MAX_ATTEMPTS) return { text: s('channels.actions.tooManyAttempts'), draft: null };
    return { text: s(key, values), draft: { ...draft, attempts: draft.attempts + 1 } };
  };

  const languageList = (call: ActionCall) =>
    [say(call.language)('channels.actions.language.prompt'), ...deps.languages.map((l, i) => `${i + 1} ${say(l)('meta.languageName')}`)].join('\n');

  async function checkImei(call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply> {
    const s = say(call.language);
    const analysis = analyseImei(readTyped(input));
    const { syntax, checkDigit, pattern } = analysis.verdicts;
    if (syntax.code === 'empty') return again(call, draft, 'channels.actions.imei.prompt');
    if (syntax.code === 'badCharacters') return again(call, draft, 'channels.actions.imei.notDigits');
    if (syntax.code === 'wrongLength') return again(call, draft, 'channels.actions.imei.wrongLength', { length: syntax.length });
    if (checkDigit.code === 'mismatch') return again(call, draft, 'channels.actions.imei.checkDigit');
    // All zeros passes Luhn, and a repeated digit may: neither is ever a genuine phone's number.
    if (pattern.code === 'allZero' || pattern.code === 'repeatedDigit') return again(call, draft, 'channels.actions.imei.notGenuine');
    const check = await deps.checks.checkImei(analysis.digits ?? '');
    const { status, since } = check.decision;
    const statusText = s(`channels.actions.imei.status.${status}`, { date: since ?? '' });
    const device = check.device ? `${check.device.brand} ${check.device.marketing_name ?? check.device.model}`.trim().slice(0, 40) : '';
    const imei = analysis.digits ?? '';
    const text =
      device === ''
        ? s('channels.actions.imei.answer', { imei, status: statusText })
        : s('channels.actions.imei.answerDevice', { imei, status: statusText, device });
    return { text, draft: null };
  }

  async function complaintStatus(call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply> {
    const s = say(call.language);
    const statuses = await deps.complaints.statusOf(readTyped(input));
    // Unknown and malformed alike: the answer says nothing about references one does not hold.
    if (statuses.length === 0) return again(call, draft, 'channels.actions.complaint.notFound');
    const lines = statuses.map((c) => {
      const stage = s(`channels.actions.stage.${c.stage}`);
      if (c.isWaitingForConsumer) return s('channels.actions.complaint.waiting', { reference: c.reference, stage });
      if (c.dueAt === null) return s('channels.actions.complaint.answer', { reference: c.reference, stage });
      return s('channels.actions.complaint.answerDue', { reference: c.reference, stage, date: localDateOf(new Date(c.dueAt), deps.timeZone) });
    });
    return { text: lines.join('\n'), draft: null };
  }

  async function reportStolen(call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply> {
    const s = say(call.language);
    const typed = readTyped(input);
    const isImei = (value: string) => {
      const a = analyseImei(value);
      return a.isUsable && a.verdicts.checkDigit.code !== 'mismatch' && a.form === 'imei15';
    };
    if (draft.step === 'imei') {
      if (!isImei(typed)) return again(call, draft, 'channels.actions.stolen.imeiInvalid');
      return { text: s('channels.actions.stolen.second'), draft: { step: 'second', attempts: 0, imeis: [typed.replace(/[\s\-/]/g, '')] } };
    }
    if (draft.step === 'second') {
      if (typed === '1') return { text: s('channels.actions.stolen.police'), draft: { ...draft, step: 'police', attempts: 0 } };
      if (!isImei(typed)) return again(call, draft, 'channels.actions.stolen.secondInvalid');
      return {
        text: s('channels.actions.stolen.police'),
        draft: { ...draft, step: 'police', attempts: 0, imeis: [...(draft.imeis ?? []), typed.replace(/[\s\-/]/g, '')] },
      };
    }
    const outcome = await deps.reports.reportFromPhone({ msisdn: call.number, imeis: draft.imeis ?? [], policeReference: typed, channel: call.channel });
    if (outcome.ok) return { text: s('channels.actions.stolen.done', { requestId: outcome.requestId }), draft: null };
    if (outcome.issue === 'policeReference') return again(call, draft, 'channels.actions.stolen.policeInvalid');
    // The IMEIs were checked as typed; what is left (a number the network gave wrongly) cannot be mended by the caller.
    return { text: s('channels.actions.stolen.failed'), draft: null };
  }

  async function reportScam(call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply> {
    const s = say(call.language);
    const typed = readTyped(input);
    if (draft.step === 'sender') {
      // The sender is read as the intake reads it, so a report is never refused for it after its text was typed.
      if (!deps.scams.isSender(typed)) return again(call, draft, 'channels.actions.scam.senderInvalid');
      // A forwarded text came by SMS: its draft names the medium already.
      if (draft.medium !== undefined)
        return { text: s('channels.actions.scam.text'), draft: { step: 'text', attempts: 0, sender: typed, medium: draft.medium } };
      return { text: s('channels.actions.scam.medium'), draft: { step: 'medium', attempts: 0, sender: typed } };
    }
    if (draft.step === 'medium') {
      const medium = SCAM_MEDIA[Number(typed) - 1];
      if (!/^[1-9]$/.test(typed) || medium === undefined) return again(call, draft, 'channels.actions.scam.mediumInvalid');
      return { text: s('channels.actions.scam.text'), draft: { step: 'text', attempts: 0, sender: draft.sender ?? '', medium } };
    }
    if ([...typed].length < 3) return again(call, draft, 'channels.actions.scam.textInvalid');
    const now = clock.now().toISOString();
    const filed = await deps.scams.intake.file({
      channel: call.channel,
      reporterNumber: call.number,
      // The network proved the calling number now: a number first seen now counts only after the threshold's hours.
      verifiedAt: now,
      sender: draft.sender ?? '',
      occurredAt: now,
      medium: draft.medium ?? 'other',
      category: SCAM_CATEGORY,
      text: [...typed].slice(0, SCAM_TEXT_MAX).join(''),
      language: call.language,
    });
    if (filed.ok) return { text: s('channels.actions.scam.done', { reference: filed.value.reference }), draft: null };
    if (filed.issues.some((issue) => issue.field === 'sender'))
      return again(
        call,
        { step: 'sender', attempts: draft.attempts, ...(draft.medium === undefined ? {} : { medium: draft.medium }) },
        'channels.actions.scam.senderInvalid',
      );
    // What is left (a number the network gave wrongly, a profile without the category) cannot be mended by the caller.
    return { text: s('channels.actions.scam.failed'), draft: null };
  }

  async function chooseLanguage(call: ActionCall, draft: ActionDraft, input: string): Promise<ActionReply> {
    const choice = Number(readTyped(input));
    const language = Number.isInteger(choice) ? deps.languages[choice - 1] : undefined;
    if (language === undefined) {
      if (draft.attempts + 1 >= MAX_ATTEMPTS) return { text: say(call.language)('channels.actions.tooManyAttempts'), draft: null };
      return { text: languageList(call), draft: { ...draft, attempts: draft.attempts + 1 } };
    }
    await repository.setLanguage(numberHashOf(keyring, call.number), language, clock.now().toISOString());
    return { text: say(language)('channels.actions.language.done'), draft: null, language };
  }

  const FIRST_STEPS: Record<MenuAction, { step: string; prompt: (call: ActionCall) => string }> = {
    checkImei: { step: 'imei', prompt: (call) => say(call.language)('channels.actions.imei.prompt') },
    complaintStatus: { step: 'reference', prompt: (call) => say(call.language)('channels.actions.complaint.prompt') },
    reportStolen: { step: 'imei', prompt: (call) => say(call.language)('channels.actions.stolen.prompt') },
    reportScam: { step: 'sender', prompt: (call) => say(call.language)('channels.actions.scam.prompt') },
    language: { step: 'choice', prompt: languageList },
  };

  return {
    start(action, call) {
      const first = FIRST_STEPS[action];
      return { text: first.prompt(call), draft: { step: first.step, attempts: 0 } };
    },
    take(action, call, draft, input) {
      switch (action) {
        case 'checkImei':
          return checkImei(call, draft, input);
        case 'complaintStatus':
          return complaintStatus(call, draft, input);
        case 'reportStolen':
          return reportStolen(call, draft, input);
        case 'reportScam':
          return reportScam(call, draft, input);
        case 'language':
          return chooseLanguage(call, draft, input);
      }
    },
    async languageOf(number) {
      return repository.languageOf(numberHashOf(keyring, number));
    },
    isResumable(action, draft) {
      return (action === 'reportStolen' && (draft.imeis?.length ?? 0) > 0) || (action === 'reportScam' && draft.sender !== undefined);
    },
  };
}
