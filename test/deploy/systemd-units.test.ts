import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/kinga-process.ts';

const UNITS = join(REPO_ROOT, 'deploy', 'systemd');
const ANALYZE = '/usr/bin/systemd-analyze';
// CI runs every suite or fails (scripts/test.mjs); elsewhere a machine without systemd skips this one.
const isStrict = process.env['KINGA_REQUIRE_ALL_SUITES'] === '1';

/** The overall exposure `systemd-analyze security --offline=yes` gives a unit (0 is best, 10 worst). */
function exposure(unit: string): number {
  const output = execFileSync(ANALYZE, ['security', '--offline=yes', '--no-pager', unit], { cwd: UNITS, encoding: 'utf8' });
  const match = /Overall exposure level for \S+: (\d+(?:\.\d+)?)/.exec(output);
  assert.ok(match, `systemd-analyze printed no exposure level:\n${output}`);
  return Number(match[1]);
}

test(
  'the service and its template score an exposure of 3.0 or lower',
  { skip: !existsSync(ANALYZE) && !isStrict && 'systemd-analyze is not installed' },
  () => {
    assert.ok(exposure('kinga.service') <= 3.0, 'kinga.service');
    assert.ok(exposure('kinga@3001.service') <= 3.0, 'kinga@.service');
  },
);

test('the template hardens exactly as the single service does', () => {
  const settings = (file: string) =>
    readFileSync(join(UNITS, file), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z]\w*=/.test(line) && !/^(Description|Environment)=/.test(line));
  assert.deepEqual(settings('kinga@.service'), settings('kinga.service'));
  const service = settings('kinga.service');
  for (const required of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'PrivateTmp=yes', 'ReadWritePaths=/var/lib/kinga', 'MemoryMax=1G']) {
    assert.ok(service.includes(required), required);
  }
  assert.ok(
    service.some((line) => line.startsWith('RestrictAddressFamilies=')),
    'address families are restricted',
  );
});
