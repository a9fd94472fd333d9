import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import yauzl from 'yauzl';
import { allMigrations } from '../src/platform/create.ts';
import type { SubjectIdentity } from '../src/platform/privacy/record-kinds.ts';
import { resolveRetentionSchedule } from '../src/platform/privacy/retention-schedule.ts';
import { modules } from '../src/modules/index.ts';
import { createFulfilment } from '../src/modules/privacy/fulfil/fulfil.wiring.ts';
import { createRequestServiceFor } from '../src/modules/privacy/requests/requests.wiring.ts';
import { seedComplaintsFollowAndDraft, seedComplaintsPersonEverywhere } from '../src/modules/complaints/testing/complaint-person.ts';
import { seedOffersPersonEverywhere } from '../src/modules/offers/testing/offer-person.ts';
import { seedDevicesPersonEverywhere } from '../src/modules/devices/testing/devices-person.ts';
import { seedQualityPersonEverywhere } from '../src/modules/quality/testing/quality-person.ts';
import { seedScamsPersonEverywhere } from '../src/modules/scams/testing/scams-person.ts';
import { seedChannelsPersonEverywhere } from '../src/modules/channels/testing/channels-person.ts';
import { seedLearnPersonEverywhere } from '../src/modules/learn/testing/learn-kinds.ts';
import { openTestDatabases } from './helpers/db.ts';
import { createTestPlatform } from './helpers/platform.ts';

const databases = openTestDatabases(allMigrations(modules));

const AMINA: SubjectIdentity = { emails: ['amina.wekesa@example.org'], phones: ['+254712000111'], deviceIds: ['amina-phone-app'] };
const OTIENO: SubjectIdentity = { emails: ['otieno.kamau@example.net'], phones: ['+254733000222'], deviceIds: ['otieno-phone-app'] };

/** Every place of every module where a person can be: each module's own seeding of its kinds. */
async function seedEverywhere(platform: Awaited<ReturnType<typeof createTestPlatform>>, identity: SubjectIdentity): Promise<void> {
  const complaint = await seedComplaintsPersonEverywhere(platform, identity);
  await seedComplaintsFollowAndDraft(platform, identity, complaint.reference);
  await seedOffersPersonEverywhere(platform, identity);
  await seedDevicesPersonEverywhere(platform, identity);
  await seedQualityPersonEverywhere(platform, identity);
  await seedScamsPersonEverywhere(platform, identity);
  await seedChannelsPersonEverywhere(platform, identity);
  await seedLearnPersonEverywhere(platform, identity);
  // The request they made about their data is itself a record about them.
  const requests = createRequestServiceFor(platform, createFulfilment(platform));
  const entered = await requests.enterRequest(
    { type: 'system', id: null },
    {
      type: 'access',
      channel: 'paper',
      receivedOn: requests.today(),
      emails: identity.emails.join(' '),
      phones: identity.phones.join(' '),
      deviceIds: identity.deviceIds.join(' '),
      details: 'Please send me everything you hold about me.',
      language: 'en',
      notifyBy: 'email',
      isIdentityChecked: true,
    },
  );
  assert.ok(entered.ok, 'the request is entered');
}

async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

for (const database of databases.all) {
  describe(`a person in every module (${database.dialect})`, () => {
    test('the access archive names every place that refers to them, and nothing of anyone else; erasure leaves only what it says it kept', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules });
      await seedEverywhere(platform, AMINA);
      await seedEverywhere(platform, OTIENO);
      const fulfilment = createFulfilment(platform);

      // Every kind a person can ask about, but staff accounts: Amina is a consumer.
      const places = platform.recordKinds.filter((kind) => kind.subject && kind.name !== 'platform.staffAccounts').map((kind) => kind.name);
      for (const expected of [
        'complaints.complaints',
        'offers.priceAlerts',
        'devices.theftReports',
        'quality.measurements',
        'scams.reporters',
        'channels.smsOutbox',
        'learn.workshopRegistrations',
      ]) {
        assert.ok(places.includes(expected), `${expected} answers a person's requests`);
      }

      const archive = await fulfilment.accessArchive({ identity: AMINA, language: 'en', reference: 'DSR-EVERYWHERE' });
      const found = new Map(archive.places.map((place) => [place.kind, place.records]));
      assert.deepEqual(
        places.filter((kind) => !found.has(kind)),
        [],
        'every kind that can refer to a person found Amina',
      );
      const entries = await unzip(archive.bytes);
      const data = entries.get('data.json')?.toString('utf8') ?? '';
      const page = entries.get('index.html')?.toString('utf8') ?? '';
      for (const kind of places) assert.ok(data.includes(`"${kind}"`), `data.json lists ${kind}`);
      for (const secret of [...OTIENO.emails, ...OTIENO.phones, ...OTIENO.deviceIds, 'Otieno']) {
        assert.ok(!data.includes(secret) && !page.includes(secret), `nothing of another person (${secret})`);
      }
      assert.ok(data.includes(AMINA.emails[0] ?? '') && data.includes(AMINA.phones[0] ?? ''), 'her own contact details are given back to her');

      const policy = {
        receivedOn: '2026-12-01',
        schedule: Object.fromEntries(
          resolveRetentionSchedule(platform.recordKinds, platform.settings.privacy.retention.schedule).map(({ kind, rule }) => [kind.name, rule]),
        ),
      };
      const report = await fulfilment.erase({ identity: AMINA, reference: 'DSR-EVERYWHERE', policy });
      const kept = new Map(report.kinds.map((kind) => [kind.kind, kind.kept.length]));
      const after = await fulfilment.accessArchive({ identity: AMINA, language: 'en', reference: 'DSR-EVERYWHERE-2' });
      for (const place of after.places) {
        assert.ok(place.records <= (kept.get(place.kind) ?? 0), `${place.kind}: ${place.records} record(s) still found, ${kept.get(place.kind) ?? 0} kept`);
      }
      const otieno = await fulfilment.accessArchive({ identity: OTIENO, language: 'en', reference: 'DSR-OTHER' });
      assert.deepEqual(
        places.filter((kind) => !otieno.places.some((place) => place.kind === kind)),
        [],
        'erasing one person leaves the other whole',
      );
    });
  });
}
