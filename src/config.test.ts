import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

const cwd = process.cwd();

test('defaults to SQLite under ./data on port 3000 with the demo profile', () => {
  const config = loadConfig({}, cwd);
  assert.equal(config.port, 3000);
  assert.deepEqual(config.database, { dialect: 'sqlite', file: join(cwd, 'data', 'kinga.db') });
  assert.equal(config.jurisdiction.id, 'demo');
  assert.equal(config.clock, undefined);
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.jurisdiction.contacts));
});

test('switches to PostgreSQL when DATABASE_URL is a postgres URL', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://k:pw@127.0.0.1:5432/kinga' }, cwd);
  assert.deepEqual(config.database, { dialect: 'postgres', url: 'postgres://k:pw@127.0.0.1:5432/kinga' });
});

test('KINGA_CLOCK fixes now, and a malformed one is refused', () => {
  assert.equal(loadConfig({ KINGA_CLOCK: '2026-12-23T10:00:00Z' }, cwd).clock?.toISOString(), '2026-12-23T10:00:00.000Z');
  assert.throws(() => loadConfig({ KINGA_CLOCK: 'tomorrow' }, cwd), /KINGA_CLOCK/);
});

test('reports every wrong variable together', () => {
  try {
    loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', SESSION_IDLE_MINUTES: '0', COOKIE_SECURE: 'maybe' }, cwd);
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const text = error.message;
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'SESSION_IDLE_MINUTES', 'COOKIE_SECURE']) assert.match(text, new RegExp(name));
    assert.equal(error.problems.length, 5);
  }
});

test('names every wrong field of a jurisdiction profile with its path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-config-'));
  const profile = JSON.parse(readFileSync(join(cwd, 'jurisdictions/demo.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(profile, { currency: 'shillings', timeZone: 'Mars/Olympus', defaultLanguage: 'fr', languages: ['en'], colour: 'green' });
  (profile['contacts'] as Record<string, unknown>)['email'] = 'not-an-address';
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(profile));
  try {
    loadConfig({ KINGA_JURISDICTION: file }, cwd);
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join('\n');
    assert.match(text, /\/currency/);
    assert.match(text, /\/contacts\/email/);
    assert.match(text, /colour/);
  }
});

test('checks rules a schema cannot: a real time zone and an offered default language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-config-'));
  const profile = JSON.parse(readFileSync(join(cwd, 'jurisdictions/demo.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(profile, { timeZone: 'Mars/Olympus', defaultLanguage: 'fr', languages: ['en', 'ar'] });
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(profile));
  assert.throws(
    () => loadConfig({ KINGA_JURISDICTION: file }, cwd),
    (error: unknown) => error instanceof ConfigError && /\/timeZone/.test(error.message) && /\/defaultLanguage/.test(error.message),
  );
});

test('a profile that is not JSON is reported as such', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinga-config-'));
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{ "id": ');
  assert.throws(() => loadConfig({ KINGA_JURISDICTION: file }, cwd), /is not JSON/);
});

test('logs are readable lines on a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
  assert.equal(loadConfig({}, cwd, true).logFormat, 'pretty');
  assert.equal(loadConfig({}, cwd, false).logFormat, 'json');
  assert.equal(loadConfig({ LOG_FORMAT: 'json' }, cwd, true).logFormat, 'json');
  assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }, cwd, false).logFormat, 'pretty');
  assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }, cwd, false), /LOG_FORMAT: "xml" must be json or pretty/);
});

test('limits of one-time codes come from the environment, within bounds', () => {
  assert.deepEqual(loadConfig({}, cwd).codeSends, { perAddress: 5, perNetworkAddress: 20, windowMinutes: 60 });
  assert.deepEqual(loadConfig({ CODE_SENDS_PER_ADDRESS: '2', CODE_SENDS_PER_NETWORK_ADDRESS: '9', CODE_SEND_WINDOW_MINUTES: '30' }, cwd).codeSends, {
    perAddress: 2,
    perNetworkAddress: 9,
    windowMinutes: 30,
  });
  assert.throws(() => loadConfig({ CODE_SENDS_PER_ADDRESS: '0' }, cwd), /CODE_SENDS_PER_ADDRESS/);
});

test('secrets a profile names are read from the variables ending in _SECRET, and no other variable', () => {
  const config = loadConfig({ USSD_AFRICASTALKING_SECRET: 'k3y', USSD_HUBTEL_SECRET: '', DATABASE_URL: 'sqlite::memory:', SMTP_SECRET_HOST: 'x' }, cwd);
  assert.deepEqual(config.secrets, { USSD_AFRICASTALKING_SECRET: 'k3y' });
  assert.ok(Object.isFrozen(config.secrets));
});
