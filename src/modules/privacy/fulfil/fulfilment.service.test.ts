import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import yauzl from 'yauzl';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { addOperators } from '../../../../test/helpers/operators.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { buildStaffAccount } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { loadCatalogs, sizeValue } from '../../../platform/i18n/index.ts';
import type { KingaModule } from '../../../platform/module.ts';
import type { ErasureOutcome, KeptReason, RecordKind, SubjectFile, SubjectIdentity, SubjectValue } from '../../../platform/privacy/record-kinds.ts';
import { offersModule } from '../../offers/index.ts';
import { privacyModule } from '../index.ts';
import { AccessArchiveTooLargeError, writeArchiveZip } from './access-archive.ts';
import { createFulfilment, type ErasurePolicy } from './fulfilment.ts';

const databases = openTestDatabases(allMigrations([offersModule, privacyModule]));
const smtp = await startSmtpServer();
after(() => smtp.close());

/** A record of an in-memory kind: the test decides whom it is about, whether its case is open and which operator holds a copy. */
interface StoredRecord {
  id: string;
  email: string;
  createdAt: string;
  fields: Record<string, SubjectValue>;
  files?: SubjectFile[];
  isOpen?: boolean;
  keep?: KeptReason;
  operatorId?: string;
  isErased?: boolean;
}

/** A kind of record over records the test holds, answering the contract of `RecordKind` exactly. */
function memoryKind(name: string, labelKey: string, purposeKey: string, records: StoredRecord[]): RecordKind {
  const about = (identity: SubjectIdentity) =>
    records
      .filter((r) => r.isErased !== true && identity.emails.includes(r.email))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return {
    name,
    labelKey,
    purposeKey,
    categories: ['contact', 'content'],
    subjects: ['consumers'],
    recipients: ['operators'],
    triggers: ['created', 'closed'],
    actions: ['delete', 'anonymise'],
    defaultRule: { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
    retention: { run: () => Promise.resolve(0) },
    subject: {
      find: (identity) =>
        Promise.resolve(about(identity).map((r) => ({ id: r.id, createdAt: r.createdAt, fields: r.fields, ...(r.files ? { files: r.files } : {}) }))),
      erase(identity, { heldIds }) {
        const outcomes: ErasureOutcome[] = [];
        const operatorIds = new Set<string>();
        const operatorReferences: Record<string, string[]> = {};
        for (const r of about(identity)) {
          if (heldIds.has(r.id)) outcomes.push({ id: r.id, result: 'kept', reason: 'legalHold' });
          else if (r.isOpen === true) outcomes.push({ id: r.id, result: 'kept', reason: 'openCase' });
          else if (r.keep !== undefined) outcomes.push({ id: r.id, result: 'kept', reason: r.keep });
          else {
            r.isErased = true;
            outcomes.push({ id: r.id, result: 'erased' });
            if (r.operatorId === undefined) continue;
            operatorIds.add(r.operatorId);
            (operatorReferences[r.operatorId] ??= []).push(`REF-${r.id}`);
          }
        }
        return Promise.resolve({ outcomes, operatorIds: [...operatorIds].sort(), operatorReferences });
      },
    },
  };
}

const ANA: SubjectIdentity = { emails: ['ana@example.org'], phones: [], deviceIds: [] };
const BEN: SubjectIdentity = { emails: ['ben@example.org'], phones: [], deviceIds: [] };

function seed() {
  const complaints: StoredRecord[] = [
    {
      id: 'c-ana-2',
      email: 'ana@example.org',
      createdAt: '2026-11-02T10:00:00.000Z',
      fields: { reference: 'CMP-2', text: 'Mon forfait a été coupé', isUrgent: true, closedAt: null },
      files: [{ name: '../facture de mai.pdf', mediaType: 'application/pdf', bytes: Buffer.from('%PDF-1.4 ana') }],
      operatorId: 'OP-1',
    },
    {
      id: 'c-ana-1',
      email: 'ana@example.org',
      createdAt: '2026-10-01T10:00:00.000Z',
      fields: { reference: 'CMP-1', text: 'Facture trop élevée' },
      isOpen: true,
      operatorId: 'OP-1',
    },
    {
      id: 'c-ben-1',
      email: 'ben@example.org',
      createdAt: '2026-10-05T10:00:00.000Z',
      fields: { reference: 'CMP-3', text: 'Ben’s own complaint' },
      operatorId: 'OP-2',
    },
  ];
  const scams: StoredRecord[] = [
    {
      id: 's-ana-1',
      email: 'ana@example.org',
      createdAt: '2026-09-01T10:00:00.000Z',
      fields: { sender: '+254700000001', amountLost: 1500 },
      keep: 'legalObligation',
    },
  ];
  const kinds = [
    memoryKind('testing.complaints', 'complaints.nav', 'complaints.navDescription', complaints),
    memoryKind('testing.scams', 'scams.reporting.page.nav', 'scams.reporting.page.navDescription', scams),
  ];
  const module: KingaModule = { name: 'testing', recordKinds: () => kinds };
  return { complaints, scams, module };
}

async function readZip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}

