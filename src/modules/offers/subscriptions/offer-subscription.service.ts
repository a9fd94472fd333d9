import { randomBytes } from 'node:crypto';
import type { Executor } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { createFormatter, type Translate } from '../../../platform/i18n/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail, sendRefusal, type TypedAddressMailDeps } from '../../../platform/notify/index.ts';
import { generateOneTimeCode, hashOneTimeCode, judgeOneTimeCode } from '../../../platform/one-time-codes.ts';
import { oneTimeCodeSmsText, readMobileNumber, type SmsOutbox } from '../../../platform/sms/index.ts';
import type { OfferRecord } from '../catalogue/offer-file.ts';
import type { NoticeVersion, OfferSubscriptionRepository, SubscriptionRow } from './offer-subscription.repository.ts';
import type { SubscriptionSettings } from './offer-subscription.settings.ts';
import { englishOf, SHARED_MESSAGES } from '../shared/offer-messages.ts';

/** The job that e-mails the subscribers of plans that got a new version. */
export const NOTIFY_JOB = 'offers.subscriptions.notify';

/** Plans that got a new version in one import. */
export interface PlanChange {
  planId: string;
  version: number;
}

/** A problem of the subscribe form or of its code step: the field and its message key. */
export interface SubscribeIssue {
  field: 'email' | 'phone' | 'notifyBy' | 'code';
  messageKey: string;
}

/** How a subscriber is told: by e-mail, or by text message to a mobile number. */
export type SubscriptionChannel = 'email' | 'sms';

/** What a subscribe request answers: by e-mail, the link is on its way; by text, the token of the browser that types the code. */
export type SubscribeOutcome = { ok: true } | { ok: true; codeToken: string } | { ok: false; issues: SubscribeIssue[] };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_MS = 86_400_000;
const CONTEXT = {
  email: 'offer_subscriptions.email',
  phone: 'offer_subscriptions.phone',
  unsubscribe: 'offer_subscriptions.unsubscribe_token',
} as const;
const CODE_PURPOSE = 'offer-subscription';
// Enough to mistype twice or thrice, too few to guess one code in a million.
const MAX_CODE_ATTEMPTS = 5;
/** The purposes of the texts a subscriber receives, by which the SMS logs and delivery rates group them. */
export const SUBSCRIPTION_SMS_PURPOSE = { code: 'offers.subscription-code', change: 'offers.subscription-change' } as const;

/** What the subscription service needs. */
export interface OfferSubscriptionDeps extends TypedAddressMailDeps {
  repository: OfferSubscriptionRepository;
  translator(language: Language): Translate;
  languages: readonly Language[];
  timeZone: string;
  publicUrl: string;
  settings: SubscriptionSettings;
  sms: SmsOutbox;
  /** ISO 3166-1 alpha-2, the profile's: a number typed without its country code is read as this country's. */
  country: string;
}

/**
 * Queues, inside the import's transaction, the job that tells subscribers about new versions: the
 * import commits with it or not at all, and never waits for a mail server.
 */
export async function enqueueOfferChangeNotices(jobs: JobQueue, executor: Executor, changes: readonly PlanChange[]): Promise<void> {
  if (changes.length === 0) return;
  await jobs.enqueue(executor, NOTIFY_JOB, { changes: changes.map((c) => ({ planId: c.planId, version: c.version })) });
}

/** The label of each fact of an offer, so a notice can say what changed in the words of the offer page. */
const FACT_LABELS: readonly [readonly (keyof OfferRecord)[], string][] = [
  [['monthlyPrice', 'validityDays'], 'offers.label.price'],
  [['introRate'], 'offers.label.intro'],
  [['contract'], 'offers.label.contract'],
  [['earlyTerminationFee'], 'offers.label.earlyTermination'],
  [['oneTimeFees'], 'offers.label.oneTimeFees'],
  [['monthlyFees'], 'offers.label.monthlyFees'],
  [['tax'], 'offers.label.tax'],
  [['dataAllowanceGb', 'overage', 'dataPricePerGb'], 'offers.label.data'],
  [['voiceMinutes', 'voicePricePerMinute'], 'offers.label.voice'],
  [['smsCount', 'smsPriceEach'], 'offers.label.sms'],
  [['typicalDownloadMbps', 'typicalUploadMbps', 'typicalLatencyMs'], 'offers.label.speeds'],
  [['isPromotional'], 'offers.label.promotional'],
  [['isSocialTariff'], 'offers.label.social'],
  [['accessibilityFeatures'], 'offers.label.accessibility'],
  [['effectiveFrom', 'effectiveTo'], 'offers.summary.effective'],
];

