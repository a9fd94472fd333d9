import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';

// Issue 13 item 15: an operator agent answers an operator's complaints, so its account must name
// an operator of the register; /staff/users refuses one that does not exist.
const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));

for (const database of databases.all) {
  describe(`operator agents' accounts (${database.dialect})`, () => {
    it('refuses an operator agent for an operator that does not exist, naming the field, and creates one for a known operator', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules });
      await createOfferServiceFor(platform).addOperator({ type: 'system', id: null }, 'OP-U-1', 'Users One');
      const app = await buildApp(platform, modules);
      const admin = createWebClient(app, '10.80.0.1');
      await signIn(admin, platform, await buildStaffAccount(platform, { role: 'admin' }));
      await admin.get('/staff/users');
      const addAgent = (email: string, displayName: string, operatorId: string) =>
        admin.post('/staff/users', { email, displayName, role: 'operator_agent', operatorId });
      const unknown = await addAgent('agent.nowhere@test.kinga.example', 'Agent Nowhere', 'OP-NOWHERE');
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /<a href="#field-operatorId">There is no operator with this id in the register/);
      assert.match(unknown.body, /value="OP-NOWHERE"/, 'the typed id is kept');
      const users = await platform.db.kysely.selectFrom('users').select('operator_id').where('operator_id', '=', 'OP-NOWHERE').execute();
      assert.equal(users.length, 0, 'no account was created');
      const known = await addAgent('agent.one@test.kinga.example', 'Agent One', 'OP-U-1');
      assert.equal(known.statusCode, 200);
    });
  });
}
