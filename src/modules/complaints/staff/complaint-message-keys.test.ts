import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { englishSentencesIn } from '../../../../test/helpers/english-sentences.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { loadCatalogs } from '../../../platform/i18n/index.ts';
import { loadJurisdiction } from '../../../platform/jurisdiction.ts';
import { createComplaintServiceFor, type StaffActor } from '../index.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';
import { complaintSubmission } from '../testing/complaint-answers.ts';

// Issue 13 item 15: no page shows a raw message key (/staff/tokens and /staff/complaints/new did).
// Issue 13 item 10: and no page said in Chinese or Arabic holds an English sentence, errors included.
const DEMO_PROFILE = fileURLToPath(new URL('../../../../jurisdictions/demo.json', import.meta.url));
const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));
const LANGUAGES = ['en', 'fr', 'ar', 'es', 'ru', 'zh'];

// The first segments of every message key (complaints, staff, lang, ...): text that starts with one
// and a dot is what a missing key prints instead of its words.
const NAMESPACES = [...new Set(Object.keys(loadCatalogs().messages.get('en') ?? {}).map((key) => key.split('.')[0] ?? ''))].filter((n) => n !== '');
const KEY_SHAPED = new RegExp(`(?<![\\w.@/-])(?:${NAMESPACES.join('|')})(?:\\.[A-Za-z0-9_:-]+)+`, 'g');

/** The text of a page that looks like a message key (`complaints.staff.title`, `lang.en`, `staff.permission.complaints:read`). */
function rawKeysOf(body: string): string[] {
  const text = body.replace(/<[^>]*>/g, ' ');
  return [...new Set([...text.matchAll(KEY_SHAPED)].map((m) => m[0]))];
}

// Names people gave, not words of the page: the operator's, and the regulator's in its profile.
const NAMES = ['Keys One', 'Keys Person', loadJurisdiction(DEMO_PROFILE).authority.name];

