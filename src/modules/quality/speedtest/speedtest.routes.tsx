import { getHexagonAreaAvg } from 'h3-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../../platform/module.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { MeasurementService } from '../measurements/measurement.service.ts';
import type { QualitySettings } from '../quality.settings.ts';
import { presentFormIssues, presentNdt7Test, presentSavedResult } from './speedtest.presenter.ts';
import { Ndt7TestParams, Ndt7TestQuery, Ndt7TestReply, PageQuery, SaveResultBody } from './speedtest.schemas.ts';
import { SPEEDTEST_PATHS } from './speedtest.paths.ts';
import { MethodologyPage, SaveResultPage, SavedResultPage, SpeedtestPage, type SaveFormChoices } from './speedtest.views.tsx';

const { qualityMessage } = qualityWordsOf(new URL('./locales/', import.meta.url));

const TAG = 'quality';

/**
 * The scripts of the speed test: M-Lab's ndt7 client files exactly as the package ships them,
 * and Kinga's own small script that starts them. Read once at start and served from memory.
 */
function loadScripts(): Map<string, Buffer> {
  const clientDir = dirname(createRequire(import.meta.url).resolve('@m-lab/ndt7'));
  const ownDir = fileURLToPath(new URL('./assets/', import.meta.url));
  return new Map([
    ['ndt7.js', readFileSync(join(clientDir, 'ndt7.js'))],
    ['ndt7-download-worker.js', readFileSync(join(clientDir, 'ndt7-download-worker.js'))],
    ['ndt7-upload-worker.js', readFileSync(join(clientDir, 'ndt7-upload-worker.js'))],
    ['speedtest.js', readFileSync(join(ownDir, 'speedtest.js'))],
  ]);
}

/** Registers the speed test pages, their scripts, the result form and the test summary API. */
export function registerSpeedtestRoutes(app: App, deps: { measurements: MeasurementService; settings: QualitySettings }): void {
  const { measurements, settings } = deps;
  const scripts = loadScripts();
  const cellAreaKm2 = getHexagonAreaAvg(settings.h3Resolution, 'km2');
  const choices = async (): Promise<SaveFormChoices> => ({ operators: await measurements.listOperators(), districts: settings.districts, cellAreaKm2 });

  app.get(SPEEDTEST_PATHS.page, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <SpeedtestPage ctx={app.pageContext(request, reply)} choices={await choices()} />),
  );

  app.get(SPEEDTEST_PATHS.methodology, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <MethodologyPage ctx={app.pageContext(request, reply)} cellAreaKm2={cellAreaKm2} />),
  );

  app.get(
    `${SPEEDTEST_PATHS.assets}/:file`,
    { schema: { params: { type: 'object', properties: { file: { type: 'string', maxLength: 64 } }, required: ['file'] } } },
    async (request, reply) => {
      const body = scripts.get(request.params.file);
      if (!body) throw new NotFound();
      return reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(body);
    },
  );

  app.post(SPEEDTEST_PATHS.results, { schema: { body: SaveResultBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { _csrf: _token, lang: _lang, ...input } = request.body;
    const outcome = await measurements.saveSpeedtestResult(input);
    if (outcome.ok) return sendPage(reply, <SavedResultPage ctx={ctx} result={presentSavedResult(outcome.value)} />);
    const values = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return sendPage(reply, <SaveResultPage ctx={ctx} form={{ values, problems: presentFormIssues(outcome.issues, ctx.t) }} choices={await choices()} />, 422);
  });

  app.get(
    '/api/v1/quality/ndt7-tests/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'What the server measured in one ndt7 test of the speed test page: goodput, duration, lowest ping round trip.',
        params: Ndt7TestParams,
        querystring: Ndt7TestQuery,
        response: { 200: Ndt7TestReply },
      },
    },
    async (request) => {
      let summary = await measurements.summariseNdt7Test(request.params.id);
      // The server writes its record when the connection closes, about when the client learns the
      // test ended: with `wait`, a record not written yet gets up to three seconds to appear.
      for (let tries = 0; !summary && request.query.wait === '1' && tries < 10; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        summary = await measurements.summariseNdt7Test(request.params.id);
      }
      if (!summary) throw new NotFound('NDT7_TEST_NOT_FOUND', qualityMessage('quality.ndt7.notFound'));
      return presentNdt7Test(summary);
    },
  );
}
