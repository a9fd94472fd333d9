import type { TestDatabase } from '../../../../test/helpers/db.ts';
import { createTestPlatform, type TestClock } from '../../../../test/helpers/platform.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { buildApp } from '../../../app.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { EMAIL_JOB_TYPE, type MailMessage } from '../../../platform/notify/index.ts';
import { learnModule } from '../index.ts';
import type { EventInput } from '../workshops/workshop.service.ts';

/** The modules a workshops test runs. */
export const WORKSHOPS_TEST_MODULES = [learnModule];

/** A platform over a fresh database with the demo profile (its regions), and its app. */
export async function createWorkshopsTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  clock?: TestClock,
): Promise<{ platform: Platform & { clock: TestClock }; app: App }> {
  const platform = await createTestPlatform(await database.fresh(), { modules: WORKSHOPS_TEST_MODULES, env, ...(clock ? { clock } : {}) });
  return { platform, app: await buildApp(platform, WORKSHOPS_TEST_MODULES) };
}

/** An event as a member of staff types it: in Nairobi on the given local date, 10:00 to 12:00. */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    texts: {
      en: { title: 'Safe mobile money', description: 'How to stop **SIM-swap** fraud.' },
      fr: { title: 'Argent mobile en sécurité', description: 'Comment déjouer la fraude à la carte SIM.' },
    },
    heldLanguage: 'en',
    topic: 'mobileMoney',
    audience: 'everyone',
    placeKind: 'venue',
    region: 'KE-30',
    address: 'Community Hall, 4 Moi Avenue, Nairobi',
    onlineLink: '',
    date: '2026-12-20',
    startTime: '10:00',
    endTime: '12:00',
    capacity: '2',
    arrangements: ['signLanguage', 'stepFree'],
    ...overrides,
  };
}

/** The e-mails queued so far, oldest first. */
export async function queuedMails(platform: Platform): Promise<MailMessage[]> {
  return (await queuedJobPayloads(platform, EMAIL_JOB_TYPE)) as MailMessage[];
}

/** The private token in a message's link. */
export function tokenIn(text: string): string {
  const token = /\/learn\/workshops\/registration\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`No registration link in: ${text}`);
  return token;
}
