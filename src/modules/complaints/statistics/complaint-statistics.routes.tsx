import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { FullComplaintService } from '../cases/complaint.service.ts';
import { quarterRange } from './complaint-statistics.ts';
import { StatisticsPage, statisticsCsv, statisticsJson } from './complaint-statistics.views.tsx';
import { STATISTICS_PATH } from './statistics.paths.ts';

const StatisticsQuery = Type.Object({ quarter: Type.Optional(Type.String({ maxLength: 7 })), lang: Type.Optional(Type.String({ maxLength: 8 })) });

/** Registers the public statistics page and its CSV and JSON downloads. */
export function registerComplaintStatisticsRoutes(app: App, service: FullComplaintService): void {
  const chosenQuarter = async (asked: string | undefined) => {
    const quarters = await service.statisticsQuarters();
    const quarter = asked !== undefined && quarterRange(asked) !== null ? asked : (quarters[0] ?? '');
    return { quarters: quarters.includes(quarter) ? quarters : [quarter, ...quarters], quarter };
  };

  app.get(STATISTICS_PATH, { schema: { querystring: StatisticsQuery } }, async (request, reply) => {
    const { quarters, quarter } = await chosenQuarter(request.query.quarter);
    const stats = await service.statistics(quarter);
    return sendPage(
      reply,
      <StatisticsPage ctx={app.pageContext(request, reply)} stats={stats} quarters={quarters} operatorNames={await service.operatorNames()} />,
    );
  });

  app.get(`${STATISTICS_PATH}.csv`, { schema: { querystring: StatisticsQuery } }, async (request, reply) => {
    const { quarter } = await chosenQuarter(request.query.quarter);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="complaints-${quarter}.csv"`)
      .send(statisticsCsv(await service.statistics(quarter)));
  });

  app.get(`${STATISTICS_PATH}.json`, { schema: { querystring: StatisticsQuery } }, async (request, reply) => {
    const { quarter } = await chosenQuarter(request.query.quarter);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="complaints-${quarter}.json"`)
      .send(JSON.stringify(statisticsJson(await service.statistics(quarter)), null, 2));
  });
}
