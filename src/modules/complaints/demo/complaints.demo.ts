import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { calendarOf, deadlineOf } from '../../../platform/calendar.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createComplaintRepository } from '../cases/complaint.repository.ts';
import { escalationOpensAtOf, stageDeadlineOf } from '../deadlines/deadlines.ts';
import { createComplaintServiceFor } from '../complaints.wiring.ts';
import type { StaffActor } from '../cases/case-workflow.ts';
import type { ComplaintSubmission, ExtraSupportNeed } from '../cases/complaint.types.ts';

const DAY_MS = 86_400_000;

/** One fictional complaint of the demo and how far it went. */
interface DemoCase {
  operatorIds: string[];
  daysAgo: number;
  category: string;
  service: ComplaintSubmission['service'];
  name: string;
  language: string;
  extraSupport?: ExtraSupportNeed[];
  description: string;
  desiredOutcome: string;
  channel?: ComplaintSubmission['channel'];
  /** The steps after filing, each a number of days after the previous one. */
  steps: Array<
    [number, 'refer' | 'investigate' | 'respond' | 'propose' | 'deadlock' | 'accept' | 'reject' | 'escalate' | 'ask' | 'decide' | 'implemented' | 'close']
  >;
}

/** The fictional complaints of the demo: every stage, an untimely operator, overdue and extra-support cases. */
export const DEMO_COMPLAINTS: readonly DemoCase[] = [
  {
    operatorIds: ['OP-DEMO-1'],
    daysAgo: 1,
    category: 'billing',
    service: 'mobile',
    name: 'Wanjiru Demo',
    language: 'en',
    description: 'My prepaid bundle was charged twice on the same day.',
    desiredOutcome: 'Refund the second charge.',
    steps: [],
  },
  {
    operatorIds: ['OP-DEMO-2'],
    daysAgo: 6,
    category: 'quality_coverage',
    service: 'mobile',
    name: 'Otieno Demo',
    language: 'en',
    description: 'No signal at home in the evenings for three weeks.',
    desiredOutcome: 'Fix the coverage or let me leave the contract.',
    steps: [],
  },
  {
    operatorIds: ['OP-DEMO-1', 'OP-DEMO-3'],
    daysAgo: 9,
    category: 'number_porting',
    service: 'mobile',
    name: 'Amani Demo',
    language: 'fr',
    description: 'My number was not moved to the new operator after ten days.',
    desiredOutcome: 'Complete the porting of my number.',
    steps: [[1, 'refer']],
  },
  {
    operatorIds: ['OP-DEMO-2'],
    daysAgo: 40,
    category: 'disconnection',
    service: 'fixed_internet',
    name: 'Halima Demo',
    language: 'ar',
    extraSupport: ['disability'],
    description: 'My home internet was cut although my bill was paid.',
    desiredOutcome: 'Reconnect the line and waive the reconnection fee.',
    steps: [[1, 'refer']],
  },
  {
    operatorIds: ['OP-DEMO-3'],
    daysAgo: 30,
    category: 'contract',
    service: 'pay_tv',
    name: 'Kamau Demo',
    language: 'en',
    description: 'The price of my package rose without notice.',
    desiredOutcome: 'Keep the old price until the end of the contract.',
    steps: [
      [1, 'refer'],
      [5, 'respond'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-4'],
    daysAgo: 20,
    category: 'mis_selling',
    service: 'mobile',
    name: 'Nafula Demo',
    language: 'en',
    extraSupport: ['age'],
    description: 'An agent sold me an expensive plan I did not ask for.',
    desiredOutcome: 'Cancel the plan and refund the first month.',
    channel: 'phone',
    steps: [
      [1, 'refer'],
      [4, 'propose'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-1'],
    daysAgo: 50,
    category: 'roaming',
    service: 'mobile',
    name: 'Mutua Demo',
    language: 'en',
    description: 'I was charged for roaming data while at home near the border.',
    desiredOutcome: 'Refund the roaming charges.',
    steps: [
      [1, 'refer'],
      [6, 'propose'],
      [3, 'accept'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-2'],
    daysAgo: 45,
    category: 'unsolicited_communications',
    service: 'mobile',
    name: 'Chebet Demo',
    language: 'fr',
    description: 'I receive promotional messages every day after opting out.',
    desiredOutcome: 'Stop the messages.',
    steps: [
      [1, 'refer'],
      [5, 'propose'],
      [2, 'reject'],
      [1, 'escalate'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-3'],
    daysAgo: 35,
    category: 'fault_repair',
    service: 'fixed_internet',
    name: 'Baraka Demo',
    language: 'en',
    description: 'My line has been down for two weeks and no technician came.',
    desiredOutcome: 'Repair the line and credit the days without service.',
    steps: [
      [1, 'refer'],
      [3, 'deadlock'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-4'],
    daysAgo: 60,
    category: 'privacy',
    service: 'mobile',
    name: 'Zawadi Demo',
    language: 'en',
    description: 'A shop agent read my call history to another person.',
    desiredOutcome: 'An apology and assurance it will not happen again.',
    steps: [
      [1, 'investigate'],
      [3, 'ask'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-1'],
    daysAgo: 80,
    category: 'billing',
    service: 'fixed_internet',
    name: 'Njeri Demo',
    language: 'en',
    description: 'I was billed for a router I returned.',
    desiredOutcome: 'Cancel the router charge.',
    steps: [
      [1, 'refer'],
      [5, 'respond'],
      [2, 'reject'],
      [1, 'escalate'],
      [10, 'decide'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-2'],
    daysAgo: 90,
    category: 'device',
    service: 'mobile',
    name: 'Kiprono Demo',
    language: 'en',
    description: 'The phone I bought with my plan is locked to the network after the contract ended.',
    desiredOutcome: 'Unlock the phone.',
    steps: [
      [1, 'refer'],
      [4, 'propose'],
      [2, 'accept'],
      [5, 'implemented'],
      [3, 'close'],
    ],
  },
  {
    operatorIds: ['OP-DEMO-3'],
    daysAgo: 70,
    category: 'accessibility',
    service: 'pay_tv',
    name: 'Auma Demo',
    language: 'en',
    extraSupport: ['disability', 'language'],
    description: 'The set-top box menu has no audio description option as advertised.',
    desiredOutcome: 'Provide the promised option or a refund.',
    channel: 'association',
    steps: [
      [1, 'investigate'],
      [15, 'decide'],
    ],
  },
];

function movableClock(start: number): Clock & { advanceDays(days: number): void } {
  let at = start;
  return { now: () => new Date(at), advanceDays: (days) => void (at += days * DAY_MS) };
}

/** The calendar quarter of an instant, such as `2026-Q4`. */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/**
 * Loads the demo complaints once (when there is none yet) against the demo operators, walking
 * each through its stages on a clock that starts in the past, then runs the deadline sweep so
 * an untimely operator's case is escalated. Also loads subscriber numbers for four quarters.
 */
export async function seedComplaintsDemo(platform: Platform): Promise<void> {
  if (!platform.config.jurisdiction.isDemo) return;
  const repository = createComplaintRepository(platform.db.kysely);
  if ((await repository.countCases()) > 0) return;
  const operators = new Set((await createOperatorDirectory(platform.db.kysely).list()).map((o) => o.id));
  const now = platform.clock.now().getTime();
  const officer: StaffActor = { actor: { type: 'system', id: null }, userId: 'demo', role: 'admin' };
  // The demo association's filing is entered by its representative, so that it shows in the association's own list.
  const { createAuthServiceFor } = await import('../../../platform/auth/index.ts');
  const representative = (await createAuthServiceFor(platform).listAccounts({ kind: 'system' })).find((a) => a.role === 'association_rep');
  for (const demo of DEMO_COMPLAINTS) {
    if (!demo.operatorIds.every((id) => operators.has(id))) continue;
    const clock = movableClock(now - demo.daysAgo * DAY_MS);
    const service = createComplaintServiceFor({ ...platform, clock });
    const filed = await service.file(
      demo.channel === 'association' && representative ? { type: 'user', id: representative.id } : { type: 'system', id: null },
      {
        operatorIds: demo.operatorIds,
        service: demo.service,
        category: demo.category,
        description: demo.description,
        desiredOutcome: demo.desiredOutcome,
        priorContact: { contacted: true },
        consumer: { name: demo.name, email: `${demo.name.split(' ')[0]?.toLowerCase() ?? 'consumer'}@example.org`, language: demo.language },
        extraSupport: demo.extraSupport ?? [],
        consent: true,
        channel: demo.channel ?? 'web',
        onBehalfConsentRecorded: demo.channel === 'association',
      },
    );
    for (const c of filed.cases) {
      const operator = { actor: { type: 'system' as const, id: null }, operatorId: c.operatorId };
      const ref = c.reference;
      for (const [days, step] of demo.steps) {
        clock.advanceDays(days);
        if (step === 'refer' || step === 'investigate') await service.staff.assess(officer, ref, step);
        else if (step === 'respond')
          await service.operator.respond(operator, ref, {
            kind: 'response',
            text: 'We checked the account and explained the charges to the customer by phone.',
          });
        else if (step === 'propose')
          await service.operator.respond(operator, ref, { kind: 'resolution', text: 'We offer a full refund of the disputed amount within 7 days.' });
        else if (step === 'deadlock')
          await service.operator.respond(operator, ref, { kind: 'deadlock', text: 'We cannot agree with the customer on the facts.' });
        else if (step === 'accept') await service.consumerAccept(ref);
        else if (step === 'reject') await service.consumerReject(ref, 'The offer does not cover what I was charged.');
        else if (step === 'escalate') await service.consumerEscalate(ref);
        else if (step === 'ask') await service.staff.askConsumer(officer, ref, 'Please tell us the date and the shop where this happened.');
        else if (step === 'decide') await service.staff.decide(officer, ref, 'upheld', 'The operator must refund the charge and confirm it in writing.');
        else if (step === 'implemented') await service.operator.implemented(operator, ref, 'The phone was unlocked remotely.');
        else await service.staff.moveTo(officer, ref, 'closed', 'closed_by_staff');
      }
    }
  }
  // Operators that let their deadline pass: escalated now, as the periodic job would have done.
  await createComplaintServiceFor(platform).sweep();
  await seedStatisticalBackground(platform, new Set([...operators].filter((id) => id.startsWith('OP-DEMO-'))));

  const rows = [];
  const subscribers: Record<string, Record<'mobile' | 'fixed_internet' | 'pay_tv', number>> = {
    'OP-DEMO-1': { mobile: 21_400_000, fixed_internet: 310_000, pay_tv: 0 },
    'OP-DEMO-2': { mobile: 8_950_000, fixed_internet: 145_000, pay_tv: 60_000 },
    'OP-DEMO-3': { mobile: 1_200_000, fixed_internet: 98_000, pay_tv: 410_000 },
    'OP-DEMO-4': { mobile: 640_000, fixed_internet: 0, pay_tv: 0 },
  };
  for (let q = 0; q < 4; q += 1) {
    const at = new Date(now - q * 91 * DAY_MS);
    for (const [operatorId, byService] of Object.entries(subscribers)) {
      if (!operators.has(operatorId)) continue;
      // The smallest operator's return for the current quarter is not in yet: its rate shows the note.
      if (operatorId === 'OP-DEMO-4' && q === 0) continue;
      // A zero is stored, as staff enter it for a service the operator does not sell: a rate needs every service's figure.
      for (const [service, count] of Object.entries(byService)) {
        rows.push({ operator_id: operatorId, service: service as 'mobile', quarter: quarterOf(at), subscribers: Math.round(count * (1 - q * 0.01)) });
      }
    }
  }
  await repository.upsertSubscribers(rows);
}

/** Settled cases per demo operator over the last two quarters: enough for the statistics to publish most figures. */
const BACKGROUND_VOLUME: Record<string, number> = { 'OP-DEMO-1': 140, 'OP-DEMO-2': 70, 'OP-DEMO-3': 30, 'OP-DEMO-4': 6 };
const BACKGROUND_PATHS = [
  ['received', 'assessed', 'referred_to_operator', 'resolution_proposed', 'accepted', 'implemented', 'closed'],
  ['received', 'assessed', 'referred_to_operator', 'operator_responded', 'accepted', 'closed'],
  ['received', 'assessed', 'referred_to_operator', 'operator_responded', 'rejected', 'investigation', 'decision', 'implemented', 'closed'],
  ['received', 'assessed', 'referred_to_operator', 'investigation', 'decision', 'closed'],
  ['received', 'assessed', 'closed'],
] as const;

/**
 * Inserts the statistical background of the demo in one transaction: older, settled cases with
 * their stage history and deadlines, written directly (their e-mails would have left long ago).
 * Every path follows the transition table; the fourth is an operator that let its deadline pass.
 */
async function seedStatisticalBackground(platform: Platform, operators: ReadonlySet<string>): Promise<void> {
  const { keyring, ids } = platform;
  const calendar = calendarOf(platform.config.jurisdiction);
  const settings = platform.settings.complaints;
  const categories = settings.categories;
  const services = ['mobile', 'mobile', 'mobile', 'fixed_internet', 'pay_tv'] as const;
  const now = platform.clock.now().getTime();
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const { newReference } = await import('../cases/complaint-reference.ts');
  const enc = (value: string, context: string) => keyring.encrypt(value, `complaints.${context}`);
  await createComplaintRepository(platform.db.kysely).inTransaction(async (repo) => {
    for (const [operatorId, volume] of Object.entries(BACKGROUND_VOLUME)) {
      if (!operators.has(operatorId)) continue;
      for (let n = 0; n < volume; n += 1) {
        const filedAt = now - (40 + Math.floor(next() * 140)) * DAY_MS - Math.floor(next() * DAY_MS);
        const path = BACKGROUND_PATHS[Math.floor(next() * BACKGROUND_PATHS.length)] ?? BACKGROUND_PATHS[0];
        const isUntimely = path[3] === 'investigation';
        const filingId = ids();
        const caseId = ids();
        const filed = new Date(filedAt).toISOString();
        const email = `background${operatorId.slice(-1)}-${n}@example.org`;
        await repo.insertFiling({
          id: filingId,
          reference: newReference('C'),
          channel: next() < 0.8 ? 'web' : 'phone',
          consumer_name_enc: enc(`Demo Consumer ${operatorId.slice(-1)}-${n}`, 'consumer_name'),
          consumer_email_enc: enc(email, 'consumer_email'),
          consumer_email_hash: keyring.hash(email, 'complaints.email'),
          consumer_phone_enc: null,
          consumer_phone_hash: null,
          contact_by: 'email',
          consumer_account_enc: null,
          language: 'en',
          extra_support_enc: null,
          extra_support_details_enc: null,
          consent_at: filed,
          on_behalf_consent: false,
          filed_by_type: 'system',
          filed_by_id: null,
          created_at: filed,
          erased_at: null,
        });
        let at = filedAt;
        const times = path.map((_stage, i) => {
          if (i > 0) at += (i === 3 ? 3 + Math.floor(next() * (isUntimely ? 25 : 18)) : 1 + Math.floor(next() * 6)) * DAY_MS;
          return at;
        });
        const lastStage = path[path.length - 1] ?? 'closed';
        const lastAt = new Date(times[times.length - 1] ?? filedAt).toISOString();
        await repo.insertCase({
          id: caseId,
          reference: newReference('K'),
          filing_id: filingId,
          operator_id: operatorId,
          service: services[Math.floor(next() * services.length)] ?? 'mobile',
          category: categories[Math.floor(next() * next() * categories.length)] ?? 'billing',
          stage: lastStage,
          description_enc: enc('A fictional complaint of the demo background.', 'description'),
          desired_outcome_enc: enc('A refund.', 'desired_outcome'),
          has_prior_contact: true,
          prior_contact_date: null,
          prior_operator_reference_enc: null,
          has_extra_support: false,
          is_untimely: isUntimely,
          is_deadlock: false,
          amount_on_hold: null,
          assigned_to: null,
          filed_at: filed,
          stage_entered_at: lastAt,
          escalation_opens_at: escalationOpensAtOf(settings, calendar, new Date(filedAt)).toISOString(),
          escalation_notified_at: null,
          closed_at: lastStage === 'closed' ? lastAt : null,
          referred_at: (path as readonly string[]).includes('referred_to_operator') ? new Date(times[2] ?? filedAt).toISOString() : null,
          version: 1,
          updated_at: lastAt,
        });
        for (let i = 0; i < path.length; i += 1) {
          const stage = path[i] ?? 'closed';
          const stageAt = new Date(times[i] ?? filedAt);
          await repo.insertHistory({
            id: ids(),
            case_id: caseId,
            from_stage: i === 0 ? null : (path[i - 1] ?? null),
            to_stage: stage,
            reason: isUntimely && stage === 'investigation' ? 'operator_untimely' : 'demo',
            actor_type: 'system',
            actor_id: null,
            at: stageAt.toISOString(),
          });
          // The demo's cases give no day the problem started and need no extra support.
          const setting =
            stage === 'received' || stage === 'referred_to_operator' || stage === 'investigation' || stage === 'decision'
              ? stageDeadlineOf(settings, stage, { hasExtraSupport: false, isKnownForLong: false })
              : undefined;
          if (setting === undefined) continue;
          const due = deadlineOf(calendar, stageAt, setting.days, setting.count, { lastDay: settings.lastDayOnNonBusinessDay });
          const metAt = new Date(times[i + 1] ?? times[i] ?? filedAt);
          await repo.insertDeadline({
            id: ids(),
            case_id: caseId,
            stage,
            starts_at: stageAt.toISOString(),
            days: setting.days,
            count: setting.count,
            due_at: due.toISOString(),
            met_at: metAt.toISOString(),
            is_missed: metAt.getTime() > due.getTime(),
          });
        }
      }
    }
  });
}
