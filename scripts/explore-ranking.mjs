#!/usr/bin/env node
/**
 * The ranking behind the `explore:` section of scenarios/baseline.yaml: a Morris screening
 * (`hiresim sensitivity --method morris`) of the baseline's projection inputs, so that the what-if
 * page offers the inputs that move the closing year most.
 *
 * Every input is varied the way an explore control changes it (src/explore/controls.ts): after the
 * base year, with history and the base year left as fitted. The sensitivity command varies whole parameters, so
 * each input is routed through a constant of its own: `--set P="year <= 2025 ? BASE : xP"` keeps
 * the scenario's value (number or formula) up to the base year and reads the constant after it,
 * and `--param constants.xP=LO:HI` varies the constant. Constants (read only by the projection's
 * formulas) and distributions (drawn once per replication) are varied directly, as explore does.
 *
 * Usage: npm run build && node scripts/explore-ranking.mjs [--samples R] [--reps N] [--scale S]
 * Writes docs/explore-ranking.json (the sensitivity summary with its provenance) and prints the
 * inputs by Morris μ* of the median closing year. Keeps every point in explore-ranking.jsonl
 * (in the working directory) so that a stopped study resumes where it stopped.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { loadScenario } from '../dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : fallback;
};
const samples = option('--samples', '6');
const reps = option('--reps', '4');
const scale = option('--scale', '50');
const scenarioFile = 'scenarios/baseline.yaml';

// The candidates: every projection input of the baseline that a what-if could plausibly move,
// each over a range that stays within what its source or assumption allows.
const INPUTS = [
  ['constants.growthLongRun', 0, 0.08],
  ['constants.growthDecay', 1, 10],
  ['demand.shockSd', 0.01, 0.15],
  ['demand.payElasticity', 0.1, 0.75],
  ['demand.postingLifetimeMonths', 2, 12],
  ['tools.maturity', 0.25, 1],
  ['tools.breakthroughProbability', 0, 0.25],
  ['tools.breakthroughJump', 0, 0.3],
  ['tools.productivityGain', -0.19, 0.56],
  ['tools.learningBoost', 0, 1],
  ['education.programmes.master.intake', 20000, 200000, 'log'],
  ['education.capacityElasticity', 0, 0.6],
  ['education.maxIntakeGrowth', 0, 0.25],
  ['upskilling.selfStudyRate', 0.05, 0.3],
  ['upskilling.selfEnrolmentRate', 0, 0.05],
  ['upskilling.premiumElasticity', 0.5, 5],
  ['upskilling.programmes.corporate.capacity', 5000, 100000, 'log'],
  ['matching.screening', 0.1, 0.5],
  ['wages.curveElasticity', 0.05, 0.5],
  ['wages.adjustment', 0.2, 0.8],
  ['attrition.turnover', 0.08, 0.2],
  ['attrition.seekerExitRate', 0.2, 0.7],
  ['migration.immigrants', 0, 10000],
  ['acquihires.probability', 0, 0.8],
];

const { scenario } = loadScenario(scenarioFile);
const at = (path) => path.split('.').reduce((node, key) => node[key], scenario);
const sets = [];
const params = [];
const routed = {};
for (const [path, low, high, log] of INPUTS) {
  const param = at(path);
  const range = `${low}:${high}${log ? ':log' : ''}`;
  if (path.startsWith('constants.') || param.spec.kind === 'distribution') {
    params.push(`${path}=${range}`);
    continue;
  }
  const name = `x${path.split('.').map((k) => k[0].toUpperCase() + k.slice(1)).join('')}`;
  const before = param.spec.kind === 'number' ? String(param.spec.value) : `(${param.spec.text})`;
  const start = param.spec.kind === 'number' ? param.spec.value : low;
  sets.push(`constants.${name}=${start}`, `${path}="year <= ${scenario.baseYear} ? ${before} : ${name}"`);
  params.push(`constants.${name}=${range}`);
  routed[`constants.${name}`] = path;
}

mkdirSync('docs', { recursive: true });
const command = [
  'sensitivity', scenarioFile, '--method', 'morris', '--samples', samples, '--reps', reps, '--year', '2030',
  '--set', `scale=${scale}`, ...sets.flatMap((s) => ['--set', s]), ...params.flatMap((p) => ['--param', p]),
  '--results', 'explore-ranking.jsonl', '--resume', '--out', 'explore-ranking.out',
];
console.error(`$ hiresim ${command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`);
const result = spawnSync(process.execPath, ['dist/bin/hiresim.js', ...command], { stdio: ['ignore', 'inherit', 'inherit'] });
if (result.status !== 0) process.exit(result.status ?? 1);
renameSync('explore-ranking.out/sensitivity.json', 'docs/explore-ranking.json');

const summary = JSON.parse(readFileSync('docs/explore-ranking.json', 'utf8'));
const closing = summary.outputs.find((o) => o.output === 'closingYear');
const ranked = [...closing.morris].sort((a, b) => b.muStar - a.muStar);
console.log('Inputs by Morris μ* of the median closing year (years over the whole range):');
for (const p of ranked) console.log(`  ${(routed[p.path] ?? p.path).padEnd(44)} μ* ${p.muStar.toFixed(2).padStart(6)}  μ ${p.mu.toFixed(2).padStart(6)}  σ ${p.sigma.toFixed(2).padStart(6)}`);