/** The labels of the facts that differ between two versions of an offer; "other terms" for anything else. */
export function changedFacts(before: OfferRecord, after: OfferRecord, t: Translate): string[] {
  const differs = (key: keyof OfferRecord) => JSON.stringify(before[key]) !== JSON.stringify(after[key]);
  const named = new Set(FACT_LABELS.flatMap(([keys]) => keys));
  const labels = FACT_LABELS.filter(([keys]) => keys.some(differs)).map(([, key]) => t(key));
  const isOtherChanged = (Object.keys(after) as (keyof OfferRecord)[]).some((key) => !named.has(key) && differs(key));
  return isOtherChanged ? [...labels, t('offers.subscribe.mail.otherTerms')] : labels;
}

/**
 * A text with the no-break spaces that number and date formats put in (`KES 1,200.00`) made plain:
 * those spaces are outside the GSM 7-bit alphabet, and one of them would send the whole text in
 * UCS-2, in nearly twice as many parts.
 */
export function gsmSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function isPlanChangeList(value: unknown): value is { changes: PlanChange[] } {
  if (typeof value !== 'object' || value === null || !('changes' in value) || !Array.isArray(value.changes)) return false;
  return value.changes.every(
    (c: unknown) => typeof c === 'object' && c !== null && 'planId' in c && typeof c.planId === 'string' && 'version' in c && Number.isInteger(c.version),
  );
}

