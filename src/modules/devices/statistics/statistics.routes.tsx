import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PageQuery } from '../theft-reports/theft-report.schemas.ts';
import type { DeviceStatsService } from './device-stats.service.ts';
import { StatisticsPage } from './statistics.views.tsx';
import { STATISTICS_PATH } from './statistics.paths.ts';

const TAG = 'devices';

const MonthStats = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
  checked: Type.Integer({ description: 'IMEI checks made on the public page and the API.' }),
  reported: Type.Integer({ description: 'Lost or stolen reports verified by an officer, by the month they were filed.' }),
  blocked: Type.Integer({ description: 'Devices whose block date fell in the month.' }),
  traced: Type.Integer({ description: 'Reported or blocked devices seen on a network with a new SIM.' }),
  recovered: Type.Integer({ description: 'Reports closed because the phone was found again.' }),
});
const StatsReply = Type.Object({ months: Type.Array(MonthStats) });

/** Registers the public monthly statistics: the page and the API. */
export function registerStatisticsRoutes(app: App, deps: { stats: DeviceStatsService }): void {
  const { stats } = deps;
  // Checks counted in memory are written before the server stops.
  app.addHook('onClose', async () => stats.flush());

  app.get(STATISTICS_PATH, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <StatisticsPage ctx={app.pageContext(request, reply)} months={await stats.monthly()} />),
  );

  app.get(
    '/api/v1/devices/statistics',
    {
      schema: {
        tags: [TAG],
        summary: 'Monthly counts of the equipment register for the last 12 months: checks, reports, blocks, traces, recoveries. Counts only.',
        response: { 200: StatsReply },
      },
    },
    async () => ({ months: await stats.monthly() }),
  );
}