/** The English sentences of a page said in another script, outside names; each element's text apart. */
function englishOf(body: string): string[] {
  let text = body.replace(/<[^>]*>/g, '\n').replace(/&[a-z]+;|&#\d+;/g, ' ');
  for (const name of NAMES) text = text.replaceAll(name, ' ');
  return englishSentencesIn(text);
}

/** GETs or POSTs each page in each language and returns every page that shows a raw key, or English in Chinese or Arabic. */
async function scan(client: WebClient, pages: ReadonlyArray<{ path: string; post?: Record<string, string | string[]> }>): Promise<string[]> {
  const found: string[] = [];
  for (const language of LANGUAGES) {
    for (const page of pages) {
      const url = `${page.path}${page.path.includes('?') ? '&' : '?'}lang=${language}`;
      if (page.post) await client.get(`${page.path.split('?')[0]}?lang=${language}`);
      const answer = page.post ? await client.post(url, page.post) : await client.get(url);
      assert.ok(answer.statusCode < 500, `${url} answered ${answer.statusCode}`);
      const keys = rawKeysOf(answer.body);
      if (keys.length > 0) found.push(`${url} (${page.post ? 'POST' : 'GET'} ${answer.statusCode}): ${keys.join(', ')}`);
      const english = language === 'zh' || language === 'ar' ? englishOf(answer.body) : [];
      if (english.length > 0) found.push(`${url} (${page.post ? 'POST' : 'GET'} ${answer.statusCode}) in English: ${english.join(' | ')}`);
    }
  }
  return found;
}

for (const database of databases.all) {
  describe(`message keys on the complaint staff pages (${database.dialect})`, () => {
    it('shows words, never a message key, on every staff and operator page of complaints, in every language, errors included', async () => {
      const { platform, app } = await createComplaintsTestApp(database, { 'OP-K-1': 'Keys One' });
      const service = createComplaintServiceFor(platform);
      const system: StaffActor = { actor: { type: 'system', id: null }, userId: 'system', role: 'admin' };
      const file = async () =>
        (
          await service.file(
            { type: 'system', id: null },
            complaintSubmission({
              operatorIds: ['OP-K-1'],
              description: '同一套餐被收了两次费用。',
              desiredOutcome: '退款。',
              priorContact: { contacted: true, date: '2026-11-20' },
              problemStartedOn: '2026-11-02',
              consumer: { name: 'Keys Person', email: 'keys@example.org', accountNumber: 'K-1', serviceNumber: '0712 345 678', language: 'fr' },
              extraSupport: ['disability'],
            }),
            [{ fileName: 'bill.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }],
          )
        ).cases[0]!.reference;
      const received = await file();
      const referred = await file();
      await service.staff.assess(system, referred, 'refer');
      await service.staff.askConsumer(system, referred, '哪一天？');
      await service.consumerMessage(referred, '三号。', 'operator');
      await service.operator.respond({ actor: { type: 'token', id: 't' }, operatorId: 'OP-K-1' }, referred, { kind: 'resolution', text: '退一半。' });
      await service.consumerReject(referred, '不够。');
      const closed = await file();
      await service.staff.assess(system, closed, 'close');

      const admin = createWebClient(app, '10.99.0.1');
      await signIn(admin, platform, await buildStaffAccount(platform, { role: 'admin' }));
      const agent = createWebClient(app, '10.99.0.2');
      await signIn(agent, platform, await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-K-1' }));
      const rep = createWebClient(app, '10.99.0.3');
      await signIn(rep, platform, await buildStaffAccount(platform, { role: 'association_rep' }));

      const found = [
        ...(await scan(admin, [
          { path: '/staff' },
          { path: '/staff/tokens' },
          { path: '/staff/complaints' },
          { path: '/staff/complaints?stage=nope&sort=due&page=2' },
          { path: '/staff/complaints/new' },
          { path: '/staff/complaints/new', post: {} },
          {
            path: '/staff/complaints/new',
            post: {
              operatorIds: ['OP-NOPE', 'OP-K-1'],
              service: 'space',
              category: 'x',
              priorContacted: 'maybe',
              priorDate: '2099-01-01',
              problemStartDay: '40',
              problemStartMonth: '1',
              problemStartYear: '2026',
              email: 'x',
              phone: 'y',
              serviceNumber: 'z',
              language: 'xx',
              extraSupport: 'nope',
              channel: 'web',
            },
          },
          { path: `/staff/complaints/${received}` },
          { path: `/staff/complaints/${referred}` },
          { path: `/staff/complaints/${closed}` },
          { path: `/staff/complaints/${received}/close` },
          { path: `/staff/complaints/${received}/assess`, post: { next: 'close' } },
          { path: `/staff/complaints/${referred}/notes`, post: { note: '' } },
          { path: `/staff/complaints/${referred}/message`, post: { message: '' } },
          { path: `/staff/complaints/${referred}/assign`, post: {} },
          { path: '/staff/complaints/privacy' },
          { path: '/staff/complaints/privacy', post: { email: 'nope' } },
          { path: '/staff/complaints/privacy', post: { email: 'keys@example.org', action: 'erase' } },
          { path: '/staff/complaints/subscribers' },
        ])),
        ...(await scan(agent, [
          { path: '/staff' },
          { path: '/staff/tokens' },
          { path: '/staff/operator/complaints' },
          { path: `/staff/operator/complaints/${referred}` },
          { path: `/staff/operator/complaints/${referred}/responses`, post: { kind: 'nope', text: '' } },
          { path: `/staff/operator/complaints/${referred}/messages`, post: { message: '' } },
        ])),
        ...(await scan(rep, [
          { path: '/staff' },
          { path: '/staff/association/complaints' },
          { path: '/staff/complaints/new' },
          { path: '/staff/complaints/new', post: {} },
        ])),
        ...(await scan(createWebClient(app, '10.99.0.4'), [
          { path: '/complaints' },
          { path: '/complaints/new' },
          ...['operator', 'service', 'problem', 'what-happened', 'outcome', 'operator-contact', 'your-details', 'support', 'evidence', 'consent'].flatMap(
            (step) => [{ path: `/complaints/new/${step}` }, { path: `/complaints/new/${step}`, post: {} }],
          ),
          { path: '/complaints/resume' },
          { path: '/complaints/follow' },
          { path: '/complaints/follow', post: {} },
          { path: '/complaints/statistics' },
        ])),
      ];
      assert.deepEqual(found, []);
    });
  });
}
