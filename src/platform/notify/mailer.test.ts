import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { startSmtpServer } from '../../../test/helpers/smtp.ts';
import { createKeyring, generateKeyMaterial } from '../crypto/index.ts';
import { uuidv7 } from '../ids.ts';
import { createJobQueue } from '../jobs/index.ts';
import { loadCatalogs, markFallback } from '../i18n/index.ts';
import { EMAIL_JOB_TYPE, MailerConfigError, createMailer, enqueueEmail, registerEmailJob } from './index.ts';

const databases = openTestDatabases();
const keyring = createKeyring(generateKeyMaterial());
const clock = { now: () => new Date('2026-12-23T10:00:00.000Z') };
const FROM = 'Kinga <no-reply@kinga.example>';

function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

const smtp = await startSmtpServer();
after(() => smtp.close());

test('sends a message through a real SMTP server', async () => {
  const { logger, lines } = captureLogs();
  const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger });
  const before = smtp.messages.length;
  await mailer.send({ to: 'amina@example.org', subject: 'Your complaint C-42 was received', text: 'We will answer within 10 business days.' });
  await mailer.close();

  const message = (await smtp.waitFor(before + 1))[before];
  assert.ok(message);
  assert.deepEqual(message.to, ['amina@example.org']);
  assert.equal(message.from, 'no-reply@kinga.example');
  assert.equal(message.headers['from'], FROM);
  assert.equal(message.headers['to'], 'amina@example.org');
  assert.equal(message.subject, 'Your complaint C-42 was received');
  assert.equal(message.text, 'We will answer within 10 business days.');
  assert.equal(message.html, undefined);
  assert.equal(
    lines.some((l) => l.includes('amina') || l.includes('business days')),
    false,
  );
});

test('sends the html alternative when one is given', async () => {
  const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
  const before = smtp.messages.length;
  await mailer.send({ to: 'amina@example.org', subject: 'Hello', text: 'Plain text body', html: '<p>Html body</p>' });
  await mailer.close();
  const message = (await smtp.waitFor(before + 1))[before];
  assert.ok(message);
  assert.match(message.headers['content-type'] ?? '', /^multipart\/alternative;/);
  assert.equal(message.text, 'Plain text body');
  assert.equal(message.html, '<p>Html body</p>');
});

test('keeps a subject and a body in any script intact, long lines and leading dots included', async () => {
  const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
  const subject = 'Жалоба C-42 получена — 投诉已收到 — تم استلام الشكوى';
  const text = `Ваша жалоба принята.\n.A line that starts with a dot\n${'شكوى '.repeat(40)}\n投诉编号 C-42`;
  const before = smtp.messages.length;
  await mailer.send({ to: 'amina@example.org', subject, text, html: `<p dir="rtl">${'شكوى '.repeat(40)}</p>` });
  await mailer.close();
  const message = (await smtp.waitFor(before + 1))[before];
  assert.ok(message);
  assert.equal(message.subject, subject);
  assert.equal(message.text, text);
  assert.equal(message.html, `<p dir="rtl">${'شكوى '.repeat(40)}</p>`);
});

test('refuses a mail URL that is not smtp:// or smtps:// without repeating it', () => {
  assert.throws(
    () => createMailer({ url: 'http://user:hunter2@mail.example', from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) }),
    (error: unknown) => error instanceof MailerConfigError && !error.message.includes('hunter2'),
  );
});

