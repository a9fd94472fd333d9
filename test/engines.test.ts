import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/kinga-process.ts';

type Version = [number, number, number];

/** A version such as `20.19.0`, `20.19`, `20` or `20.x`, missing parts as 0. */
function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` meets one comparator of an npm range: `>=20`, `^12.22.0`, `20.x`, `20`, `~18.1`, `<25`. */
function meets(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?\s*v?([\d.xX*]+)$/.exec(comparator);
  if (!match) throw new Error(`Cannot read the engine comparator "${comparator}".`);
  const [, operator = '', text = ''] = match;
  const parts = text.split('.');
  const bound = parseVersion(text);
  const order = compare(version, bound);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
      return order >= 0 && version[0] === bound[0];
    case '~':
      return order >= 0 && version[0] === bound[0] && version[1] === bound[1];
    default: {
      // `20`, `20.x`, `20.19.x`: every version that starts so.
      const fixed = parts.filter((p) => /^\d+$/.test(p)).length;
      return version.slice(0, fixed).every((v, i) => v === bound[i]);
    }
  }
}

/** Whether `version` satisfies an npm engines range such as `20 || >=22` or `>= 16.0.0`. */
function satisfies(version: string, range: string): boolean {
  const wanted = parseVersion(version);
  return range.split('||').some((set) => {
    const comparators = set
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.length === 0 || comparators.every((c) => meets(wanted, c));
  });
}

test('reads npm engine ranges as npm does', () => {
  assert.equal(satisfies('20.19.0', '>=20.19'), true);
  assert.equal(satisfies('20.18.0', '>=20.19'), false);
  assert.equal(satisfies('20.19.0', '>=22'), false);
  assert.equal(satisfies('20.19.0', '18 || 20 || >=22'), true);
  assert.equal(satisfies('21.0.0', '20 || >=22'), false);
  assert.equal(satisfies('22.1.0', '20.x || 22.x || 23.x'), true);
  assert.equal(satisfies('20.19.0', '^12.22.0 || ^14.17.0 || >=16.0.0'), true);
  assert.equal(satisfies('24.0.0', '>= 10.x'), true);
  assert.equal(satisfies('20.19.0', '>=16 || 14 >=14.17'), true);
});

test('every package the lock file installs accepts each Node.js version the README names, so npm install warns of no engine', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const named = /You need Node\.js (\d+\.\d+) or newer \((\d+) and (\d+) work too\)/.exec(readme);
  assert.ok(named, 'the README names the Node.js versions Kinga runs on');
  const versions = [`${named[1]}.0`, `${named[2]}.0.0`, `${named[3]}.0.0`];
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  assert.equal(manifest.engines.node, `>=${named[1]}`, 'package.json says the same as the README');

  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[]; os?: string[] }>;
  };
  const refusing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = entry.engines !== undefined && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (path === '' || range === undefined) continue;
    for (const version of versions) {
      if (!satisfies(version, range)) refusing.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} wants node ${range}, not ${version}`);
    }
  }
  assert.deepEqual(refusing, []);
});
