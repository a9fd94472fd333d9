import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { gridDisk, latLngToCell } from 'h3-js';
import { createTestConfig } from '../../../../test/helpers/platform.ts';
import { createFormatter, loadCatalogs } from '../../../platform/i18n/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { isolateInterpolations } from '../../../platform/web/bidi.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import type { AreaStatistic, QualityRegion, QualityStatisticsSettingsView } from '../statistics/quality-aggregation.service.ts';
import { parseQualityQuery } from './quality-public-query.ts';
import { MAX_PAGE_CELLS } from './quality-public.routes.tsx';
import { QualityPage, type QualityPageResult } from './quality-public.views.tsx';

const catalogs = loadCatalogs();
const jurisdiction = createTestConfig().jurisdiction;

function contextIn(language: Language): PageContext {
  return {
    language,
    direction: catalogs.direction(language),
    // As the page context does: right-to-left pages isolate every interpolated value.
    t: catalogs.direction(language) === 'rtl' ? isolateInterpolations(catalogs.translator(language), catalogs, language) : catalogs.translator(language),
    format: createFormatter(language, jurisdiction.timeZone),
    jurisdiction,
    catalogs,
    nav: [],
    path: '/quality',
    query: '',
    csrfToken: 'token',
    viewer: null,
  };
}

const SETTINGS: QualityStatisticsSettingsView = {
  countRoundedPositionsInCells: false,
  resolutions: [6, 8],
  periodsDays: [30, 90, 365],
  defaultPeriodDays: 90,
  minTests: 10,
  minDevices: 5,
  thresholds: {
    download: { operator: '>=', values: [2000, 10_000, 30_000] },
    upload: { operator: '>=', values: [1000, 5000, 10_000] },
    latency: { operator: '<=', values: [50, 100] },
  },
};

const statistic = (area: string, operatorId: string, median: number): AreaStatistic => ({
  area,
  operatorId,
  technology: 'all',
  metric: 'download',
  tests: 1234,
  devices: 567,
  median,
  p10: median * 0.31,
  p90: median * 2.17,
  ciLow: median * 0.93,
  ciHigh: median * 1.07,
  shareAbove: SETTINGS.thresholds.download.values.map((threshold) => ({ threshold, operator: '>=' as const, share: 0.123 })),
});

test('a page with the most cells it draws stays under 100 KB in every complete language', () => {
  const geojson = JSON.parse(readFileSync(new URL('../demo/regions.geojson', import.meta.url), 'utf8')) as {
    features: { properties: { code: string; name: string }; geometry: QualityRegion['geometry'] }[];
  };
  const regions = geojson.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
  const cells = gridDisk(latLngToCell(-1.29, 36.82, 8), 12).slice(0, MAX_PAGE_CELLS);
  assert.equal(cells.length, MAX_PAGE_CELLS);
  const operators = ['OP-1', 'OP-2', 'OP-3', 'OP-4'].map((id, i) => ({ id, name: `Operator number ${i + 1}` }));
  const result: QualityPageResult = {
    filters: { operatorId: 'OP-1', technology: undefined, metric: 'download', periodDays: 90, view: 'cell', resolution: 8 },
    from: '2026-09-02T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
    computedAt: '2026-12-01T02:00:00Z',
    rows: cells.map((cell, i) => statistic(cell, 'OP-1', 12_345.678 + i * 97)),
    resolution: 8,
    totalRows: 400,
    regions,
    comparison: operators.map((o, i) => ({ ...statistic('national', o.id, 20_000 + i * 1000), tiedWith: i > 0 ? ['OP-1'] : [] })),
    advertised: operators.flatMap((o) =>
      (['download', 'upload'] as const).map((metric) => ({
        operatorId: o.id,
        technology: '4G',
        metric,
        measuredMedianKbps: 18_000,
        ciLow: 17_000,
        ciHigh: 19_000,
        advertisedKbps: 20_000,
        offers: 5,
        ratio: 0.9,
      })),
    ),
  };
  for (const language of ['en', 'fr', 'ar'] as const) {
    const html = `<!doctype html>${renderToString(h(QualityPage, { ctx: contextIn(language), form: { values: {}, problems: [] }, settings: SETTINGS, operators, result }))}`;
    const bytes = Buffer.byteLength(html);
    assert.ok(bytes < 90_000, `${language}: the page weighs ${bytes} bytes`);
    assert.equal((html.match(/<tr><th scope="row"><code/g) ?? []).length, MAX_PAGE_CELLS, `${language}: one table row per cell`);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    assert.equal((svg.match(/<path d="/g) ?? []).length, MAX_PAGE_CELLS, `${language}: one polygon per cell`);
    assert.ok(html.includes(`Only the ${MAX_PAGE_CELLS} cells`) || language !== 'en', 'says how many cells are shown');
  }
});

test('the filters default to the first operator, every technology, download, the default period and regions', () => {
  const t = catalogs.translator('en');
  const parsed = parseQualityQuery({}, SETTINGS, ['OP-A', 'OP-B'], t);
  assert.deepEqual(parsed.filters, { operatorId: 'OP-A', technology: undefined, metric: 'download', periodDays: 90, view: 'region', resolution: 8 });
  const chosen = parseQualityQuery(
    { operator: 'OP-B', technology: '5G', metric: 'latency', period: '30', view: 'cell', resolution: '6' },
    SETTINGS,
    ['OP-A', 'OP-B'],
    t,
  );
  assert.deepEqual(chosen.filters, { operatorId: 'OP-B', technology: '5G', metric: 'latency', periodDays: 30, view: 'cell', resolution: 6 });
});

test('each filter the page does not offer is a problem naming its field', () => {
  const t = catalogs.translator('en');
  const cases: [Record<string, string>, string][] = [
    [{ operator: 'OP-Z' }, 'operator'],
    [{ technology: '6G' }, 'technology'],
    [{ metric: 'jitter' }, 'metric'],
    [{ period: '7' }, 'period'],
    [{ period: '90.0' }, 'period'],
    [{ period: '-90' }, 'period'],
    [{ view: 'list' }, 'view'],
    [{ resolution: '7' }, 'resolution'],
    [{ resolution: '8e0' }, 'resolution'],
  ];
  for (const [query, field] of cases) {
    const parsed = parseQualityQuery(query, SETTINGS, ['OP-A'], t);
    assert.equal(parsed.filters, null, JSON.stringify(query));
    assert.deepEqual(
      parsed.problems.map((p) => p.field),
      [field],
      JSON.stringify(query),
    );
  }
});
