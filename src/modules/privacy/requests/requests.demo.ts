import type { Platform } from '../../../platform/platform.ts';
import { createRequestRepository } from './request.repository.ts';
import { createFulfilment } from '../fulfil/fulfil.wiring.ts';
import { createRequestServiceFor } from './requests.wiring.ts';
import { shiftDate } from './request-rules.ts';

/**
 * Demo requests in every state, from fictional people, entered as staff would (paper, phone, in
 * person, e-mail) so that `npm start` shows the list, the clock and the actions. Idempotent: it
 * does nothing once any request exists.
 */
export async function seedRequestsDemo(platform: Platform): Promise<void> {
  const repository = createRequestRepository(platform.db.kysely);
  if ((await repository.listRequests({ limit: 1 })).length > 0) return;
  const service = createRequestServiceFor(platform, createFulfilment(platform));
  const today = service.today();
  const actor = { type: 'system' as const, id: null };
  const enter = async (
    daysAgo: number,
    values: { type: string; channel: string; email: string; phone?: string; details: string; language?: string; isIdentityChecked?: boolean },
  ) => {
    const outcome = await service.enterRequest(actor, {
      type: values.type,
      channel: values.channel,
      receivedOn: shiftDate(today, -daysAgo),
      emails: values.email,
      phones: values.phone ?? '',
      deviceIds: '',
      details: values.details,
      language: values.language ?? 'en',
      notifyBy: 'email',
      isIdentityChecked: values.isIdentityChecked ?? true,
    });
    if (!outcome.ok) throw new Error(`demo request refused: ${JSON.stringify(outcome.issues)}`);
    return outcome.value.id;
  };
  await enter(3, {
    type: 'access',
    channel: 'paper',
    email: 'wanjiku.demo@example.org',
    details: 'Letter: please send me a copy of my complaint file.',
    isIdentityChecked: false,
  });
  await enter(5, {
    type: 'access',
    channel: 'inPerson',
    email: 'otieno.demo@example.org',
    details: 'Visit: wants to see what is kept about his theft report.',
  });
  const inProgress = await enter(12, {
    type: 'rectification',
    channel: 'phone',
    email: 'achieng.demo@example.org',
    details: 'Call: the name on complaint is misspelt (Akinyi, not Akiny).',
    language: 'fr',
  });
  await service.act(actor, inProgress, { action: 'markInProgress' });
  const extended = await enter(20, {
    type: 'portability',
    channel: 'email',
    email: 'kamau.demo@example.org',
    details: 'E-mail: all measurements and complaints as a file.',
  });
  await service.act(actor, extended, { action: 'extend', note: 'Records held in four modules; two operators to consult.' });
  const answered = await enter(40, {
    type: 'objection',
    channel: 'paper',
    email: 'njeri.demo@example.org',
    details: 'Objects to receiving the quarterly satisfaction survey.',
  });
  await service.act(actor, answered, { action: 'recordAnswer', note: 'Removed from the survey list; confirmed by letter.' });
  const refused = await enter(35, {
    type: 'erasure',
    channel: 'email',
    email: 'mutua.demo@example.org',
    details: 'Delete everything.',
    isIdentityChecked: false,
  });
  await service.act(actor, refused, { action: 'refuse', refusalCode: 'identityNotProved', note: 'No reply to two requests for proof of identity.' });
  const withdrawn = await enter(8, {
    type: 'restriction',
    channel: 'phone',
    email: 'chebet.demo@example.org',
    details: 'Call: asked to stop using her number while a dispute is checked.',
  });
  await service.act(actor, withdrawn, { action: 'withdraw', note: 'The person called back: the dispute is settled.' });
}
