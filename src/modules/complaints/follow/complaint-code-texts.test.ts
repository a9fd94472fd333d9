import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeCatalogueFolders, LOCALES_DIR, loadCatalogs } from '../../../platform/i18n/index.ts';
import { oneTimeCodeSmsText } from '../../../platform/sms/index.ts';
import { planSms } from '../../../platform/sms/sms-text.ts';

const catalogs = loadCatalogs(LOCALES_DIR, codeCatalogueFolders());
// A long host and the longest references the module gives, so the real texts are no longer.
const PUBLIC_URL = 'https://complaints.regulator-authority.example.org';
const values = { code: '123456', minutes: 15, reference: 'DR-7K3M-9Q2P-XH4T' };

test('every code text of the complaint pages fits one GSM-7 segment in the Latin-script languages, and stays short in the others', () => {
  for (const language of ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const) {
    const t = catalogs.translator(language);
    for (const key of ['complaints.web.sms.followCode', 'complaints.web.sms.savedCode']) {
      const text = oneTimeCodeSmsText(t(key, values), PUBLIC_URL, values.code);
      assert.match(text, /123456/, `${language} ${key} says the code`);
      assert.ok(text.endsWith('\n\n@complaints.regulator-authority.example.org #123456'), `${language} ${key} ends with the origin-bound line`);
      const plan = planSms(text);
      if (['en', 'fr', 'es'].includes(language)) assert.deepEqual([plan.encoding, plan.parts.length], ['gsm7', 1], `${language} ${key}: ${text}`);
      else assert.ok(plan.parts.length <= 2, `${language} ${key} in at most two parts: ${text}`);
    }
  }
});