/** Subscriptions to the changes of an offer by e-mail or by text message, with double opt-in. */
export function createOfferSubscriptionService(deps: OfferSubscriptionDeps) {
  const { repository, keyring, clock, ids, jobs, logger, settings, sms } = deps;
  const hash = (value: string, purpose: string) => keyring.hash(value, `offer_subscriptions.${purpose}`);
  const newToken = () => randomBytes(32).toString('base64url');
  const languageOf = (value: string): Language => deps.languages.find((l) => l === value) ?? 'en';
  const link = (path: string, language: string) => `${deps.publicUrl}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
  const unsubscribeLink = (token: string, language: string) => link(`/offers/subscriptions/unsubscribe?token=${token}`, language);
  const planName = (record: OfferRecord) => [record.servicePlanName, record.tierPlanName].filter(Boolean).join(' ');

  const confirmationMail = (to: string, language: Language, version: NoticeVersion, confirmToken: string, unsubscribeToken: string) => {
    const t = deps.translator(language);
    const record = JSON.parse(version.record) as OfferRecord;
    return {
      to,
      subject: t('offers.subscribe.mail.confirmSubject', { plan: planName(record) }),
      text: t('offers.subscribe.mail.confirmBody', {
        plan: planName(record),
        operator: version.operator_name,
        planId: version.plan_id,
        url: link(`/offers/subscriptions/confirm?token=${confirmToken}`, language),
        days: settings.pendingDays,
        unsubscribeUrl: unsubscribeLink(unsubscribeToken, language),
      }),
    };
  };

  /** The e-mail flow as it always was: a pending row and a confirmation link, or a reminder to an address already subscribed. */
  const subscribeByEmail = async (planId: string, email: string, languageTyped: string, networkAddress: string): Promise<SubscribeOutcome> => {
    // Counted outside the transaction: on SQLite a write beside an open transaction would wait for it.
    const verdict = await deps.sendLimits.admit({ networkAddress, recipient: email });
    if (!verdict.isAllowed) {
      if (verdict.isNetworkLimit) throw sendRefusal(verdict.retryAfterSeconds);
      logger.info({ planId }, 'offer subscription request past the limit of its address; nothing sent');
      return { ok: true };
    }
    const language = languageOf(languageTyped);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + settings.pendingDays * DAY_MS);
    const emailHash = hash(email, 'email');
    await repository.inTransaction(async (tx, trx) => {
      const version = await tx.findLatestVersion(planId);
      if (!version) throw new NotFound('OFFER_NOT_FOUND', englishOf(SHARED_MESSAGES, 'offers.error.notFoundDetail'));
      await tx.deleteExpiredPending(now.toISOString());
      const existing = await tx.findByPlanAndEmail(planId, emailHash);
      if (existing?.status === 'active') {
        const t = deps.translator(languageOf(existing.language));
        const record = JSON.parse(version.record) as OfferRecord;
        await enqueueEmail(jobs, trx, {
          to: email,
          subject: t('offers.subscribe.mail.activeSubject', { plan: planName(record) }),
          text: t('offers.subscribe.mail.activeBody', {
            plan: planName(record),
            url: link(`/offers/${encodeURIComponent(planId)}`, existing.language),
            unsubscribeUrl: unsubscribeLink(keyring.decrypt(existing.unsubscribe_token_enc, CONTEXT.unsubscribe), existing.language),
          }),
        });
        logger.info({ subscriptionId: existing.id }, 'offer subscription asked again while active');
        return;
      }
      const confirmToken = newToken();
      const unsubscribeToken = newToken();
      const tokens = {
        confirm_token_hash: hash(confirmToken, 'confirm_token'),
        unsubscribe_token_hash: hash(unsubscribeToken, 'unsubscribe_token'),
        unsubscribe_token_enc: keyring.encrypt(unsubscribeToken, CONTEXT.unsubscribe),
        language,
        expires_at: expiresAt.toISOString(),
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.renewPending(existing.id, tokens);
      } else {
        id = ids();
        await tx.insert({
          id,
          plan_id: planId,
          email_enc: keyring.encrypt(email, CONTEXT.email),
          email_hash: emailHash,
          status: 'pending',
          created_at: now.toISOString(),
          confirmed_at: null,
          ...tokens,
        });
      }
      await enqueueEmail(jobs, trx, confirmationMail(email, language, version, confirmToken, unsubscribeToken));
      logger.info({ subscriptionId: id }, 'offer subscription pending');
    });
    return { ok: true };
  };

  /**
   * The text flow: a code to the number, typed back in the browser holding the returned token.
   * A number already subscribed gets a code too, whose confirmation keeps its subscription as it is.
   */
  const subscribeByText = async (planId: string, e164: string, languageTyped: string, networkAddress: string): Promise<SubscribeOutcome> => {
    const codeToken = newToken();
    const verdict = await deps.sendLimits.admit({ networkAddress, recipient: e164 });
    if (!verdict.isAllowed) {
      if (verdict.isNetworkLimit) throw sendRefusal(verdict.retryAfterSeconds);
      // The browser waits for a code that never comes, as it would for a number that cannot receive texts.
      logger.info({ planId }, 'offer subscription request past the limit of its number; nothing sent');
      return { ok: true, codeToken };
    }
    const language = languageOf(languageTyped);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + settings.pendingDays * DAY_MS);
    const recipientHash = hash(e164, 'phone');
    await repository.inTransaction(async (tx, trx) => {
      await tx.deleteExpiredPending(now.toISOString());
      const existing = await tx.findByPlanAndEmail(planId, recipientHash);
      const id = existing?.id ?? ids();
      const code = generateOneTimeCode();
      const codeFields = {
        confirm_token_hash: hash(codeToken, 'confirm_token'),
        code_hash: hashOneTimeCode(keyring, CODE_PURPOSE, id, code),
        code_expires_at: new Date(now.getTime() + settings.codeMinutes * 60_000).toISOString(),
        language,
      };
      if (existing?.status === 'active') {
        await tx.setCode(id, { ...codeFields, language: existing.language });
      } else {
        const unsubscribeToken = newToken();
        const tokens = {
          unsubscribe_token_hash: hash(unsubscribeToken, 'unsubscribe_token'),
          unsubscribe_token_enc: keyring.encrypt(unsubscribeToken, CONTEXT.unsubscribe),
          expires_at: expiresAt.toISOString(),
        };
        if (existing) {
          await tx.renewPending(id, { ...tokens, confirm_token_hash: codeFields.confirm_token_hash, language });
          await tx.setCode(id, codeFields);
        } else {
          await tx.insert({
            id,
            plan_id: planId,
            email_enc: keyring.encrypt('', CONTEXT.email),
            email_hash: recipientHash,
            channel: 'sms',
            phone_hash: sms.hashNumber(e164),
            phone_enc: keyring.encrypt(e164, CONTEXT.phone),
            status: 'pending',
            created_at: now.toISOString(),
            confirmed_at: null,
            code_attempts: 0,
            ...tokens,
            ...codeFields,
          });
        }
      }
      const t = deps.translator(existing?.status === 'active' ? languageOf(existing.language) : language);
      const message = t('offers.subscribe.sms.code', { code, minutes: settings.codeMinutes });
      await sms.enqueue(trx, { to: e164, text: oneTimeCodeSmsText(message, deps.publicUrl, code), purpose: SUBSCRIPTION_SMS_PURPOSE.code });
      logger.info({ subscriptionId: id }, 'offer subscription by text waits for its code');
    });
    return { ok: true, codeToken };
  };

  const service = {
    /**
     * Records a pending subscription and queues the confirmation: an e-mail with a link, or a text
     * with a code when the person chose a mobile number (or gave only one). Whether the address or
     * number was already subscribed changes only what it receives, never the answer: a number
     * already subscribed gets a code too, which only keeps its subscription. Each request counts
     * in the platform's send limits: too many from one client address is refused (429); past the
     * limit of the typed address or number nothing is sent, and the answer is the same, since
     * saying so would tell whether others had asked for it.
     */
    async subscribe(input: {
      planId: string;
      email: string;
      phone?: string | undefined;
      notifyBy?: string | undefined;
      language: string;
      networkAddress: string;
    }): Promise<SubscribeOutcome> {
      const email = input.email.trim().toLowerCase();
      const typedPhone = (input.phone ?? '').trim();
      if (email === '' && typedPhone === '') return { ok: false, issues: [{ field: 'email', messageKey: 'offers.subscribe.error.contactMissing' }] };
      const issues: SubscribeIssue[] = [];
      if (email !== '' && (email.length > 254 || !EMAIL_PATTERN.test(email)))
        issues.push({ field: 'email', messageKey: 'offers.subscribe.error.emailInvalid' });
      const read = typedPhone === '' ? undefined : readMobileNumber(typedPhone.slice(0, 40), deps.country);
      if (read && !read.ok)
        issues.push({
          field: 'phone',
          messageKey: read.problem === 'not-mobile' ? 'offers.subscribe.error.phoneNotMobile' : 'offers.subscribe.error.phoneInvalid',
        });
      const notifyBy = input.notifyBy ?? '';
      const channel: SubscriptionChannel | undefined =
        notifyBy === 'email' || notifyBy === 'sms' ? notifyBy : email === '' ? 'sms' : typedPhone === '' ? 'email' : undefined;
      if (channel === undefined) issues.push({ field: 'notifyBy', messageKey: 'offers.subscribe.error.notifyByMissing' });
      else if (channel === 'email' && email === '') issues.push({ field: 'email', messageKey: 'offers.subscribe.error.emailMissing' });
      else if (channel === 'sms' && typedPhone === '') issues.push({ field: 'phone', messageKey: 'offers.subscribe.error.phoneMissing' });
      if (issues.length > 0 || channel === undefined) return { ok: false, issues };
      if (!(await repository.findLatestVersion(input.planId))) throw new NotFound('OFFER_NOT_FOUND', 'No offer has this plan id.');
      if (channel === 'sms' && read?.ok) return subscribeByText(input.planId, read.e164, input.language, input.networkAddress);
      return subscribeByEmail(input.planId, email, input.language, input.networkAddress);
    },

    /**
     * Confirms a subscription by text with the code typed in the browser that asked for it
     * (`codeToken`, from its cookie); returns its plan id. A token that matches nothing (a request
     * past its number's limit, or one already confirmed) is answered as a wrong code.
     */
    async confirmCode(codeToken: string, code: string): Promise<{ ok: true; planId: string } | { ok: false; issue: SubscribeIssue }> {
      const issue = (messageKey: string): { ok: false; issue: SubscribeIssue } => ({ ok: false, issue: { field: 'code', messageKey } });
      const row = await repository.findByConfirmToken(hash(codeToken, 'confirm_token'));
      const now = clock.now();
      if (!row || row.channel !== 'sms' || row.code_hash === null || row.code_expires_at === null)
        return issue(/^\s*[0-9]{6}\s*$/.test(code) ? 'offers.subscribe.error.codeWrong' : 'offers.subscribe.error.codeFormat');
      const verdict = judgeOneTimeCode({
        keyring,
        purpose: CODE_PURPOSE,
        subject: row.id,
        stored: { codeHash: row.code_hash, attempts: row.code_attempts, expiresAt: row.code_expires_at },
        typed: code,
        now,
        maxAttempts: MAX_CODE_ATTEMPTS,
      });
      if (verdict === 'malformed') return issue('offers.subscribe.error.codeFormat');
      if (verdict === 'locked') return issue('offers.subscribe.error.codeLocked');
      if (verdict === 'expired') return issue('offers.subscribe.error.codeExpired');
      if (verdict !== 'ok') {
        await repository.recordCodeAttempt(row.id, row.code_attempts + 1);
        return issue('offers.subscribe.error.codeWrong');
      }
      await repository.inTransaction(async (tx) => {
        if (row.status === 'active') await tx.setCode(row.id, { confirm_token_hash: null, code_hash: null, code_expires_at: null, language: row.language });
        else await tx.activate(row.id, now.toISOString());
      });
      logger.info({ subscriptionId: row.id }, 'offer subscription by text confirmed');
      return { ok: true, planId: row.plan_id };
    },

    /**
     * Ends every subscription by text of a number, as a STOP sent from it asks; the channels'
     * inbound handler calls it with the sender's number. Returns how many ended.
     */
    async stopTexts(e164: string): Promise<number> {
      const removed = await repository.removeTextsTo(sms.hashNumber(e164));
      logger.info({ removed }, 'offer subscriptions by text ended by a STOP');
      return removed;
    },

    /** Whether a confirmation link is still good, without using it. */
    async isConfirmable(token: string): Promise<boolean> {
      const row = await repository.findByConfirmToken(hash(token, 'confirm_token'));
      // A subscription by text is confirmed only with its code, never by the token its browser holds.
      return row !== undefined && row.channel === 'email' && row.status === 'pending' && row.expires_at !== null && row.expires_at > clock.now().toISOString();
    },

    /** Activates the subscription of a confirmation link; returns its plan id, or undefined for a spent or lapsed link. */
    async confirm(token: string): Promise<string | undefined> {
      return repository.inTransaction(async (tx) => {
        const row = await tx.findByConfirmToken(hash(token, 'confirm_token'));
        if (!row || row.channel !== 'email' || row.status !== 'pending' || row.expires_at === null || row.expires_at <= clock.now().toISOString())
          return undefined;
        await tx.activate(row.id, clock.now().toISOString());
        logger.info({ subscriptionId: row.id }, 'offer subscription confirmed');
        return row.plan_id;
      });
    },

    /** Ends the subscription of an unsubscribe link, pending or active; returns its plan id, or undefined when there is none. */
    async unsubscribe(token: string): Promise<string | undefined> {
      return repository.inTransaction(async (tx) => {
        const row = await tx.findByUnsubscribeToken(hash(token, 'unsubscribe_token'));
        if (!row) return undefined;
        await tx.remove(row.id);
        logger.info({ subscriptionId: row.id }, 'offer subscription ended');
        return row.plan_id;
      });
    },

    /** Tells every confirmed subscriber of each changed plan, in their language, by e-mail or by text; all queued together. Returns how many. */
    async notifyChanges(changes: readonly PlanChange[]): Promise<number> {
      let queued = 0;
      let texted = 0;
      await repository.inTransaction(async (tx, trx) => {
        for (const change of changes) {
          const current = await tx.findVersion(change.planId, change.version);
          if (!current) continue;
          const previous = change.version > 1 ? await tx.findVersion(change.planId, change.version - 1) : undefined;
          const subscribers: SubscriptionRow[] = await tx.listActiveForPlan(change.planId);
          const record = JSON.parse(current.record) as OfferRecord;
          const before = previous ? (JSON.parse(previous.record) as OfferRecord) : undefined;
          for (const subscriber of subscribers) {
            const language = languageOf(subscriber.language);
            const t = deps.translator(language);
            const format = createFormatter(language, deps.timeZone);
            const price = (r: OfferRecord) => t('offers.label.pricePer', { amount: format.money(r.monthlyPrice, r.currency), days: r.validityDays });
            if (subscriber.channel === 'sms' && subscriber.phone_enc !== null) {
              // The outbox has no unique key as jobs have: the version texted is noted, so a job run again texts nothing twice.
              if (subscriber.texted_version !== null && subscriber.texted_version >= current.version) continue;
              await sms.enqueue(trx, {
                to: keyring.decrypt(subscriber.phone_enc, CONTEXT.phone),
                text: gsmSpaces(
                  t('offers.subscribe.sms.change', {
                    operator: current.operator_name,
                    plan: planName(record),
                    price: price(record),
                    from: format.date(`${current.effective_from}T12:00:00Z`),
                    url: link(`/offers/${encodeURIComponent(current.plan_id)}`, language),
                    unsubscribeUrl: unsubscribeLink(keyring.decrypt(subscriber.unsubscribe_token_enc, CONTEXT.unsubscribe), language),
                  }),
                ),
                purpose: SUBSCRIPTION_SMS_PURPOSE.change,
                // An alert: a number that texted STOP gets none.
                isOptional: true,
              });
              await tx.markTexted(subscriber.id, current.version);
              texted += 1;
              continue;
            }
            await enqueueEmail(
              jobs,
              trx,
              {
                to: keyring.decrypt(subscriber.email_enc, CONTEXT.email),
                subject: t('offers.subscribe.mail.changeSubject', { plan: planName(record) }),
                text: t('offers.subscribe.mail.changeBody', {
                  operator: current.operator_name,
                  plan: planName(record),
                  planId: current.plan_id,
                  version: current.version,
                  price: price(record),
                  oldPrice: before ? price(before) : '–',
                  changes: before ? new Intl.ListFormat(language, { type: 'conjunction' }).format(changedFacts(before, record, t)) || '–' : '–',
                  from: format.date(`${current.effective_from}T12:00:00Z`),
                  url: link(`/offers/${encodeURIComponent(current.plan_id)}?on=${current.effective_from}`, language),
                  unsubscribeUrl: unsubscribeLink(keyring.decrypt(subscriber.unsubscribe_token_enc, CONTEXT.unsubscribe), language),
                }),
              },
              // A retried job does not send the same notice twice.
              { uniqueKey: `offers.change:${subscriber.id}:${current.plan_id}:${current.version}` },
            );
            queued += 1;
          }
        }
      });
      logger.info({ plans: changes.length, emails: queued, texts: texted }, 'offer change notices queued');
      return queued + texted;
    },

    /** Lets the job queue run the notices. */
    registerJobs(): void {
      jobs.register<unknown>(NOTIFY_JOB, async (payload) => {
        if (!isPlanChangeList(payload)) throw new Error('The payload of an offer change notice is not a list of plan changes.');
        await service.notifyChanges(payload.changes);
      });
    },
  };
  return service;
}

/** The offer subscription service. */
export type OfferSubscriptionService = ReturnType<typeof createOfferSubscriptionService>;
