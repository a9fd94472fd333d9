import type { Platform } from '../../../platform/platform.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { createScamReportIntakeFor } from '../reporting/scam-report.wiring.ts';
import { createReviewServiceFor } from '../review/review.wiring.ts';
import type { Reviewer } from '../review/review.service.ts';
import { scamNoticesOf } from '../notices/notices.wiring.ts';
import { createScamIdentifierRepository } from '../reputation/scam-identifier.repository.ts';
import { createAppealServiceFor } from '../appeals/appeal.wiring.ts';
import { createAppealRepository } from '../appeals/appeal.repository.ts';
import { hashCheckToken } from '../appeals/appeal.service.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One demo scam: who sent it, what it said, and how many people reported it. */
interface DemoScam {
  sender: string;
  medium: 'call' | 'sms' | 'messagingApp';
  category: string;
  text: string;
  reporters: number;
  /** Days before the demo started that the first report came. */
  firstDaysAgo: number;
}

/** The demo's reporters: fictional numbers of the three demo operators' ranges, verified weeks before. */
const REPORTERS = Array.from({ length: 12 }, (_, i) => `+2547${['10', '33', '77', '22', '75', '11'][i % 6]}${String(400_100 + i * 37).padStart(6, '0')}`);
const LANGUAGES = ['en', 'fr', 'ar', 'es', 'ru', 'zh'] as const;

/** A smishing campaign: the same text forwarded by eight people, left at the threshold for a reviewer to try. */
export const DEMO_CAMPAIGN: DemoScam = {
  sender: '+254799000111',
  medium: 'sms',
  category: 'delivery',
  text: 'Your parcel is held at the Nairobi depot. Pay KES 150 at https://parcel-depot-ke.top/pay within 24 hours to release it.',
  reporters: 8,
  firstDaysAgo: 4,
};

/** A caller pretending to be a bank, confirmed by two reviewers: operators have notices, one answered. */
export const DEMO_CONFIRMED: DemoScam = {
  sender: '+254799000222',
  medium: 'call',
  category: 'impersonation',
  text: 'Caller said he was from Demo Savings Bank fraud team and asked for the M-money PIN to "reverse a wrong transfer".',
  reporters: 6,
  firstDaysAgo: 9,
};

/** A number confirmed, then appealed by its holder (left under appeal). */
export const DEMO_APPEALED: DemoScam = {
  sender: '+254799000333',
  medium: 'sms',
  category: 'loan',
  text: 'Instant loan KES 50,000 approved! Send the KES 500 processing fee to 0799000333 to receive it today.',
  reporters: 5,
  firstDaysAgo: 8,
};

/** A number confirmed, then cleared when its holder's appeal was overturned (a reassigned number). */
export const DEMO_CLEARED: DemoScam = {
  sender: '+254799000444',
  medium: 'sms',
  category: 'lottery',
  text: 'Congratulations! Your number won KES 1,000,000 in the Safari Promo. Call 0799000444 to claim.',
  reporters: 5,
  firstDaysAgo: 10,
};

/** Single reports that stay below the threshold, one of them late. */
const DEMO_SINGLES: readonly (DemoScam & { daysAgo?: number })[] = [
  {
    sender: 'PRIZEWIN',
    medium: 'sms',
    category: 'lottery',
    text: 'PRIZEWIN: you are selected for a free phone. Confirm at http://free-phone-gift.example.net',
    reporters: 2,
    firstDaysAgo: 3,
  },
  {
    sender: '+254799000555',
    medium: 'messagingApp',
    category: 'jobOffer',
    text: 'Work from home, KES 3,000 a day liking videos. Registration fee KES 1,000.',
    reporters: 1,
    firstDaysAgo: 45,
  },
];

/** Files the reports of one demo scam, one a reporter, spread over the days after its first. */
async function fileDemoReports(platform: Platform, scam: DemoScam, firstReporter: number): Promise<string> {
  const intake = createScamReportIntakeFor(platform);
  const now = platform.clock.now().getTime();
  let identifierId = '';
  for (let i = 0; i < scam.reporters; i++) {
    const reporter = REPORTERS[(firstReporter + i) % REPORTERS.length] ?? '+254710400100';
    const occurred = now - scam.firstDaysAgo * DAY + i * 14 * HOUR;
    const filed = await intake.file({
      channel: i % 3 === 2 ? 'sms' : 'web',
      reporterNumber: reporter,
      verifiedAt: new Date(now - 60 * DAY).toISOString(),
      sender: scam.sender,
      occurredAt: new Date(Math.min(occurred, now - HOUR)).toISOString(),
      medium: scam.medium,
      category: scam.category,
      text: scam.text,
      contactKind: i % 2 === 0 ? 'sms' : '',
      language: LANGUAGES[i % LANGUAGES.length] ?? 'en',
      hasHarm: i === 0,
    });
    if (!filed.ok) throw new Error(`the demo scam report of ${scam.sender} was refused: ${filed.issues.map((x) => x.field).join(', ')}`);
    identifierId = filed.value.identifierIds[0] ?? identifierId;
  }
  return identifierId;
}

