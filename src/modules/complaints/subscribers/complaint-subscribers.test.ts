import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkQuarter, checkQuarterFigures, parseSubscriberCsv, quarterOfDate, readSubscriberCount } from './complaint-subscribers.ts';

const rules = { operatorIds: new Set(['OP-1', 'OP-2']), currentQuarter: '2026-Q4' };

describe('subscriber figures', () => {
  it('reads a whole number, blank as no figure, and names what is wrong with anything else', () => {
    assert.deepEqual(readSubscriberCount(' 1250000 '), { value: 1_250_000 });
    assert.deepEqual(readSubscriberCount('0'), { value: 0 });
    assert.deepEqual(readSubscriberCount('  '), { value: null });
    assert.deepEqual(readSubscriberCount('-5'), { issue: 'negative' });
    assert.deepEqual(readSubscriberCount('1,250,000'), { issue: 'notWhole' });
    assert.deepEqual(readSubscriberCount('12.5'), { issue: 'notWhole' });
    assert.deepEqual(readSubscriberCount('about 3m'), { issue: 'notWhole' });
    assert.deepEqual(readSubscriberCount('3000000000'), { issue: 'tooLarge' });
  });

  it('knows quarters, refuses one not written 2026-Q3 and one that has not started', () => {
    assert.equal(quarterOfDate('2026-11-29'), '2026-Q4');
    assert.equal(quarterOfDate('2026-03-31'), '2026-Q1');
    assert.equal(checkQuarter('2026-Q3', '2026-Q4'), null);
    assert.equal(checkQuarter('2026-Q4', '2026-Q4'), null);
    assert.equal(checkQuarter('2027-Q1', '2026-Q4'), 'future');
    for (const wrong of ['2026-Q5', '2026Q3', 'Q3-2026', '1999-Q4', '']) assert.equal(checkQuarter(wrong, '2026-Q4'), 'unknown', wrong);
  });

  it('reads a subscriber file into figures', () => {
    const csv =
      '\uFEFFoperator_id,service,quarter,subscribers\nOP-1,mobile,2026-Q3,1200000\nOP-2,fixed_internet,2026-q3,45000\n\nOP-1,mobile,2026-Q2,1190000\n';
    const parsed = parseSubscriberCsv(csv, rules);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.figures, [
      { operatorId: 'OP-1', service: 'mobile', quarter: '2026-Q3', subscribers: 1_200_000 },
      { operatorId: 'OP-2', service: 'fixed_internet', quarter: '2026-Q3', subscribers: 45_000 },
      { operatorId: 'OP-1', service: 'mobile', quarter: '2026-Q2', subscribers: 1_190_000 },
    ]);
  });

  it('refuses a whole file for one wrong line, naming the line and the column of every problem', () => {
    const csv = [
      'operator_id,service,quarter,subscribers',
      'OP-1,mobile,2026-Q3,1200000',
      'OP-9,mobile,2026-Q3,10',
      'OP-2,satellite,2026-Q9,-4',
      'OP-2,pay_tv,2027-Q1,1 200',
      'OP-1,mobile,2026-Q3,1200001',
      'OP-2,mobile,2026-Q3,',
    ].join('\n');
    const parsed = parseSubscriberCsv(csv, rules);
    assert.deepEqual(parsed.figures, []);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.line}:${p.field}`),
      ['3:operator_id', '4:service', '4:quarter', '4:subscribers', '5:quarter', '5:subscribers', '6:subscribers', '7:subscribers'],
    );
    assert.match(parsed.problems.find((p) => p.line === 6)?.message ?? '', /line 2/);
    assert.match(parsed.problems.find((p) => p.line === 4 && p.field === 'subscribers')?.message ?? '', /negative/);
  });

  it('names a missing or unknown column of the header, and an empty file', () => {
    const parsed = parseSubscriberCsv('operator,service,quarter,subscribers\nOP-1,mobile,2026-Q3,5\n', rules);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.line}:${p.field}`),
      ['1:operator_id', '1:operator'],
    );
    assert.equal(parseSubscriberCsv('', rules).problems[0]?.field, 'file');
    assert.equal(parseSubscriberCsv('operator_id,service,quarter,subscribers\n', rules).problems[0]?.line, 2);
  });

  it('checks the figures of one quarter sent as a list, with JSON pointers', () => {
    const ok = checkQuarterFigures('2026-Q3', [{ operatorId: 'OP-1', service: 'mobile', subscribers: 10 }], rules);
    assert.deepEqual(ok.figures, [{ operatorId: 'OP-1', service: 'mobile', quarter: '2026-Q3', subscribers: 10 }]);
    const bad = checkQuarterFigures(
      '2026-Q7',
      [
        { operatorId: 'OP-1', service: 'mobile', subscribers: 1.5 },
        { operatorId: 'OP-3', service: 'other', subscribers: -1 },
        { operatorId: 'OP-2', service: 'mobile', subscribers: 7 },
        { operatorId: 'OP-2', service: 'mobile', subscribers: 8 },
      ],
      rules,
    );
    assert.deepEqual(bad.figures, []);
    assert.deepEqual(
      bad.problems.map((p) => p.field),
      ['quarter', '/figures/0/subscribers', '/figures/1/operatorId', '/figures/1/service', '/figures/1/subscribers', '/figures/3/service'],
    );
  });
});