interface DataJson {
  reference: string;
  generatedAt: string;
  kinds: {
    name: string;
    label: string;
    purpose: string;
    rule: { period: string };
    records: { id: string; fields: Record<string, SubjectValue>; files: { name: string; path: string; size: number }[] }[];
  }[];
}

const POLICY: ErasurePolicy = {
  receivedOn: '2026-12-01',
  schedule: {
    'testing.scams': { period: 'P6Y', trigger: 'created', action: 'delete', legalBasis: 'legalObligation', reference: 'Consumer Protection Act, s. 12' },
  },
};

/** The report's kinds of this test: the platform's own kinds are searched too, and find nobody here. */
const own = <T extends { kind: string }>(kinds: readonly T[]): T[] => kinds.filter((k) => k.kind.startsWith('testing.'));

for (const database of databases.all) {
  describe(`fulfilment of access and erasure (${database.dialect})`, () => {
    test('the access archive holds exactly the person’s records, as data.json and as a page in their language', async () => {
      const { module } = seed();
      const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule, privacyModule, module] });
      const fulfilment = createFulfilment(platform);

      const archive = await fulfilment.accessArchive({ identity: ANA, language: 'fr', reference: 'DSR-2026-0001' });
      assert.deepEqual(archive.places, [
        { kind: 'testing.complaints', records: 2 },
        { kind: 'testing.scams', records: 1 },
      ]);
      assert.equal(archive.fileName, 'DSR-2026-0001-personal-data.zip');
      const entries = await readZip(archive.bytes);
      assert.deepEqual([...entries.keys()].sort(), ['README.txt', 'data.json', 'files/testing.complaints/c-ana-2/_facture de mai.pdf', 'index.html']);
      assert.equal(entries.get('files/testing.complaints/c-ana-2/_facture de mai.pdf')?.toString(), '%PDF-1.4 ana');

      const data = JSON.parse(entries.get('data.json')?.toString() ?? '') as DataJson;
      // The platform's own kinds are searched too (and listed, empty): only the test's hold records.
      assert.ok(data.kinds.filter((k) => !k.name.startsWith('testing.')).every((k) => k.records.length === 0));
      data.kinds = data.kinds.filter((k) => k.name.startsWith('testing.'));
      assert.equal(data.reference, 'DSR-2026-0001');
      assert.equal(data.generatedAt, '2026-12-01T09:00:00.000Z');
      assert.deepEqual(
        data.kinds.map((k) => [k.name, k.label, k.records.map((r) => r.id)]),
        [
          ['testing.complaints', 'Complaints', ['c-ana-1', 'c-ana-2']],
          ['testing.scams', 'Scams', ['s-ana-1']],
        ],
      );
      assert.equal(data.kinds[0]?.rule.period, 'P5Y');
      assert.deepEqual(data.kinds[0]?.records[1]?.files, [
        { name: '../facture de mai.pdf', mediaType: 'application/pdf', size: 12, path: 'files/testing.complaints/c-ana-2/_facture de mai.pdf' },
      ]);
      assert.equal(data.kinds[0]?.records[1]?.fields['isUrgent'], true);
      assert.ok(!JSON.stringify(data).includes('ben'), 'nothing of the other person');

      const html = entries.get('index.html')?.toString() ?? '';
      assert.match(html, /<html lang="fr" dir="ltr">/);
      assert.match(html, /<h2 id="kind-\d+">Plaintes<\/h2>/);
      assert.match(html, /Conservé 5 ans à compter de sa clôture, puis anonymisé\./);
      assert.match(html, /href="files\/testing\.complaints\/c-ana-2\/_facture%20de%20mai\.pdf"/);
      assert.match(html, /<th scope="row"><bdi>text<\/bdi><\/th><td><bdi>Mon forfait a été coupé<\/bdi><\/td>/);
      assert.doesNotMatch(html, /<script|ben@|Ben’s/);
      assert.match(entries.get('README.txt')?.toString() ?? '', /DSR-2026-0001/);

      const arabic = await readZip((await fulfilment.accessArchive({ identity: ANA, language: 'ar', reference: 'DSR-2026-0001' })).bytes);
      const arabicHtml = arabic.get('index.html')?.toString() ?? '';
      assert.match(arabicHtml, /<html lang="ar" dir="rtl">/);
      assert.match(arabicHtml, />الشكاوى<\/h2>/);

      const nobody = await fulfilment.accessArchive({
        identity: { emails: ['nobody@example.org'], phones: [], deviceIds: [] },
        language: 'zh',
        reference: 'DSR-2026-0002',
      });
      assert.deepEqual(nobody.places, []);
      assert.match((await readZip(nobody.bytes)).get('index.html')?.toString() ?? '', /未找到关于您的任何记录。/);
    });

    test('erasure keeps an open case and a duty to keep, tells the operator by e-mail, and is final once the case closes', async () => {
      const { module, complaints } = seed();
      const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule, privacyModule, module], env: { SMTP_URL: smtp.url } });
      await addOperators(platform, ['OP-1', 'OP-2']);
      const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-1', email: 'agent@op1.example' });
      await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-2', email: 'agent@op2.example' });
      const fulfilment = createFulfilment(platform);
      const sentBefore = smtp.messages.length;

      const first = await fulfilment.erase({ identity: ANA, reference: 'DSR-2026-0007', policy: POLICY, actor: { type: 'user', id: agent.id } });
      assert.equal(first.isFinal, false);
      assert.deepEqual(first.operatorIds, ['OP-1']);
      assert.deepEqual(
        own(first.kinds).map((k) => ({ kind: k.kind, erased: k.erased, anonymised: k.anonymised, kept: k.kept })),
        [
          { kind: 'testing.complaints', erased: 1, anonymised: 0, kept: [{ id: 'c-ana-1', reason: 'openCase' }] },
          { kind: 'testing.scams', erased: 0, anonymised: 0, kept: [{ id: 's-ana-1', reason: 'legalObligation', rule: POLICY.schedule['testing.scams'] }] },
        ],
      );
      assert.equal(own(first.kinds)[1]?.rule.reference, 'Consumer Protection Act, s. 12');

      await platform.jobs.runDue();
      const mails = (await smtp.waitFor(sentBefore + 1)).slice(sentBefore);
      assert.equal(mails.length, 1);
      assert.deepEqual(mails[0]?.to, ['agent@op1.example']);
      assert.equal(mails[0]?.subject, 'Erasure request DSR-2026-0007: erase your copy');
      assert.match(mails[0]?.text ?? '', /Records of these kinds had been shared with \u2068Operator OP-1\u2069: Complaints\./);
      assert.doesNotMatch(mails[0]?.text ?? '', /ana@|Mon forfait/);
      assert.match(
        mails[0]?.text ?? '',
        /The references of the records concerned, as you received them: REF-[\w-]+/,
        'the operator is told which of its records to erase',
      );

      const notices = await fulfilment.operatorNotices('DSR-2026-0007');
      assert.deepEqual(notices, [{ operatorId: 'OP-1', kinds: ['testing.complaints'], language: 'en', recipients: 1, sentAt: '2026-12-01T09:00:00.000Z' }]);
      const audit = await platform.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'entity_id'])
        .where('action', 'like', 'privacy.%')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['privacy.erasure', 'privacy.erasure.operatorNotice'],
      );
      assert.equal(audit[0]?.actor_id, agent.id);

      // The other person's records are untouched.
      assert.equal(complaints.find((r) => r.id === 'c-ben-1')?.isErased, undefined);

      // The case closes; the request runs again under the same policy.
      const open = complaints.find((r) => r.id === 'c-ana-1');
      if (open) open.isOpen = false;
      platform.clock.advance(86_400_000);
      const second = await fulfilment.erase({ identity: ANA, reference: 'DSR-2026-0007', policy: POLICY });
      assert.equal(second.isFinal, true);
      assert.deepEqual(
        own(second.kinds).map((k) => [k.kind, k.erased, k.kept.map((kept) => kept.reason)]),
        [
          ['testing.complaints', 1, []],
          ['testing.scams', 0, ['legalObligation']],
        ],
      );
      assert.deepEqual(
        (await fulfilment.operatorNotices('DSR-2026-0007')).map((n) => [n.operatorId, n.sentAt]),
        [
          ['OP-1', '2026-12-01T09:00:00.000Z'],
          ['OP-1', '2026-12-02T09:00:00.000Z'],
        ],
      );
      assert.deepEqual(await fulfilment.operatorNotices('DSR-2026-0008'), []);
      const bens = await fulfilment.accessArchive({ identity: BEN, language: 'en', reference: 'DSR-2026-0009' });
      assert.deepEqual(bens.places, [{ kind: 'testing.complaints', records: 1 }]);
    });

    test('a record under a legal hold is kept, and the erasure is not final while it is', async () => {
      const { module } = seed();
      const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule, privacyModule, module] });
      const fulfilment = createFulfilment(platform, { heldIdsFor: (kind) => Promise.resolve(new Set(kind === 'testing.complaints' ? ['c-ana-2'] : [])) });
      const report = await fulfilment.erase({ identity: ANA, reference: 'DSR-2026-0010', policy: POLICY });
      assert.equal(report.isFinal, false);
      assert.deepEqual(own(report.kinds)[0]?.kept, [
        { id: 'c-ana-1', reason: 'openCase' },
        { id: 'c-ana-2', reason: 'legalHold' },
      ]);
      assert.deepEqual(report.operatorIds, []);
    });
  });
}

test('an archive over the limit stops with an honest error before it is compressed', async () => {
  const files = [{ name: 'big.bin', mediaType: 'application/octet-stream', path: 'files/k/1/big.bin', bytes: new Uint8Array(2048) }];
  await assert.rejects(
    writeArchiveZip({ dataJson: '{}', indexHtml: '<p>', readme: 'r', files, generatedAt: '2026-12-01T00:00:00Z', limitBytes: 1024 }),
    (error: unknown) => error instanceof AccessArchiveTooLargeError && error.bytes === 2048 + 2 + 3 + 1 && error.limitBytes === 1024,
  );
  const zip = await writeArchiveZip({ dataJson: '{}', indexHtml: '<p>', readme: 'r', files, generatedAt: '2026-12-01T00:00:00Z', limitBytes: 1_000_000 });
  assert.ok(zip.byteLength > 0 && zip.byteLength < 2048);
  const said = loadCatalogs().translator('fr')('privacy.fulfil.error.tooLarge', { size: sizeValue(250 * 1024 * 1024), limit: sizeValue(200 * 1024 * 1024) });
  assert.match(said, /^Vos données occupent 250\smégaoctets, plus que ce qu’une archive peut contenir \(200\smégaoctets\)\./);
});