/** Two reviewers (the officer, then the senior admin) confirm an identifier. */
async function confirmByReview(platform: Platform, identifierId: string, reviewers: { officer: Reviewer; admin: Reviewer }): Promise<void> {
  const review = createReviewServiceFor(platform);
  const identifiers = createScamIdentifierRepository(platform.db.kysely);
  const before = await identifiers.findById(identifierId);
  if (!before) throw new Error('the demo identifier is missing');
  const opened = await review.openReview(reviewers.officer, identifierId, { seenState: before.state, note: 'Several verified reporters in a few days.' });
  if (!opened.ok) throw new Error(`the demo review could not open (${before.state})`);
  const round = await identifiers.findById(identifierId);
  for (const reviewer of [reviewers.officer, reviewers.admin]) {
    const decided = await review.decide(reviewer, identifierId, {
      version: String(round?.version ?? 0),
      decision: 'confirm',
      reason: 'The reports agree and the texts ask for money or a PIN.',
    });
    if (!decided.ok) throw new Error('the demo review decision was refused');
    if (decided.value.decided === 'confirmed') return;
  }
}

/** The demo's staff accounts as reviewers. */
async function demoReviewers(platform: Platform): Promise<{ officer: Reviewer; admin: Reviewer } | undefined> {
  const accounts = await createAuthServiceFor(platform).listAccounts({ kind: 'system' });
  const find = (role: Role) => accounts.find((a) => a.role === role && a.isActive);
  const officer = find('officer');
  const admin = find('admin');
  if (!officer || !admin) return undefined;
  return { officer: { userId: officer.id, role: 'officer' }, admin: { userId: admin.id, role: 'admin' } };
}

/**
 * The scams demo, once: a campaign at the threshold, a confirmed number with its operators'
 * notices (one answered), single reports below the threshold (one late), a confirmed number under
 * appeal, and one cleared when its holder's appeal was overturned (with unblock notices).
 */
export async function seedScamsDemo(platform: Platform): Promise<void> {
  if (await createScamIdentifierRepository(platform.db.kysely).hasAny()) return;
  const reviewers = await demoReviewers(platform);
  await fileDemoReports(platform, DEMO_CAMPAIGN, 0);
  for (const [i, single] of DEMO_SINGLES.entries()) await fileDemoReports(platform, single, 8 + i * 2);
  if (!reviewers) return;
  const confirmed = await fileDemoReports(platform, DEMO_CONFIRMED, 2);
  await confirmByReview(platform, confirmed, reviewers);
  const notices = scamNoticesOf(platform);
  const [first] = await notices.list({ actor: { type: 'system', id: null }, operatorId: 'OP-DEMO-1' });
  if (first)
    await notices.answer({ actor: { type: 'system', id: null }, operatorId: 'OP-DEMO-1' }, first.id, { answer: 'blocked', note: 'Barred on our network.' });
  await confirmByReview(platform, await fileDemoReports(platform, DEMO_APPEALED, 4), reviewers);
  await appealAsHolder(platform, DEMO_APPEALED.sender, 'This number is my shop line. I never sent loan offers; someone used my number as the sender.');
  await confirmByReview(platform, await fileDemoReports(platform, DEMO_CLEARED, 6), reviewers);
  const reference = await appealAsHolder(
    platform,
    DEMO_CLEARED.sender,
    'I was given this number by my operator in March. The lottery texts were sent before it was mine.',
  );
  const appeals = createAppealServiceFor(platform);
  const appeal = (await appeals.listOpen()).find((a) => a.reference === reference);
  if (appeal)
    await appeals.decide({
      id: appeal.id,
      actor: { type: 'user', id: reviewers.admin.userId },
      decision: 'overturn',
      reason: 'The operator confirmed the number was reassigned after the texts were sent.',
    });
}

/**
 * The holder of a listed number appeals, through the appeal service as on the page; the demo's
 * holder proved the number beforehand (as the code by text would), so no code is read back.
 */
async function appealAsHolder(platform: Platform, e164: string, statement: string): Promise<string | undefined> {
  const { keyring } = platform;
  const now = platform.clock.now();
  const token = `demo-holder-${platform.ids()}`;
  await createAppealRepository(platform.db.kysely).insertCheck({
    id: platform.ids(),
    token_hash: hashCheckToken(keyring, token),
    purpose: 'holder',
    number_hash: platform.sms.hashNumber(e164),
    number_enc: keyring.encrypt(e164, SEALED.checkedNumber),
    code_hash: '',
    attempts: 0,
    sent_at: now.toISOString(),
    expires_at: new Date(now.getTime() + HOUR).toISOString(),
    verified_at: now.toISOString(),
  });
  const filed = await createAppealServiceFor(platform).file({ token, statement, contact: '', language: 'en', t: platform.catalogs.translator('en') });
  if (!filed.ok) throw new Error(`the demo appeal of ${e164} was refused`);
  return filed.value.reference;
}
