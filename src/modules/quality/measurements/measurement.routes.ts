import type { App } from '../../../platform/module.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { actorOf, requireToken, tokenOf } from '../../../platform/auth/index.ts';
import { qualityMessage, qualityProblem } from '../imports/quality-messages.ts';
import { IMPORT_PERMISSION } from '../imports/quality-import.policy.ts';
import { ProblemReply } from '../imports/quality-import.schemas.ts';
import type { QualitySettings } from '../quality.settings.ts';
import type { MeasurementService } from './measurement.service.ts';
import { MeasurementFileBody, MeasurementImportReply } from './measurement.schemas.ts';

const TAG = 'quality';

/** Registers the API that takes measurement files from machines (drive tests, crowdsourcing apps). */
export function registerMeasurementRoutes(app: App, deps: { measurements: MeasurementService; settings: QualitySettings }): void {
  const { measurements, settings } = deps;
  const uploadLimitBytes = settings.uploads.maxMeasurementFileMegabytes * 1024 * 1024;

  // Files arrive as text; this plugin's own routes take no other JSON body.
  app.addContentTypeParser(['application/json', 'text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: uploadLimitBytes }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/v1/quality/measurements',
    {
      bodyLimit: uploadLimitBytes,
      preHandler: requireToken(IMPORT_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Upload a measurement file (CSV or JSON; token permission ${IMPORT_PERMISSION}): all or nothing, every wrong line and field reported, doubtful rows kept but flagged. A token tied to an operator uploads rows naming that operator only (403 naming each other line).`,
        security: [{ bearerToken: [] }],
        body: MeasurementFileBody,
        response: { 201: MeasurementImportReply, 403: ProblemReply, 409: ProblemReply, 422: ProblemReply },
      },
    },
    async (request, reply) => {
      const text = request.body;
      if (text.trim() === '')
        throw new Invalid([qualityProblem('file', undefined, 'quality.file.bodyEmpty')], 'MEASUREMENT_FILE_EMPTY', qualityMessage('quality.file.noFile'));
      const report = await measurements.importMeasurements({
        text,
        format: String(request.headers['content-type'] ?? '').includes('json') ? 'json' : 'csv',
        operatorId: tokenOf(request).operatorId,
        actor: actorOf(request),
        channel: 'api',
      });
      return reply.status(201).send(report);
    },
  );
}
