import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { buildStaffAccount, createWebClient, signIn, type WebClient } from '../../../../test/helpers/staff.ts';
import { postMultipart } from '../../../../test/helpers/forms.ts';
import { allMigrations } from '../../../platform/create.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { learnModule } from '../index.ts';

const databases = openTestDatabases(allMigrations([learnModule]));
const smtp = await startSmtpServer();
after(() => smtp.close());

const PUBLIC_URL = 'https://kinga.test';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');

const FIELDS = {
  title: 'Guidelines on handling complaints about mobile money',
  issuer: 'Demo Consumers Forum',
  issued: '2025-11',
  language: 'en',
  type: 'guideline',
  topic: 'complaints',
  country: 'KE',
  licence: 'CC-BY-4.0',
  abstract: 'How operators and agents should answer complaints about mobile-money transfers sent to the wrong number, with time limits.',
  link: '',
  fullText: 'Reversal of transfers sent in error within 48 hours.',
};

async function setUp(database: (typeof databases.all)[number]) {
  const platform = await createTestPlatform(await database.fresh(), { modules: [learnModule], env: { SMTP_URL: smtp.url, PUBLIC_URL } });
  const app = await buildApp(platform, [learnModule]);
  return { platform, app };
}

async function staffClient(app: App, platform: Platform, role: 'editor' | 'officer' | 'admin' | 'operator_agent' | 'association_rep', address: string) {
  const client = createWebClient(app, address);
  const account = await buildStaffAccount(platform, { role });
  const signed = await signIn(client, platform, account);
  assert.equal(signed.statusCode, 303, signed.body);
  return client;
}

async function mailsAfter(platform: Platform, first: number, count: number) {
  await platform.jobs.runDue();
  return (await smtp.waitFor(first + count)).slice(first);
}

function linkIn(text: string): string {
  const url = /(https:\/\/kinga\.test\/learn\/library\/contribute\/\S+)/.exec(text)?.[1];
  assert.ok(url, text);
  return url.slice(PUBLIC_URL.length);
}

async function invite(platform: Platform, editor: WebClient, name: string, email: string, language: string): Promise<string> {
  const first = smtp.messages.length;
  await editor.get('/staff/learn/library/invitations');
  const sent = await editor.post('/staff/learn/library/invitations', { name, email, language });
  assert.equal(sent.statusCode, 200, sent.body);
  const [mail] = await mailsAfter(platform, first, 1);
  assert.ok(mail);
  assert.deepEqual(mail.to, [email]);
  return linkIn(mail.text ?? '');
}

