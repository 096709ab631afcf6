#!/usr/bin/env node
/**
 * `npm run model-figures`: computes every figure docs/MODEL.md and README.md quote from the
 * committed code, scenarios and data, writes them to docs/figures.json, and rewrites the quoted
 * values in both documents (the text between `<!-- fig:NAME -->` and `<!-- /fig -->`). A test
 * (test/docs/figures.test.ts) fails when a document disagrees with docs/figures.json or when the
 * inputs the figures came from (model code, scenarios, data) have changed since: run this again.
 *
 * Takes a few minutes on two cores: the baseline and every shipped scenario at 40 replications.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFigure, inputsFingerprint, replaceFigures } from './figures-lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => import(join(ROOT, 'dist', path));
const { loadScenario } = await dist('scenario/load.js');
const { simulate } = await dist('studies/run.js');
const { runExpected } = await dist('expected/recursion.js');
const { METRICS, METRIC_INDEX } = await dist('model/metrics.js');
const { collectParams } = await dist('scenario/checks.js');
const { formatPath } = await dist('scenario/issues.js');
const { beveridgeCorrelation, matchingElasticity, payInSurplus } = await dist('analysis/stylized-facts.js');
const { compareWithObserved } = await dist('studies/backtest/backtest.js');
const { readObserved } = await dist('studies/backtest/observed.js');
const { collectTargets } = await dist('studies/calibrate/targets.js');
const { fitTargets } = await dist('studies/calibrate/objective.js');
const { baseIndex, yearIndexOf } = await dist('scenario/calendar.js');
const { resolveParameters } = await dist('model/params.js');
const { formatRun } = await dist('output/terminal.js');

const M = METRICS.length;
const scenarioFile = (name) => join(ROOT, 'scenarios', `${name}.yaml`);
const say = (text) => process.stderr.write(`${text}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
};
const at = (v, y, metric) => v[y * M + METRIC_INDEX[metric]];

const figures = {};
const put = (name, value) => (figures[name] = value);

// The baseline, as users run it.
say('baseline: 40 replications …');
const baseline = loadScenario(scenarioFile('baseline'));
const run = await simulate(baseline, { threads: 2 });
const s = baseline.scenario;
const yearsOf = (summary) => summary.years.map((row) => row.year);
const b = (year, metric, q = 'p50') => run.summary.years.find((row) => row.year === year)[metric][q];
put('baseline.hash', baseline.hash);
put('baseline.startYear', s.startYear);
put('baseline.burnInYears', s.burnInYears);
put('baseline.replications', s.replications);
put('baseline.scale', s.scale);
put('closing.median', run.summary.closure.medianYear);
put('closing.p10', run.summary.closure.p10Year);
put('closing.p90', run.summary.closure.p90Year);
put('closing.by2030', run.summary.closure.probabilityClosedBy['2030']);
put('closing.censored', run.summary.closure.censoredShare);
put('reopen.share', run.values.filter((v) => {
  const closed = run.summary.runs[run.values.indexOf(v)].closure;
  if (closed.kind !== 'closed') return false;
  for (let y = yearIndexOf(s, closed.year) + s.closure.sustainYears; y < v.length / M; y++) if (at(v, y, 'gap') > 0.1) return true;
  return false;
}).length / run.values.length);
for (const year of [2016, 2019, 2022, 2025, 2030, 2035, 2045]) {
  for (const metric of ['gap', 'candidatesPer100', 'openPositions', 'qualifiedCandidates', 'employed', 'payMedian', 'payP90', 'aiPremium', 'payPremium', 'vacancyDurationDays', 'jobFindingRate', 'withdrawnShare', 'entrantsSwitchers', 'entrantsGraduates', 'entrantsUpskilled', 'entrantsImmigrants']) {
    put(`baseline.${year}.${metric}`, b(year, metric));
  }
}
put('baseline.2025.gap.p10', b(2025, 'gap', 'p10'));
put('pay.growth2019to2024', Math.pow(b(2024, 'payMedian') / b(2019, 'payMedian'), 1 / 5) - 1);
put('pay.adjacentGrowth2019to2024', Math.pow(b(2024, 'adjacentPay') / b(2019, 'adjacentPay'), 1 / 5) - 1);
put('baseline.2025.gap.p90', b(2025, 'gap', 'p90'));
put('table.history', yearsOf(run.summary).filter((year) => year <= 2030 || year % 5 === 0).map((year) => ({
  year,
  history: year < s.baseYear,
  candidatesPer100: b(year, 'candidatesPer100'),
  gap: b(year, 'gap'),
  openPositions: b(year, 'openPositions'),
  qualifiedCandidates: b(year, 'qualifiedCandidates'),
  employed: b(year, 'employed'),
  payMedian: b(year, 'payMedian'),
  aiPremium: b(year, 'aiPremium'),
  switchers: b(year, 'entrantsSwitchers'),
  graduates: b(year, 'entrantsGraduates'),
})));

// The README's excerpt of what `hiresim run scenarios/baseline.yaml` prints.
const printed = formatRun(run.summary, { color: false }).split('\n');
const tableHead = printed.filter((l) => /^year|^────/.test(l)).slice(0, 2);
const rowOf = (year) => printed.find((l) => l.startsWith(String(year)));
const chartStart = printed.findIndex((l) => l.startsWith('Qualified candidates per 100'));
const answerStart = printed.findIndex((l) => l.startsWith('When the shortage ends'));
put('readme.runExcerpt', [...tableHead, rowOf(2016), '…', rowOf(2024), printed.find((l) => l.startsWith('╌')), rowOf(2025), rowOf(2026), '…', rowOf(2030), '…', '', ...printed.slice(chartStart, answerStart), ...printed.slice(answerStart).filter((l) => l !== '')].filter((l) => l !== undefined).join('\n'));

// Where qualified supply comes from, 2025–2034 (medians summed).
const supply = ['entrantsGraduates', 'entrantsUpskilled', 'entrantsSwitchers', 'entrantsImmigrants'].map((m) => [m, yearsOf(run.summary).filter((y) => y >= 2025 && y < 2035).reduce((n, y) => n + b(y, m), 0)]);
const supplyTotal = supply.reduce((n, [, x]) => n + x, 0);
for (const [m, x] of supply) put(`supply.${m}.share`, x / supplyTotal);

// The calibration: each target against the agents' median and the recursion.
say('calibration targets …');
const expected = runExpected(s);
const targets = collectTargets([join(ROOT, 'scenarios', 'baseline.targets')], []).map((t) => t.target);
const agentFits = fitTargets(targets, run.values, s);
const expectedFits = fitTargets(targets, [expected.values], s);
put('table.targets', targets.map((t, k) => ({ target: t.kind === 'index' ? `${t.metric}@${t.year}/${t.base}` : `${t.metric}@${t.year}`, value: t.value, tolerance: t.tolerance, agents: agentFits[k].simulated, agentsResidual: agentFits[k].residual, expected: expectedFits[k].simulated })));
put('targets.count', targets.length);
put('targets.withinAgents', agentFits.filter((f) => f.within).length);

// Parameters: fitted, sourced, assumed.
const params = collectParams(s).map(({ path, param }) => ({ path: formatPath(path), shown: param.describe(), source: param.source ?? '' }));
const kind = (source) => (/^calibrated by hiresim calibrate|^fitted/i.test(source) ? 'fitted' : /^assumption/i.test(source) ? 'assumed' : 'sourced');
const counts = { fitted: 0, sourced: 0, assumed: 0 };
for (const p of params) counts[kind(p.source)]++;
put('inputs.total', params.length);
put('inputs.fitted', counts.fitted);
put('inputs.sourced', counts.sourced);
put('inputs.assumed', counts.assumed);
put('table.parameters', params.map((p) => ({ path: p.path, shown: p.shown, kind: kind(p.source), source: p.source })));
const central = resolveParameters(s, s.seed, 0, true);
for (const p of params) {
  const values = p.path.split('.').reduce((node, key) => node?.[key], central);
  if (values instanceof Float64Array) put(`param.${p.path}`, values[yearIndexOf(s, s.baseYear)]);
}

// The backtest of the history.
say('backtest …');
const observed = readObserved(join(ROOT, 'data', 'observed.csv'));
const backtest = compareWithObserved(observed, { summary: run.summary, values: run.values });
put('table.backtest', backtest.series.map((x) => ({ series: x.series, compare: x.compare, compared: x.compared, inside: x.inside, coverage: x.coverage, error: x.compare === 'index' ? x.medianAbsoluteIndexError : x.medianAbsoluteRelativeError })));

// Stylized facts.
const from = baseIndex(s);
put('facts.beveridge', beveridgeCorrelation(run.values));
put('facts.matchingElasticity', matchingElasticity(run.values).alpha);
const surplus = payInSurplus(run.values, from);
put('facts.surplusSpells', surplus.spells);
put('facts.fellAsSurplusSetIn', surplus.fellAsSurplusSetIn);
put('facts.surplusYears', surplus.years);
put('facts.belowBalanced', surplus.belowBalanced);

// Agreement with the expected-value recursion (distributions pinned at their central values).
say('agreement with the recursion …');
const pinned = loadScenario(scenarioFile('baseline'), { overrides: ['constants.growthDecay=4', 'tools.productivityGain=0.2', 'acquihires.pricePerEngineer=20000000'] });
const pinnedRun = await simulate(pinned, { threads: 2 });
const pinnedExpected = runExpected(pinned.scenario);
const closesAt = pinnedExpected.years.findIndex((year, y) => year >= s.baseYear && pinnedExpected.values[y * M + METRIC_INDEX.gap] <= 0);
let worst = 0;
let worstAt = '';
for (let y = 0; y < (closesAt < 0 ? pinnedExpected.years.length : closesAt); y++) {
  for (const metric of ['openPositions', 'qualifiedCandidates', 'employed', 'payMedian']) {
    const mean = pinnedRun.values.reduce((n, v) => n + at(v, y, metric), 0) / pinnedRun.values.length;
    const e = pinnedExpected.values[y * M + METRIC_INDEX[metric]];
    const d = Math.abs(mean - e) / Math.abs(e);
    if (d > worst) [worst, worstAt] = [d, `${metric} in ${pinnedExpected.years[y]}`];
  }
}
put('agreement.worst', worst);
put('agreement.worstAt', worstAt);
put('agreement.until', closesAt < 0 ? null : pinnedExpected.years[closesAt]);

// How far the burn-in settles: the recursion's 2025 gap and employment after 10 against 40 years.
const settled = runExpected(loadScenario(scenarioFile('baseline'), { overrides: ['burnInYears=40'] }).scenario);
const v2025 = (r, metric) => r.values[yearIndexOf(s, 2025) * M + METRIC_INDEX[metric]];
put('burnIn.gapChange', Math.abs(v2025(expected, 'gap') - v2025(settled, 'gap')));
put('burnIn.employedChange', Math.abs(v2025(expected, 'employed') / v2025(settled, 'employed') - 1));

// Every shipped scenario's answer.
const variants = ['baseline', 'universities-accelerate', 'corporate-upskilling-push', 'tool-breakthrough', 'acquihire-frenzy', 'demand-cools', 'open-immigration'];
const answers = [];
for (const name of variants) {
  say(`${name} …`);
  const summary = name === 'baseline' ? run.summary : (await simulate(loadScenario(scenarioFile(name)), { threads: 2 })).summary;
  answers.push({ scenario: name, median: summary.closure.medianYear, p10: summary.closure.p10Year, p90: summary.closure.p90Year, by2030: summary.closure.probabilityClosedBy['2030'] });
}
put('table.scenarios', answers);

put('fingerprint', inputsFingerprint(ROOT));
writeFileSync(join(ROOT, 'docs', 'figures.json'), `${JSON.stringify(figures, null, 1)}\n`);
for (const doc of ['docs/MODEL.md', 'README.md']) {
  const path = join(ROOT, doc);
  const text = readFileSync(path, 'utf8');
  const { text: next, missing } = replaceFigures(text, figures);
  if (missing.length > 0) throw new Error(`${doc} quotes figures that were not computed: ${missing.join(', ')}`);
  writeFileSync(path, next);
}
say(`wrote docs/figures.json and updated docs/MODEL.md and README.md (${Object.keys(figures).length} figures)`);
void formatFigure;
