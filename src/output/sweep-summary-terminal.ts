/** The terminal view of `hiresim sweep summarize`: response tables with |ρ| bars, and the PRIM box in words with its peeling and pasting. */
import type { ParameterResponse, SummaryBox, SweepSummary } from '../studies/sweep/summarize.js';
import { describeRestriction } from '../studies/sweep/summarize.js';
import { percent, table } from './format.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** |ρ| as a bar of `width` cells with eighth-cell resolution. */
export function rhoBar(rho: number | null, width = 10): string {
  if (rho === null) return ''.padEnd(width);
  const eighths = Math.round(Math.min(1, Math.abs(rho)) * width * 8);
  return `${'█'.repeat(Math.floor(eighths / 8))}${EIGHTHS[eighths % 8]}`.padEnd(width);
}

const signed = (x: number | null) => (x === null ? 'n/a' : `${x < 0 ? '−' : x > 0 ? '+' : ' '}${Math.abs(x).toFixed(2)}`);
const num = (x: number) => String(Number(x.toPrecision(3)));

function binLabel(p: ParameterResponse, k: number): string {
  const b = p.bins[k];
  if (b.value !== null) return String(b.value);
  return b.low === b.high ? num(b.low as number) : `${num(b.low as number)}…${num(b.high as number)}`;
}

/** Rows of boxes (step, coverage, density, runs, the box in words), the marked one with ◀. */
function boxTable(rows: readonly { step: number; box: SummaryBox; mark: boolean }[]): string[] {
  const words = rows.map(({ box }) => box.restrictions.map(describeRestriction).join(' and ') || '(all runs)');
  const width = Math.max('box'.length, ...words.map((w) => w.length));
  const cells = rows.map(({ step, box, mark }, r) => [String(step), percent(box.coverage), percent(box.density), String(box.runs), words[r].padEnd(width), mark ? '◀' : '']);
  return table(['step', 'coverage', 'density', 'runs', 'box'.padEnd(width), ''], cells)
    .split('\n')
    .map((l) => l.trimEnd());
}

export function formatSweepSummary(s: SweepSummary, options: { color: boolean }): string {
  const paint = (text: string) => (options.color ? `\x1b[36m${text}\x1b[0m` : text);
  const widest = Math.max(...s.parameters.map((p) => p.path.length), 'parameter'.length);
  const nBins = Math.max(...s.parameters.map((p) => p.bins.length));
  const binHeads = Array.from({ length: nBins }, (_, k) => (nBins === 4 ? `Q${k + 1}` : `bin ${k + 1}`));
  const name = (p: ParameterResponse) => p.path.padEnd(widest);
  const bar = (rho: number | null) => paint(rhoBar(rho));
  const cell = (p: ParameterResponse, k: number, f: (b: ParameterResponse['bins'][number]) => string) => (k < p.bins.length ? f(p.bins[k]) : '');

  const lines = [
    `hiresim sweep summarize: ${s.file}: ${s.runs} runs (${s.design}, ${s.replications} replications each, seed ${s.seed}), scenario ${s.scenario}${s.horizon === null ? '' : `, ${s.baseYear}–${s.horizon}`}`,
    '',
    'Median closing year: Spearman ρ with each parameter, and per bin of the parameter the mean closing year of the closed',
    'runs with the share censored in brackets',
    table(
      ['parameter'.padEnd(widest), 'ρ', '|ρ|'.padEnd(10), ...binHeads],
      s.parameters.map((p) => [name(p), signed(p.spearman.closingYear), bar(p.spearman.closingYear), ...binHeads.map((_, k) => cell(p, k, (b) => `${b.closingYearMeanClosed === null ? '—' : b.closingYearMeanClosed.toFixed(1)} (${percent(b.censoredShare)})`))]),
    ),
    '',
    `Qualified candidates per 100 open positions in ${s.year} (median over replications; 100 = balance): Spearman ρ,`,
    'and per bin the median over its runs',
    table(
      ['parameter'.padEnd(widest), 'ρ', '|ρ|'.padEnd(10), ...binHeads],
      s.parameters.map((p) => [name(p), signed(p.spearman.candidatesPer100), bar(p.spearman.candidatesPer100), ...binHeads.map((_, k) => cell(p, k, (b) => (b.candidatesPer100Median === null ? '—' : String(Math.round(b.candidatesPer100Median)))))]),
    ),
    '',
    'Bins (parameter ranges)',
    table(['parameter'.padEnd(widest), ...binHeads], s.parameters.map((p) => [name(p), ...binHeads.map((_, k) => (k < p.bins.length ? `${binLabel(p, k)} (${p.bins[k].runs})` : ''))])),
    '',
    `Scenario discovery (PRIM): which parameter values make the gap close by ${s.prim.by}? ${s.prim.cases} of ${s.runs} runs do.`,
    `  ${s.prim.sentence}`,
  ];
  if (s.prim.chosen !== null && s.prim.cases < s.runs) {
    lines.push('', `Peeling trajectory (boxes with coverage ≥ ${s.prim.minCoverage}; ◀ the one chosen, then pasted)`);
    lines.push(...boxTable(s.prim.trajectory.flatMap((b, i) => (b.coverage >= s.prim.minCoverage ? [{ step: i, box: b, mark: i === s.prim.chosen }] : []))));
    const { pasting } = s.prim;
    if (pasting.length <= 1) {
      const why = pasting[0]?.density === 1 ? `step ${s.prim.chosen}'s box is pure (density 100%), and pasting widens a box only while its density rises` : `no widening of step ${s.prim.chosen}'s box by one face raises its density`;
      lines.push('', `Pasting changed nothing: ${why}; that box is the one reported.`);
    } else {
      const [from, to] = [pasting[0], pasting[pasting.length - 1]];
      lines.push('', `Pasting (from step ${s.prim.chosen}'s box, one face at a time while the density rises; ◀ the box reported): coverage ${percent(from.coverage, 1)} → ${percent(to.coverage, 1)}, density ${percent(from.density, 1)} → ${percent(to.density, 1)}`);
      lines.push(...boxTable(pasting.map((b, i) => ({ step: i, box: b, mark: i === pasting.length - 1 }))));
    }
  }
  lines.push('', `Censoring: ${s.censoring}.`, `PRIM: ${s.prim.rule}.`);
  return `${lines.join('\n')}\n`;
}