for (const database of databases.all) {
  test(`an invited contributor proposes a document through their own link; staff review it, reject it with a reason sent back, and the link works once [${database.dialect}]`, async () => {
    const { platform, app } = await setUp(database);
    const editor = await staffClient(app, platform, 'editor', '10.7.0.1');
    const link = await invite(platform, editor, 'Achieng Otieno', 'achieng@forum.example', 'fr');
    const other = await invite(platform, editor, 'Hassan Mwinyi', 'hassan@pwani.example', 'en');
    assert.match(link, /\?lang=fr$/);
    const stored = await platform.db.kysely.selectFrom('learn_library_invitations').selectAll().orderBy('created_at').orderBy('id').execute();
    assert.equal(stored.length, 2);
    assert.doesNotMatch(JSON.stringify(stored), /achieng|Otieno|hassan/i, 'names and addresses are sealed, the token only hashed');
    assert.ok(!JSON.stringify(stored).includes(link.split('/').at(-1)?.split('?')[0] ?? 'x'));

    // Each link opens its own invitation only, in its language; a made-up token opens nothing.
    const contributor = createWebClient(app, '10.7.0.2');
    const form = await contributor.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Bonjour Achieng Otieno/);
    assert.doesNotMatch(form.body, /Hassan/);
    assert.match((await createWebClient(app, '10.7.0.3').get(other)).body, /Hello Hassan Mwinyi/);
    assert.equal((await contributor.get('/learn/library/contribute/not-a-real-token')).statusCode, 404);
    assert.equal((await contributor.get('/staff/learn/library')).statusCode, 303, 'the link is no account');

    // Sent empty: every problem listed by field, in French, nothing stored.
    const empty = await postMultipart(app, contributor, link, { fields: {}, file: null, remoteAddress: '10.7.0.2' });
    assert.equal(empty.statusCode, 422, empty.body);
    const expected: [string, string][] = [
      ['title', 'Saisissez le titre du document'],
      ['issuer', 'Indiquez qui a publié le document'],
      ['abstract', 'Saisissez un résumé du document'],
      ['type', 'Choisissez le type de document'],
      ['link', "Donnez l(?:&#x27;|&#39;|')adresse du document ou choisissez son fichier PDF"],
    ];
    for (const [field, words] of expected) assert.match(empty.body, new RegExp(`href="#field-${field}">${words}<`), field);
    const wrongFile = await postMultipart(app, contributor, link, {
      fields: FIELDS,
      file: { name: 'guide.pdf', type: 'application/pdf', data: Buffer.from('GIF89a not a pdf') },
      remoteAddress: '10.7.0.2',
    });
    assert.equal(wrongFile.statusCode, 422);
    assert.match(wrongFile.body, /Le fichier doit être un PDF/);
    assert.match(wrongFile.body, /value="Demo Consumers Forum"/, 'answers are kept');

    const sent = await postMultipart(app, contributor, link, {
      fields: FIELDS,
      file: { name: 'guide.pdf', type: 'application/pdf', data: PDF },
      remoteAddress: '10.7.0.2',
    });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.match(sent.body, /Merci, votre document a bien été reçu/);
    const again = await postMultipart(app, contributor, link, { fields: FIELDS, file: null, remoteAddress: '10.7.0.2' });
    assert.equal(again.statusCode, 410);
    assert.equal((await contributor.get(link)).statusCode, 410);

    // Staff see it, with the contributor's name, and its PDF; it is not public before publication.
    const doc = await platform.db.kysely.selectFrom('learn_library_documents').selectAll().executeTakeFirstOrThrow();
    assert.equal(doc.state, 'submitted');
    assert.equal(doc.source, 'contributor');
    assert.match((await editor.get('/staff')).body, /1 document to review/, 'the dashboard counts what waits');
    const queue = await editor.get('/staff/learn/library');
    assert.match(queue.body, /Guidelines on handling complaints about mobile money/);
    const page = await editor.get(`/staff/learn/library/documents/${doc.id}`);
    assert.match(page.body, /Achieng Otieno &lt;achieng@forum.example>/);
    const staffPdf = await editor.get(`/staff/learn/library/documents/${doc.id}/file`);
    assert.equal(staffPdf.statusCode, 200);
    assert.deepEqual(staffPdf.rawPayload, PDF);
    assert.equal((await app.inject(`/learn/library/${doc.id}/file`)).statusCode, 404);
    assert.equal((await app.inject(`/learn/library/${doc.id}`)).statusCode, 404);

    // A rejection needs its reason, and the contributor gets it in their language.
    assert.equal((await editor.post(`/staff/learn/library/documents/${doc.id}/move`, { version: '1', move: 'review' })).statusCode, 303);
    await editor.get(`/staff/learn/library/documents/${doc.id}`);
    const noReason = await editor.post(`/staff/learn/library/documents/${doc.id}/move`, { version: '2', move: 'reject', reason: ' ' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Give the reason/);
    const stale = await editor.post(`/staff/learn/library/documents/${doc.id}/move`, { version: '1', move: 'reject', reason: 'Old page' });
    assert.equal(stale.statusCode, 409);
    const first = smtp.messages.length;
    const rejected = await editor.post(`/staff/learn/library/documents/${doc.id}/move`, {
      version: '2',
      move: 'reject',
      reason: 'The guidelines are a draft; send the adopted version.',
    });
    assert.equal(rejected.statusCode, 303);
    const [mail] = await mailsAfter(platform, first, 1);
    assert.deepEqual(mail?.to, ['achieng@forum.example']);
    assert.match(mail?.subject ?? '', /Votre document n'a pas été retenu/);
    assert.match(mail?.text ?? '', /The guidelines are a draft; send the adopted version\./);

    const audit = await platform.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', doc.id).orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['learn.library.submitted', 'learn.library.review', 'learn.library.reject'],
    );
    await app.close();
  });

  test(`staff publish a document: it is listed, filtered, shown with its metadata, exported without personal data and indexed for search until withdrawn [${database.dialect}]`, async () => {
    const { platform, app } = await setUp(database);
    const officer = await staffClient(app, platform, 'officer', '10.8.0.1');
    await officer.get('/staff/learn/library/new');
    const created = await postMultipart(app, officer, '/staff/learn/library/new', {
      fields: { ...FIELDS, link: 'https://example.org/guidelines' },
      file: { name: 'guide.pdf', type: 'application/pdf', data: PDF },
      remoteAddress: '10.8.0.1',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = String(created.headers.location).split('/').at(-1) ?? '';
    // A PDF over the limit is read to its end without being kept, and the form says so with the answers kept.
    await officer.get('/staff/learn/library/new');
    const huge = Buffer.concat([PDF, Buffer.alloc(12_500_000, 0x20)]);
    const tooLarge = await postMultipart(app, officer, '/staff/learn/library/new', {
      fields: FIELDS,
      file: { name: 'huge.pdf', type: 'application/pdf', data: huge },
      remoteAddress: '10.8.0.1',
    });
    assert.equal(tooLarge.statusCode, 422);
    assert.match(tooLarge.body, /The file is larger than 10 MB/);
    assert.match(tooLarge.body, /value="Demo Consumers Forum"/);
    assert.equal((await platform.db.kysely.selectFrom('learn_library_documents').select('id').execute()).length, 1);
    await officer.get(`/staff/learn/library/documents/${id}`);
    assert.equal((await officer.post(`/staff/learn/library/documents/${id}/move`, { version: '1', move: 'review' })).statusCode, 303);
    const translated = await officer.post(`/staff/learn/library/documents/${id}/translations`, {
      translationLanguage: 'fr',
      translationTitle: "Lignes directrices sur les réclamations relatives à l'argent mobile",
      translationAbstract: "Comment répondre aux réclamations sur les transferts d'argent mobile envoyés au mauvais numéro, et la résiliation des contrats.",
    });
    assert.equal(translated.statusCode, 303);
    const badTranslation = await officer.post(`/staff/learn/library/documents/${id}/translations`, {
      translationLanguage: 'en',
      translationTitle: '',
      translationAbstract: 'x'.repeat(4001),
    });
    assert.equal(badTranslation.statusCode, 422);
    assert.match(badTranslation.body, /Choose a language other than the document/);
    assert.match(badTranslation.body, /Shorten this to 4,000 characters or fewer|Shorten this to 4000 characters or fewer/);
    const unknownMove = await officer.post(`/staff/learn/library/documents/${id}/move`, { version: '2', move: 'delete' });
    assert.equal(unknownMove.statusCode, 409);
    assert.equal((await officer.post(`/staff/learn/library/documents/${id}/move`, { version: '2', move: 'publish' })).statusCode, 303);

    const list = await app.inject('/learn/library?lang=en');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Guidelines on handling complaints about mobile money/);
    assert.match((await app.inject('/learn/library?lang=en&type=guideline&country=KE&year=2025')).body, /1 document</);
    assert.match((await app.inject('/learn/library?lang=en&type=report')).body, /No document matches\./);
    assert.match((await app.inject('/learn/library?lang=en&year=20x5&page=999999')).body, /1 document</, 'a wrong filter is ignored, never a 500');
    assert.match((await app.inject('/learn/library?lang=fr')).body, /Lignes directrices sur les réclamations/, 'the translation for a French reader');

    const page = await app.inject(`/learn/library/${id}?lang=en`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dt>Issued by<\/dt><dd dir="auto">Demo Consumers Forum<\/dd>/);
    assert.match(page.body, /<time dateTime="2025-11"|datetime="2025-11"/);
    // Dublin Core in the head, with the export's codes, for harvesters and reference managers.
    const head = page.body.slice(0, page.body.indexOf('</head>'));
    assert.match(head, /<link rel="schema.DC" href="http:\/\/purl.org\/dc\/elements\/1.1\/"/);
    const dc = [...head.matchAll(/<meta name="(DC\.[a-z]+)" content="([^"]*)"( lang="[^"]*")?/g)].map((m) => `${m[1]}=${m[2]}${m[3] ?? ''}`);
    assert.deepEqual(dc, [
      'DC.title=Guidelines on handling complaints about mobile money lang="en"',
      'DC.creator=Demo Consumers Forum',
      'DC.publisher=Demo Consumers Forum',
      'DC.date=2025-11',
      'DC.language=en',
      'DC.type=guideline',
      'DC.subject=complaints',
      'DC.coverage=KE',
      'DC.rights=CC-BY-4.0',
      'DC.identifier=https://example.org/guidelines',
    ]);
    assert.doesNotMatch((await app.inject('/learn/library?lang=en')).body, /DC\./, 'only a document page describes a document');
    const pdf = await app.inject(`/learn/library/${id}/file`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-security-policy']), /sandbox/);

    const csv = await app.inject('/learn/library.csv');
    assert.equal(csv.statusCode, 200);
    const [header, row] = csv.body.split('\r\n');
    assert.equal(header, 'id,title,creator,date,language,type,subject,coverage,rights,description,source,file,identifier');
    assert.ok(
      row?.startsWith(`${id},Guidelines on handling complaints about mobile money,Demo Consumers Forum,2025-11,en,guideline,complaints,KE,CC-BY-4.0,`),
      row,
    );
    assert.ok(row?.endsWith(`,https://example.org/guidelines,${PUBLIC_URL}/learn/library/${id}/file,${PUBLIC_URL}/learn/library/${id}`), row);
    const json = (await app.inject('/learn/library.json')).json<{ documents: Record<string, string>[] }>();
    assert.deepEqual(Object.keys(json.documents[0] ?? {}), header?.split(','));
    for (const body of [csv.body, JSON.stringify(json)]) assert.doesNotMatch(body, /submitted_by|invitation|officer|staff\d/i);

    const indexed = await platform.db.kysely.selectFrom('search_documents').select(['kind', 'document_id', 'language']).orderBy('language').execute();
    assert.deepEqual(indexed, [
      { kind: 'learn.library', document_id: id, language: 'en' },
      { kind: 'learn.library', document_id: id, language: 'fr' },
    ]);

    await officer.get(`/staff/learn/library/documents/${id}`);
    assert.equal(
      (await officer.post(`/staff/learn/library/documents/${id}/move`, { version: '3', move: 'withdraw', reason: 'Superseded by the 2026 edition.' }))
        .statusCode,
      303,
    );
    assert.deepEqual(await platform.db.kysely.selectFrom('search_documents').select('document_id').execute(), []);
    assert.equal((await app.inject(`/learn/library/${id}`)).statusCode, 404);
    assert.equal((await app.inject(`/learn/library/${id}/file`)).statusCode, 404);
    assert.equal((await app.inject('/learn/library.csv')).body, `${header}\r\n`);
    await app.close();
  });

  test(`only editors, officers and administrators open the library's staff pages [${database.dialect}]`, async () => {
    const { platform, app } = await setUp(database);
    const pages = ['/staff/learn/library', '/staff/learn/library/new', '/staff/learn/library/invitations'];
    for (const [role, address] of [
      ['operator_agent', '10.9.0.1'],
      ['association_rep', '10.9.0.2'],
    ] as const) {
      const client = await staffClient(app, platform, role, address);
      for (const path of pages) assert.equal((await client.get(path)).statusCode, 403, `${role} ${path}`);
      assert.equal((await client.post('/staff/learn/library/invitations', { name: 'X', email: 'x@example.org', language: 'en' })).statusCode, 403);
    }
    for (const [role, address] of [
      ['editor', '10.9.0.3'],
      ['officer', '10.9.0.4'],
      ['admin', '10.9.0.5'],
    ] as const) {
      const client = await staffClient(app, platform, role, address);
      for (const path of pages) assert.equal((await client.get(path)).statusCode, 200, `${role} ${path}`);
    }
    const anonymous = await app.inject('/staff/learn/library');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(
      await platform.db.kysely
        .selectFrom('learn_library_invitations')
        .select('id')
        .execute()
        .then((r) => r.length),
      0,
    );
    await app.close();
  });
}
