import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import { readMobileNumber } from '../../../platform/sms/phone-numbers.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { EMPTY_FORM } from '../../../platform/web/components.tsx';
import { SIMULATOR_ROLES } from '../channels.policy.ts';
import type { UssdService } from './ussd.service.ts';
import { UssdSimulatorPage } from './ussd-simulator.views.tsx';
import { USSD_SIMULATOR_PATH } from './ussd.paths.ts';

const SimulatorForm = Type.Object({
  number: Type.Optional(Type.String({ maxLength: 40 })),
  serviceCode: Type.Optional(Type.String({ maxLength: 40 })),
  input: Type.Optional(Type.String({ maxLength: 200 })),
  sessionId: Type.Optional(Type.String({ maxLength: 64 })),
  _csrf: Type.Optional(Type.String()),
});

/** The gateway name of the simulator's sessions: no profile gateway may take it, its pattern forbids capitals. */
const SIMULATOR_GATEWAY = 'Simulator';
/** The demo's caller: a Kenyan mobile number in the range kept for drama and tests. */
const DEMO_NUMBER = '+254700000001';
// A person watches the page: the simulator waits longer than a gateway would.
const SIMULATOR_BUDGET_MS = 10_000;

/** Registers the staff's USSD simulator, which plays a phone through the same service as the gateways' callbacks. */
export function registerUssdSimulatorRoutes(app: App, deps: { ussd: UssdService; serviceCodes: readonly string[]; country: string }): void {
  const staff = { preHandler: requireUser(...SIMULATOR_ROLES) };
  const serviceCodes = deps.serviceCodes.length > 0 ? deps.serviceCodes : ['*384#'];

  app.get(USSD_SIMULATOR_PATH, staff, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const form = { ...EMPTY_FORM, values: { number: DEMO_NUMBER, serviceCode: serviceCodes[0] ?? '' } };
    return sendPage(reply, <UssdSimulatorPage ctx={ctx} form={form} serviceCodes={serviceCodes} sessionId={null} screen={null} />);
  });

  app.post(USSD_SIMULATOR_PATH, { ...staff, schema: { body: SimulatorForm } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const body = request.body;
    const serviceCode = serviceCodes.includes(body.serviceCode ?? '') ? (body.serviceCode ?? '') : (serviceCodes[0] ?? '');
    const values = { number: body.number ?? '', serviceCode };
    const number = readMobileNumber(values.number, deps.country);
    const sessionId = body.sessionId !== undefined && /^[0-9a-f-]{36}$/.test(body.sessionId) ? body.sessionId : null;
    if (!number.ok) {
      const problems = [{ field: 'number', message: ctx.t(`channels.simulator.error.${number.problem === 'invalid' ? 'number' : 'notMobile'}`) }];
      return sendPage(reply, <UssdSimulatorPage ctx={ctx} form={{ values, problems }} serviceCodes={serviceCodes} sessionId={null} screen={null} />, 422);
    }
    const session = sessionId ?? randomUUID();
    const answer = await deps.ussd.handle(
      {
        gateway: SIMULATOR_GATEWAY,
        sessionId: session,
        number: number.e164,
        inputs: { kind: 'newest', input: sessionId === null ? null : (body.input ?? '') },
      },
      SIMULATOR_BUDGET_MS,
    );
    const screen = {
      lines: answer.text.split('\n'),
      isEnd: answer.isEnd,
      language: answer.language,
      direction: ctx.catalogs.direction(ctx.jurisdiction.languages.find((l) => l === answer.language) ?? ctx.language),
    };
    return sendPage(
      reply,
      <UssdSimulatorPage ctx={ctx} form={{ values, problems: [] }} serviceCodes={serviceCodes} sessionId={answer.isEnd ? null : session} screen={screen} />,
    );
  });
}
