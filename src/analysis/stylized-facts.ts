/**
 * Stylized facts of a run, estimated from every replication's yearly metrics (values[r][y * M + k]):
 * what the tests check on the shipped baseline and docs/MODEL.md reports.
 */
import { METRICS, METRIC_INDEX } from '../model/metrics.js';
import { pearson } from './correlation.js';

type Values = readonly ArrayLike<number>[];

const M = METRICS.length;
const at = (v: ArrayLike<number>, y: number, metric: string) => v[y * M + METRIC_INDEX[metric]];
const yearsOf = (values: Values) => (values.length > 0 ? values[0].length / M : 0);

/** Pearson correlation of the vacancy rate with the qualified unemployment rate, pooled over years (from `from`) and replications: the Beveridge curve slopes down when it is negative; null when either is constant. */
export function beveridgeCorrelation(values: Values, from = 0): number | null {
  const vacancy: number[] = [];
  const unemployment: number[] = [];
  for (const v of values) {
    for (let y = from; y < yearsOf(values); y++) {
      vacancy.push(at(v, y, 'vacancyRate'));
      unemployment.push(at(v, y, 'qualifiedUnemploymentRate'));
    }
  }
  return pearson(vacancy, unemployment);
}

/**
 * The matching elasticity on seekers, α in hires = A · seekers^α · vacancies^(1−α): the least-squares
 * slope of ln(hires ÷ vacancies) on ln(seekers ÷ vacancies) (constant returns imposed, as in most
 * studies Petrongolo & Pissarides 2001 survey), from annual hires and the year's mean qualified
 * candidates and open positions, pooled over years (from `from`) and replications.
 */
export function matchingElasticity(values: Values, from = 0): { readonly alpha: number; readonly points: number } {
  const x: number[] = [];
  const y: number[] = [];
  for (const v of values) {
    for (let t = from; t < yearsOf(values); t++) {
      const hires = at(v, t, 'hires');
      const seekers = at(v, t, 'qualifiedCandidates');
      const vacancies = at(v, t, 'openPositions');
      if (hires > 0 && seekers > 0 && vacancies > 0) {
        x.push(Math.log(seekers / vacancies));
        y.push(Math.log(hires / vacancies));
      }
    }
  }
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  const sxy = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0);
  const sxx = x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  return { alpha: sxy / sxx, points: x.length };
}

/**
 * Pay in a surplus. A spell is a run of years (from `from`, which must be ≥ 1) with more qualified
 * candidates than open positions; `spells` counts those of at least two years. In how many of them
 * the AI premium in the spell's second year is below its level the year before the spell began
 * (pay fell as the surplus set in), and in how many of all the spells' second-or-later years it is
 * below 1, its level in a balanced market (pay stays down while the surplus lasts; it may recover
 * part of the way as a surplus eases, so not every such year is a fall).
 */
export function payInSurplus(values: Values, from: number): { readonly spells: number; readonly fellAsSurplusSetIn: number; readonly years: number; readonly belowBalanced: number } {
  let spells = 0;
  let fell = 0;
  let years = 0;
  let below = 0;
  for (const v of values) {
    let run = 0;
    for (let y = Math.max(1, from); y < yearsOf(values); y++) {
      run = at(v, y, 'candidatesPer100') > 100 ? run + 1 : 0;
      if (run < 2) continue;
      years++;
      if (at(v, y, 'aiPremium') < 1) below++;
      if (run === 2) {
        spells++;
        if (at(v, y, 'aiPremium') < at(v, y - 2, 'aiPremium')) fell++;
      }
    }
  }
  return { spells, fellAsSurplusSetIn: spells > 0 ? fell / spells : 0, years, belowBalanced: years > 0 ? below / years : 0 };
}
