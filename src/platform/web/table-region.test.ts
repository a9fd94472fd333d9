import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

test('every data table of every page is framed by TableRegion, so that no page scrolls sideways on a phone', () => {
  const unframed: string[] = [];
  const views = readdirSync(SRC, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.tsx'));
  for (const entry of views) {
    const file = join(entry.parentPath, entry.name);
    const source = readFileSync(file, 'utf8');
    // A table in JSX, not one named in a comment (`<table>`).
    for (const match of source.matchAll(/(?<!`)<table[\s>]/g)) {
      const before = source.slice(0, match.index).trimEnd();
      if (!/<TableRegion(?:\s[^>]*)?>$/.test(before)) unframed.push(`${relative(SRC, file)}:${source.slice(0, match.index).split('\n').length}`);
    }
  }
  assert.deepEqual(unframed, [], `wrap each in <TableRegion> (src/platform/web/components.tsx):\n${unframed.join('\n')}`);
});
