import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { dateBoxes } from '../../../../test/helpers/forms.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';

// Issue 13 item 14: the date hint matches its input. The boxes read day, month, year from left to
// right in every language; the example must read the same, also inside right-to-left text.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const FSI = '\u2068';
const PDI = '\u2069';

/** Each date input of a page: the names of its boxes in order, and the text of its hint. */
function dateInputsOf(body: string): Array<{ boxes: string[]; hint: string }> {
  return [...body.matchAll(/<fieldset aria-describedby="([^"]+)">(?:(?!<\/fieldset>).)*?class="date-input"(?:(?!<\/fieldset>).)*<\/fieldset>/gs)].map((m) => {
    const hintId = (m[1] ?? '').split(' ').find((id) => id.endsWith('-hint')) ?? '';
    const hint = new RegExp(`id="${hintId}">([^<]*)<`).exec(m[0])?.[1] ?? '';
    return { boxes: [...m[0].matchAll(/<input id="[^"]+" class="[^"]*" name="([^"]+)"/g)].map((b) => b[1] ?? ''), hint };
  });
}

/**
 * True when `hint` gives an example whose parts follow `boxes` (day, month, year); in a right-to-left
 * page the example must be an isolate, or its numbers would show in the reverse order of the boxes.
 */
function exampleFollows(hint: string, boxes: readonly string[], isRtl: boolean): boolean {
  const example = (isRtl ? new RegExp(`${FSI}([^${PDI}]*)${PDI}`) : /(\d+ \d+ \d+)/).exec(hint)?.[1];
  if (!example) return false;
  const parts = example.split(' ');
  if (parts.length !== boxes.length) return false;
  return boxes.every((box, i) => {
    const part = Number(parts[i]);
    if (box.endsWith('Day')) return part >= 1 && part <= 31 && part > 12;
    if (box.endsWith('Month')) return part >= 1 && part <= 12;
    return /^\d{4}$/.test(parts[i] ?? '');
  });
}

for (const database of databases.all) {
  describe(`date hints (${database.dialect})`, () => {
    it('gives every date input of the complaint pages an example in the order of its boxes, isolated from right-to-left text', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules });
      await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-D-1', 'Dates One');
      const app = await buildApp(platform, modules);
      const consumer = createWebClient(app, '10.97.0.1');
      const officer = createWebClient(app, '10.97.0.2');
      await signIn(officer, platform, await buildStaffAccount(platform, { role: 'officer' }));
      const pages: Array<[string, string]> = [];
      for (const language of ['en', 'fr', 'ar']) {
        pages.push([`consumer operator-contact ${language}`, (await consumer.get(`/complaints/new/operator-contact?lang=${language}`)).body]);
        pages.push([`consumer what-happened ${language}`, (await consumer.get(`/complaints/new/what-happened?lang=${language}`)).body]);
        pages.push([`staff new case ${language}`, (await officer.get(`/staff/complaints/new?lang=${language}`)).body]);
      }
      for (const [name, body] of pages) {
        assert.doesNotMatch(body, /type="date"/, `${name}: no browser date picker, whose format the hint cannot know`);
        const inputs = dateInputsOf(body);
        assert.ok(inputs.length > 0, `${name}: a date input`);
        for (const input of inputs)
          assert.ok(
            exampleFollows(input.hint, input.boxes, name.endsWith(' ar')),
            `${name}: the hint "${input.hint}" follows the boxes ${input.boxes.join(', ')}`,
          );
      }
      await consumer.get('/complaints/new/operator-contact?lang=ar');
      const wrong = await consumer.post('/complaints/new/operator-contact?lang=ar', { contacted: 'yes', ...dateBoxes('contactDate', '31', '2', '2026') });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, new RegExp(`${FSI}27 3 2026${PDI}`), 'the error message gives its example the same way');
    });
  });
}
