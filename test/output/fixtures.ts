/**
 * Small hand-made results for the terminal and CSV tests: a run of five years whose first two are
 * history (startYear 2023, baseYear 2025, horizon 2027), with fixed gaps, and a comparison of two
 * scenarios over the same years.
 */
import { closingYearDifference, pairedDifference, pairedRatio } from '../../src/analysis/paired.js';
import type { Band } from '../../src/analysis/quantiles.js';
import { METRICS } from '../../src/model/metrics.js';
import { COMPARED_METRICS, BANDED_METRICS, type ComparisonSummary } from '../../src/studies/compare.js';
import type { RunSummary, Simulation, YearSummary } from '../../src/studies/run.js';

const band = (p50: number, spread: number): Band => ({ p10: p50 - spread, p50, p90: p50 + spread, mean: p50 });

/** Median gap per year and the half-width of its 10–90 % band. */
const GAPS: Record<number, [number, number]> = { 2023: [0.5, 0.1], 2024: [0.6, 0.1], 2025: [0.53, 0.02], 2026: [0.2, 0.2], 2027: [-0.1, 0.2] };

/** A run from startYear to 2027 (baseYear 2025); startYear 2025 gives a run without history. */
export function runFixture(startYear = 2023): Simulation {
  const years: YearSummary[] = [];
  for (let year = startYear; year <= 2027; year++) {
    const row: Record<string, Band | number | boolean> = { year, history: year < 2025 };
    for (const metric of METRICS) row[metric.name] = band(1000, 100);
    const gap = band(...GAPS[year]);
    row.gap = gap;
    // Candidates per 100 open positions = 100 (1 − gap): the band's ends swap.
    row.candidatesPer100 = { p10: 100 * (1 - gap.p90), p50: 100 * (1 - gap.p50), p90: 100 * (1 - gap.p10), mean: 100 * (1 - gap.mean) };
    years.push(row as YearSummary);
  }
  const summary: RunSummary = {
    scenario: { name: 'fixture', hash: '0123456789abcdef', file: 'fixture.yaml' },
    seed: 7,
    replications: 2,
    startYear,
    baseYear: 2025,
    horizon: 2027,
    scale: 50,
    metrics: METRICS,
    years,
    closure: {
      threshold: 0,
      sustainYears: 2,
      medianYear: null,
      p10Year: 2026,
      p90Year: null,
      probabilityClosedBy: { 2025: 0, 2026: 0.5, 2027: 0.5 },
      censoredShare: 0.5,
      probabilityClosedByError: { 2025: 0, 2026: 0.5, 2027: 0.5 },
      reopenedShare: 0,
      afterClosing: { candidatesPer100: band(110, 0), payPremiumAtClosing: band(3, 0), payPremiumLater: band(2.9, 0), laterYears: 5 },
    },
    runs: [
      { replication: 0, closure: { kind: 'closed', year: 2026 } },
      { replication: 1, closure: { kind: 'censored' } },
    ],
  };
  // Replication r, year index y, metric k: r + y / 10 + k / 1000, so every value says where it belongs.
  const values = [0, 1].map((r) => Float64Array.from({ length: years.length * METRICS.length }, (_, i) => r + Math.floor(i / METRICS.length) / 10 + (i % METRICS.length) / 1000));
  return { summary, values };
}

/** Two scenarios over 2023–2031 (baseYear 2025, history 2023–2024); the variant is 10 points lower from 2025 on. */
export function comparisonFixture(startYear = 2023): ComparisonSummary {
  const years = Array.from({ length: 2031 - startYear + 1 }, (_, k) => startYear + k);
  const closure = (probabilityClosedBy: Record<string, number>, medianYear: number | null) => ({ threshold: 0, sustainYears: 2, medianYear, p10Year: medianYear, p90Year: null, probabilityClosedBy, censoredShare: 0.25 });
  const byYear = (f: (year: number) => number) => Object.fromEntries(years.filter((y) => y >= 2025).map((y) => [String(y), f(y)]));
  const scenario = (name: string, shift: number, closing: number) => ({
    name,
    hash: `${name}-hash`,
    file: `${name}.yaml`,
    // P(closed by Y) rises by a quarter a year from the closing year on.
    closure: closure(byYear((y) => Math.min(0.75, Math.max(0, (y - closing + 1) / 4))), closing + 1),
    years: years.map((year) => {
      const row: Record<string, unknown> = { year, history: year < 2025 };
      for (const metric of BANDED_METRICS) row[metric] = band(metric === 'gap' ? 0.5 - (year >= 2025 ? shift : 0) : 1000, 0.1);
      // Qualified candidates per 100 open positions: 100 × (1 − gap).
      row.candidatesPer100 = band(100 * (0.5 + (year >= 2025 ? shift : 0)), 10);
      return row as ComparisonSummary['scenarios'][number]['years'][number];
    }),
  });
  const reference = [0.5, 0.52, 0.48, 0.5];
  return {
    seed: 7,
    replications: 4,
    startYear,
    baseYear: 2025,
    horizon: 2031,
    scenarios: [scenario('base', 0, 2029), scenario('variant', 0.1, 2027)],
    differences: [
      {
        scenario: 'variant',
        against: 'base',
        years: years.map((year) => {
          const row: Record<string, unknown> = { year, history: year < 2025 };
          // History years: the same in every replication (a difference of exactly zero); then 10 points lower.
          const variant = reference.map((x, r) => (year < 2025 ? x : x - 0.1 + r / 100));
          for (const metric of COMPARED_METRICS) row[metric] = pairedDifference(reference, variant);
          // Candidates per 100 = 100 (1 − gap): 50, 48, 52, 50 against 60, 57, 60, 57 from 2025 on.
          row.candidatesPer100Ratio = pairedRatio(reference.map((x) => 100 * (1 - x)), variant.map((x) => 100 * (1 - x)));
          return row as ComparisonSummary['differences'][number]['years'][number];
        }),
        // Replications: the variant closes two years earlier twice, closes where the base stays open once, and both stay open once.
        closingYear: closingYearDifference(
          [{ kind: 'closed', year: 2029 }, { kind: 'closed', year: 2029 }, { kind: 'censored' }, { kind: 'censored' }],
          [{ kind: 'closed', year: 2027 }, { kind: 'closed', year: 2027 }, { kind: 'closed', year: 2027 }, { kind: 'censored' }],
        ),
      },
    ],
    ranking: [
      { scenario: 'variant', medianYear: 2028, probabilityClosedByMidYear: 0.5 },
      { scenario: 'base', medianYear: 2030, probabilityClosedByMidYear: 0 },
    ],
  };
}

/** Text with trailing blanks cut from every line (charts pad their rows; expectations are easier to read without). */
export function trimLines(text: string): string {
  return text.split('\n').map((line) => line.trimEnd()).join('\n');
}
