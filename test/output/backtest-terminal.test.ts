/** The terminal view and the CSV of a backtest, on a small hand-made comparison. */
import { describe, expect, it } from 'vitest';
import { compareWithObserved, type SimulatedValues } from '../../src/studies/backtest/backtest.js';
import { parseObserved } from '../../src/studies/backtest/observed.js';
import { backtestCsv, csvField } from '../../src/output/backtest-csv.js';
import { formatBacktest } from '../../src/output/backtest-terminal.js';

const HEADER = 'series,year,value,unit,metric,compare,base,source,label';

/** Four replications, 2020–2023 (history before 2022): metric a is 100·(r + 1) + year offset, metric b 10·(year offset + 1). */
function result(calendar = { startYear: 2020, baseYear: 2022, horizon: 2023 }) {
  const years = calendar.horizon - calendar.startYear + 1;
  const simulation: SimulatedValues = {
    summary: { scenario: { name: 'toy', hash: 'feedfacefeedface', file: 'toy.yaml' }, seed: 3, replications: 4, scale: 20, ...calendar, metrics: [{ name: 'a' }, { name: 'b' }] },
    values: [0, 1, 2, 3].map((r) => Float64Array.from({ length: years * 2 }, (_, k) => (k % 2 === 0 ? 100 * (r + 1) + Math.floor(k / 2) : 10 * (Math.floor(k / 2) + 1)))),
  };
  const observed = parseObserved(
    'obs.csv',
    [
      HEADER,
      'levels,2021,250,USD,a,level,,"Survey, 2024",v',
      'levels,2023,900,USD,a,level,,"Survey, 2024",v',
      'growth,2020,5,jobs,b,index,2021,Agency,v',
      'growth,2021,10,jobs,b,index,2021,Agency,v',
      'growth,2023,20,jobs,b,index,2021,Agency,v',
      'growth,2019,1,jobs,b,index,2021,Agency,v',
      'context,2018,3,%,,,,Elsewhere,v',
      'context,2019,3,%,,,,Elsewhere,v',
      'context,2020,3,%,,,,Elsewhere,v',
    ].join('\n'),
    ['a', 'b'],
  );
  return compareWithObserved(observed, simulation);
}

describe('formatBacktest', () => {
  const text = formatBacktest(result(), { color: false });

  it('heads the output with the run and the observed file', () => {
    expect(text.split('\n').slice(0, 2)).toEqual([
      'hiresim backtest: "toy" (hash feedfacefeedface), 4 replications, seed 3, 1 agent = 20 persons; 2020–2021 history, 2022–2023 projection',
      'observed: obs.csv, 9 rows: 2 compared series, 1 context series',
    ]);
  });

  it('prints a table per series with the band, ✓ or ✗, the period, then the summary line', () => {
    // a in 2021: 101, 201, 301, 401 → p10 131, p50 251, p90 371; 250 is inside. In 2023: 103…403, 900 is not.
    // Relative errors |251/250 − 1| = 0.4% and |253/900 − 1| = 71.9%: their median is 36.1%.
    expect(text).toContain(
      [
        'levels: a, level; USD; Survey, 2024',
        'year  observed  model p50   10–90%  inside      period',
        '────  ────────  ─────────  ───────  ──────  ──────────',
        '2021       250        251  131…371       ✓     history',
        '2023       900        253  133…373       ✗  projection',
        'coverage 1/2 (50%) inside the 10–90% band; median absolute relative error 36.1%',
      ].join('\n'),
    );
    // b ÷ b in 2021: 0.5 in 2020, 2 in 2023, in every replication; observed 0.5 and 2.
    expect(text).toContain(
      [
        'growth: b, index (2021 = 1); jobs; Agency',
        'year  observed  model p50     10–90%  inside      period',
        '────  ────────  ─────────  ─────────  ──────  ──────────',
        '2020      0.50       0.50  0.50…0.50       ✓     history',
        '2021      1.00       1.00  1.00…1.00    base     history',
        '2023      2.00       2.00  2.00…2.00       ✓  projection',
        'outside the simulated years, not counted: 2019',
        'coverage 2/2 (100%) inside the 10–90% band; median absolute index error 0.00',
      ].join('\n'),
    );
  });

  it('ends with the total and the context series, not compared', () => {
    expect(text).toContain('All series: 3 of 4 observations (75%) inside the model\'s 10–90% band.');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['Context (listed, not compared):', '  context  2018–2020  %; Elsewhere']);
  });

  it('colours ✓ and ✗ only when asked, keeping the columns aligned', () => {
    expect(text).not.toContain('\x1b[');
    const coloured = formatBacktest(result(), { color: true });
    expect(coloured).toContain('\x1b[32m✓\x1b[0m');
    expect(coloured).toContain('\x1b[31m✗\x1b[0m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(text);
  });

  it('says when there is no history and when nothing could be compared', () => {
    const plain = formatBacktest(result({ startYear: 2022, baseYear: 2022, horizon: 2023 }), { color: false });
    expect(plain.split('\n')[0]).toContain('; 2022–2023 projection (no history: set startYear to simulate years before 2022)');
    expect(plain).toContain('outside the simulated years (the base year 2021 is not simulated), not counted: 2019–2021, 2023');
    expect(plain).toContain('nothing compared: every observation is outside the simulated years');
  });
});

describe('backtestCsv', () => {
  it('writes one row per compared observation, quoting what needs it', () => {
    const lines = backtestCsv(result()).trimEnd().split('\n');
    expect(lines[0]).toBe('series,metric,compare,base,year,history,value,observed,p10,p50,p90,inside,isBase');
    expect(lines).toHaveLength(1 + 2 + 3);
    expect(lines[1]).toBe('levels,a,level,,2021,true,250,250,131,251,371,true,false');
    expect(lines[4]).toBe('growth,b,index,2021,2021,true,10,1,1,1,1,true,true');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('plain')).toBe('plain');
  });
});
