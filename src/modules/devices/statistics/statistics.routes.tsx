import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PageQuery } from '../theft-reports/theft-report.schemas.ts';
import type { DeviceStatsService } from './device-stats.service.ts';
import { StatisticsPage } from './statistics.views.tsx';
import { STATISTICS_PATH } from './statistics.paths.ts';
import { publishedMonth } from './month-counts.ts';

const TAG = 'devices';

const MonthStats = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
  checked: Type.Integer({ description: 'IMEI checks made on the public page and the API.' }),
  reported: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Lost or stolen reports verified by an officer, by the month they were filed; null when withheld.',
  }),
  reported_suppressed: Type.Boolean({ description: 'True when `reported` is withheld by the small-cell rule.' }),
  blocked: Type.Union([Type.Integer(), Type.Null()], { description: 'Devices whose block date fell in the month; null when withheld.' }),
  blocked_suppressed: Type.Boolean({ description: 'True when `blocked` is withheld by the small-cell rule.' }),
  traced: Type.Union([Type.Integer(), Type.Null()], { description: 'Reported or blocked devices seen on a network with a new SIM; null when withheld.' }),
  traced_suppressed: Type.Boolean({ description: 'True when `traced` is withheld by the small-cell rule.' }),
  recovered: Type.Union([Type.Integer(), Type.Null()], { description: 'Reports closed because the phone was found again; null when withheld.' }),
  recovered_suppressed: Type.Boolean({ description: 'True when `recovered` is withheld by the small-cell rule.' }),
});
const StatsReply = Type.Object({ months: Type.Array(MonthStats) });

/** Registers the public monthly statistics: the page and the API. */
export function registerStatisticsRoutes(app: App, deps: { stats: DeviceStatsService; smallestCount: number }): void {
  const { stats, smallestCount } = deps;
  const published = async () => (await stats.monthly()).map((month) => publishedMonth(month, smallestCount));
  // Checks counted in memory are written before the server stops.
  app.addHook('onClose', async () => stats.flush());

  app.get(STATISTICS_PATH, { schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <StatisticsPage ctx={app.pageContext(request, reply)} months={await published()} smallestCount={smallestCount} />),
  );

  app.get(
    '/api/v1/devices/statistics',
    {
      schema: {
        tags: [TAG],
        summary:
          'Monthly counts of the equipment register for the last 12 months: checks, reports, blocks, traces, recoveries. Counts only; a count of reports below the small-cell rule is null with its `_suppressed` flag.',
        response: { 200: StatsReply },
      },
    },
    async () => ({ months: await published() }),
  );
}