test('without a URL writes each message as a readable .eml file and warns once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kinga-outbox-'));
  try {
    const outboxDir = join(dir, 'outbox');
    const { logger, lines } = captureLogs();
    const mailer = createMailer({ url: undefined, from: FROM, outboxDir, logger });
    await mailer.send({ to: 'amina@example.org', subject: 'Demo message', text: 'This went to the outbox.' });
    await mailer.send({ to: 'baraka@example.org', subject: 'Second demo message', text: 'So did this.' });
    await mailer.close();

    const files = (await readdir(outboxDir)).sort();
    assert.equal(files.length, 2);
    assert.ok(files.every((f) => f.endsWith('.eml')));
    const contents = await Promise.all(files.map((f) => readFile(join(outboxDir, f), 'utf8')));
    const first = contents.find((c) => c.includes('Subject: Demo message'));
    assert.ok(first, 'the first message is in the outbox');
    assert.match(first, /^To: amina@example\.org\r$/m);
    assert.match(first, /^From: Kinga <no-reply@kinga\.example>\r$/m);
    assert.match(first, /This went to the outbox\./);

    const warnings = lines.filter((l) => l.includes('"level":40'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /outbox folder/);
    assert.equal(
      lines.some((l) => l.includes('amina') || l.includes('baraka') || l.includes('This went')),
      false,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

for (const { dialect, fresh } of databases.all) {
  test(`an e-mail job sends through SMTP once its transaction commits, with the address encrypted at rest [${dialect}]`, async () => {
    const db = await fresh();
    const { logger, lines } = captureLogs();
    const jobs = createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger });
    const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger });
    registerEmailJob(jobs, mailer);
    const to = `case-${dialect}@example.org`;

    const id = await db.kysely
      .transaction()
      .execute((trx) => enqueueEmail(jobs, trx, { to, subject: `Case update ${dialect}`, text: 'Your case moved to stage 2.' }));
    const stored = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.type, EMAIL_JOB_TYPE);
    assert.equal(stored.payload_enc.includes(to), false);
    assert.equal(stored.payload_enc.includes('stage 2'), false);

    const before = smtp.messages.length;
    assert.equal(await jobs.runDue(), 1);
    await mailer.close();
    const message = (await smtp.waitFor(before + 1))[before];
    assert.ok(message);
    assert.deepEqual(message.to, [to]);
    assert.equal(message.subject, `Case update ${dialect}`);
    assert.equal(message.text, 'Your case moved to stage 2.');
    const done = await db.kysely.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(done.status, 'done');
    assert.equal(
      lines.some((l) => l.includes(to) || l.includes('stage 2')),
      false,
    );
  });

  test(`an e-mail with text that fell back to English says so in its language and marks that text [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger: pino({ level: 'silent' }) });
    const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
    const catalogs = loadCatalogs();
    registerEmailJob(jobs, mailer, catalogs);
    // The subject in Spanish, one sentence of the body English, as a translator gives them for a key Spanish lacks.
    const body = `Hola:\n${markFallback('Your report R-7 was received.', 'es')}\nGracias.`;
    await enqueueEmail(jobs, db.kysely, { to: 'lucia@example.org', subject: `Informe R-7 ${markFallback('received', 'es')}`, text: body });
    const before = smtp.messages.length;
    assert.equal(await jobs.runDue(), 1);
    await mailer.close();
    const message = (await smtp.waitFor(before + 1))[before];
    assert.ok(message);
    const notice = catalogs.translator('es')('layout.fallbackNoticeMail');
    assert.equal(message.subject, 'Informe R-7 received');
    assert.equal(message.text, `${notice}\n\nHola:\nYour report R-7 was received.\nGracias.`);
    assert.equal(message.headers['content-language'], 'es, en');
    assert.match(message.html ?? '', /<html lang="es" dir="ltr">/);
    assert.match(message.html ?? '', /<span lang="en">Your report R-7 was received\.<\/span>/);
    assert.doesNotMatch(message.raw, /\uFDD0|\uFDD1|\uFDD2|=EF=B7=9[012]/, 'no fallback mark is sent');
  });

  test(`an e-mail job carries its attachments, encrypted at rest, to the SMTP server byte for byte [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger: pino({ level: 'silent' }) });
    const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
    registerEmailJob(jobs, mailer, loadCatalogs());
    const calendar = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Warsha ya Kisumu — Мастерская\r\nEND:VCALENDAR\r\n';
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const id = await enqueueEmail(jobs, db.kysely, {
      to: 'wanjiru@example.org',
      subject: 'Your seat',
      text: 'See the attached calendar entry.',
      attachments: [
        { filename: '../../etc/workshop.ics', contentType: 'text/calendar; charset=UTF-8; method=PUBLISH', content: calendar },
        { filename: 'data.bin', contentType: 'application/octet-stream', content: bytes.toString('base64'), encoding: 'base64' },
      ],
    });
    const stored = await db.kysely.selectFrom('jobs').select('payload_enc').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.payload_enc.includes('VCALENDAR'), false);
    const before = smtp.messages.length;
    assert.equal(await jobs.runDue(), 1);
    await mailer.close();
    const message = (await smtp.waitFor(before + 1))[before];
    assert.ok(message);
    assert.equal(message.text, 'See the attached calendar entry.');
    assert.equal(message.attachments.length, 2);
    const [ics, bin] = message.attachments;
    assert.equal(ics?.filename, 'workshop.ics');
    assert.match(ics?.contentType ?? '', /^text\/calendar; charset=UTF-8; method=PUBLISH/i);
    assert.equal(ics?.content.toString('utf8'), calendar);
    assert.equal(bin?.filename, 'data.bin');
    assert.deepEqual(bin?.content, bytes);
  });

  test(`an e-mail job whose attachment is malformed fails without sending [${dialect}]`, async () => {
    const db = await fresh();
    const jobs = createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger: pino({ level: 'silent' }) });
    const mailer = createMailer({ url: smtp.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
    registerEmailJob(jobs, mailer);
    const id = await jobs.enqueue(db.kysely, EMAIL_JOB_TYPE, { to: 'a@example.org', subject: 'S', text: 'T', attachments: [{ filename: 'x.ics' }] });
    const before = smtp.messages.length;
    assert.equal(await jobs.runDue(), 1);
    await mailer.close();
    const row = await db.kysely.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(row.status, 'done');
    assert.match(row.last_error ?? '', /attachments/);
    assert.equal(smtp.messages.length, before);
  });

  test(`an e-mail job is kept for a retry while the mail server is away [${dialect}]`, async () => {
    const db = await fresh();
    const down = await startSmtpServer();
    await down.close();
    const jobs = createJobQueue({ db, clock, ids: () => uuidv7(), keyring, logger: pino({ level: 'silent' }) });
    const mailer = createMailer({ url: down.url, from: FROM, outboxDir: '/nonexistent', logger: pino({ level: 'silent' }) });
    registerEmailJob(jobs, mailer);

    const id = await enqueueEmail(jobs, db.kysely, { to: 'amina@example.org', subject: 'Retry me', text: 'Body' });
    assert.equal(await jobs.runDue(), 1);
    await mailer.close();
    const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.ok(row.last_error && row.last_error.length > 0);
    assert.equal(row.last_error.includes('amina'), false);
  });
}
