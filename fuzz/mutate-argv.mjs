// Family 2: mutated command lines. Every command starts from a cheap, valid template (a large
// scale, one or two replications, one thread, short studies) whose tokens know their role (a flag,
// a value, an input path, an output path); one to three mutations then drop, copy, swap or
// misspell tokens, take values away, or replace values and paths by interesting ones. Paths stay
// relative and inside the sandbox: inputs may become special files, outputs never leave it.
import { argValue, ODD_CHARS } from './interesting.mjs';

const CHEAP = ['--set', 'scale=100000', '--reps', '2', '--threads', '1'];
const PARAM = ['--param', 'demand.growth=0:0.2'];
const PARAM2 = ['--param', 'tools.breakthroughProbability=0.01:0.2'];

/** Inputs and outputs named in templates, and what each may be replaced by. */
const INPUT = (p) => ({ input: p });
const OUTPUT = (p) => ({ output: p });
const S = () => INPUT('scenarios/baseline.yaml');

const SCENARIOS = ['scenarios/baseline.yaml', 'scenarios/tool-breakthrough.yaml', 'scenarios/demand-cools.yaml', 'scenarios/open-immigration.yaml', 'scenarios/acquihire-frenzy.yaml', 'scenarios/corporate-upskilling-push.yaml', 'scenarios/universities-accelerate.yaml', 'test/fixtures/good/child.yaml', 'test/fixtures/good/grandchild.yaml'];
const RESULTS = ['results/run', 'results/run/summary.json', 'results/compare', 'results/sweep.jsonl', 'results/sens', 'results/sens.jsonl', 'results/backtest', 'results/attribute', 'results/shard-0.jsonl', 'results/shard-1.jsonl', 'results/slurm'];
const SPECIAL = ['missing.yaml', 'a-directory', 'a-fifo', 'dev-zero', 'empty.yaml', 'data/observed.csv', 'scenarios/baseline.targets', 'no/such/dir/file'];
const OUT_TARGETS = ['out/x', 'out', '.', 'a-directory', 'a-fifo', 'empty.yaml', 'results/run', 'results/sweep.jsonl', 'new/deeper/still/file', 'scenarios/baseline.yaml', 'x.tmp', '.summary.json.1.tmp', 'out/ spaced name', 'out/new\nline', 'out/tab\there', 'out/"quoted"', "out/it's", 'out/$(id)', 'out/semi;colon'];

/** Each template: a function of the random toolkit returning tokens (strings or role objects). */
const TEMPLATES = {
  validate: (r) => ['validate', S(), ...(r.chance(0.3) ? [INPUT(r.pick(SCENARIOS))] : []), ...(r.chance(0.3) ? ['--set', 'demand.growth=0.1'] : [])],
  explain: (r) => ['explain', INPUT(r.pick(SCENARIOS)), ...(r.chance(0.4) ? [r.pick(['wages', 'demand.growth', 'firms', 'population.seekers'])] : []), ...(r.chance(0.3) ? ['--json'] : []), ...(r.chance(0.3) ? ['--set', 'seed=3'] : [])],
  schema: () => ['schema'],
  help: (r) => [...(r.chance(0.5) ? [r.pick(['run', 'sweep', 'slurm', 'report', 'calibrate'])] : []), r.pick(['--help', '--version', '-h'])],
  run: (r) => ['run', INPUT(r.pick(SCENARIOS)), ...CHEAP, ...(r.chance(0.5) ? [r.pick(['--json', '--csv'])] : []), ...(r.chance(0.3) ? ['--out', OUTPUT('out/run')] : []), ...(r.chance(0.3) ? ['--by', '2030,2035'] : []), ...(r.chance(0.3) ? ['--seed', '7'] : [])],
  compare: (r) => ['compare', S(), INPUT(r.pick(SCENARIOS)), ...CHEAP, ...(r.chance(0.3) ? [r.pick(['--json', '--csv'])] : []), ...(r.chance(0.3) ? ['--out', OUTPUT('out/compare')] : [])],
  attribute: (r) => ['attribute', S(), '--levers', 'tools,migration', '--reps', '1', '--set', 'scale=100000', '--threads', '1', ...(r.chance(0.3) ? ['--year', '2030'] : []), ...(r.chance(0.3) ? ['--json'] : []), ...(r.chance(0.3) ? ['--out', OUTPUT('out/attribute')] : [])],
  report: (r) => ['report', INPUT(r.pick(RESULTS)), ...(r.chance(0.3) ? [INPUT(r.pick(RESULTS))] : []), '--html', OUTPUT('out/report.html')],
  sweep: (r) => ['sweep', S(), ...PARAM, ...(r.chance(0.3) ? PARAM2 : []), '--samples', '2', '--reps', '1', '--set', 'scale=100000', '--threads', '1', '--out', OUTPUT('out/sweep.jsonl'), ...(r.chance(0.4) ? ['--design', r.pick(['grid', 'lhs', 'sobol'])] : []), ...(r.chance(0.3) ? ['--years', '2030'] : []), ...(r.chance(0.2) ? ['--shard', '0/2'] : []), ...(r.chance(0.2) ? ['--resume'] : [])],
  sweepResume: () => ['sweep', S(), ...PARAM, '--samples', '2', '--reps', '1', '--set', 'scale=100000', '--threads', '1', '--out', OUTPUT('results/sweep.jsonl'), '--resume'],
  summarize: (r) => ['sweep', 'summarize', INPUT('results/sweep.jsonl'), ...(r.chance(0.3) ? ['--year', '2030'] : []), ...(r.chance(0.3) ? ['--by', '2033'] : []), ...(r.chance(0.3) ? ['--json'] : [])],
  export: (r) => ['sweep', 'export', INPUT(r.pick(['results/sweep.jsonl', 'results/sens.jsonl'])), ...(r.chance(0.3) ? ['--csv'] : []), ...(r.chance(0.4) ? ['--out', OUTPUT('out/export.csv')] : [])],
  merge: (r) => ['merge', INPUT('results/shard-0.jsonl'), INPUT('results/shard-1.jsonl'), '--out', OUTPUT('out/merged.jsonl'), ...(r.chance(0.4) ? ['--shards', '2'] : [])],
  sensitivity: (r) => ['sensitivity', S(), '--method', r.pick(['morris', 'sobol']), ...PARAM, ...PARAM2, '--samples', '2', '--reps', '1', '--set', 'scale=100000', '--threads', '1', ...(r.chance(0.3) ? ['--json'] : []), ...(r.chance(0.3) ? ['--out', OUTPUT('out/sens')] : []), ...(r.chance(0.3) ? ['--results', OUTPUT('out/sens.jsonl')] : []), ...(r.chance(0.2) ? ['--year', '2030'] : [])],
  calibrate: (r) => ['calibrate', S(), '--fit', 'demand.growth=0:0.2', ...(r.chance(0.5) ? ['--target', r.pick(['gap@2025=53%', 'gap@2025=0.53±0.02', 'openPositions@2022/2019=1.37±0.27'])] : ['--targets', INPUT('scenarios/baseline.targets')]), '--max-evaluations', '3', '--reps', '1', '--set', 'scale=100000', '--threads', '1', ...(r.chance(0.5) ? ['--engine', r.pick(['expected', 'agents'])] : []), ...(r.chance(0.3) ? ['--write', OUTPUT('out/calibrated.yaml')] : []), ...(r.chance(0.3) ? ['--json'] : []), ...(r.chance(0.2) ? ['--strict'] : [])],
  backtest: (r) => ['backtest', S(), '--observed', INPUT('data/observed.csv'), ...CHEAP, ...(r.chance(0.3) ? ['--json'] : []), ...(r.chance(0.3) ? ['--out', OUTPUT('out/backtest')] : [])],
  slurmSweep: (r) => ['slurm', 'sweep', S(), ...PARAM, '--samples', '2', '--reps', '1', '--tasks', '2', '--out', OUTPUT('out/slurm'), '--dry-run', ...(r.chance(0.3) ? ['--partition', 'short', '--time', '00:10:00', '--mem', '4G'] : []), ...(r.chance(0.3) ? ['--setup', 'module load nodejs/20'] : []), ...(r.chance(0.2) ? ['--array-limit', '1', '--account', 'acct', '--qos', 'normal'] : [])],
  slurmSensitivity: (r) => ['slurm', 'sensitivity', S(), '--method', r.pick(['morris', 'sobol']), ...PARAM, ...PARAM2, '--samples', '2', '--tasks', '2', '--out', OUTPUT('out/slurm-sens'), '--dry-run', ...(r.chance(0.3) ? ['--cpus-per-task', '2', '--node', 'node'] : [])],
  slurmStatus: (r) => ['slurm', 'status', INPUT('results/slurm'), ...(r.chance(0.4) ? ['--json'] : [])],
};

/** Flags of all commands, to add in the wrong place or to misspell. */
const FLAGS = ['--reps', '--seed', '--threads', '--set', '--json', '--csv', '--out', '--by', '--levers', '--year', '--html', '--param', '--design', '--samples', '--years', '--shard', '--resume', '--method', '--results', '--observed', '--fit', '--target', '--targets', '--max-evaluations', '--strict', '--write', '--engine', '--shards', '--tasks', '--array-limit', '--partition', '--time', '--account', '--qos', '--mem', '--cpus-per-task', '--setup', '--node', '--dry-run', '--help', '--version', '--', '-', '--no-json', '--json=false', '--reps=3', '--set=scale=1e5'];

const isFlag = (t) => typeof t === 'string' && t.startsWith('-');
const isValue = (tokens, i) => i > 0 && isFlag(tokens[i - 1]) && !isFlag(tokens[i]);

/** Mutations: each `(tokens, r) => description`, editing `tokens` in place. */
const MUTATIONS = {
  drop(t, r) {
    if (t.length === 0) return 'nothing to drop';
    const i = r.int(0, t.length - 1);
    const [x] = t.splice(i, 1);
    return `drop ${show(x)}`;
  },
  duplicate(t, r) {
    if (t.length === 0) return 'nothing to repeat';
    const i = r.int(0, t.length - 1);
    const n = isFlag(t[i]) && i + 1 < t.length && !isFlag(t[i + 1]) ? 2 : 1;
    t.splice(i + n, 0, ...t.slice(i, i + n));
    return `repeat ${t.slice(i, i + n).map(show).join(' ')}`;
  },
  swap(t, r) {
    if (t.length < 2) return 'nothing to swap';
    const i = r.int(0, t.length - 2);
    const j = r.chance(0.6) ? i + 1 : r.int(0, t.length - 1);
    [t[i], t[j]] = [t[j], t[i]];
    return `swap ${show(t[j])} and ${show(t[i])}`;
  },
  typo(t, r) {
    const flags = t.map((x, i) => (isFlag(x) ? i : -1)).filter((i) => i >= 0);
    if (flags.length === 0) return 'no flag to misspell';
    const i = r.pick(flags);
    const f = t[i];
    const k = r.int(2, Math.max(2, f.length - 1));
    t[i] = r.pick([f.slice(0, -1), `${f}s`, f.toUpperCase(), f.replace(/^--/, '-'), `-${f}`, f.slice(0, k) + f.slice(k + 1), `${f}=`, `--no-${f.slice(2)}`, f.replace(/-/g, '_'), `${f} `]);
    return `misspell ${f} as ${JSON.stringify(t[i])}`;
  },
  missingValue(t, r) {
    const values = t.map((x, i) => (isValue(t, i) ? i : -1)).filter((i) => i >= 0);
    if (values.length === 0) return 'no value to take away';
    const i = r.pick(values);
    if (r.chance(0.5)) {
      const flag = t[i - 1];
      t.splice(i - 1, 2);
      t.push(flag);
      return `${flag} moved to the end without its value`;
    }
    const [x] = t.splice(i, 1);
    return `value ${show(x)} of ${t[i - 1]} taken away`;
  },
  value(t, r) {
    const values = t.map((x, i) => (isValue(t, i) || (typeof x === 'string' && !isFlag(x) && i > 0) ? i : -1)).filter((i) => i >= 0);
    if (values.length === 0) return 'no value to replace';
    const i = r.pick(values);
    const old = t[i];
    t[i] = r.chance(0.3) && typeof old === 'string' && /=/.test(old) ? `${old.split('=')[0]}=${argValue(r)}` : argValue(r);
    return `${show(old)} := ${show(t[i])}`;
  },
  path(t, r) {
    const paths = t.map((x, i) => (typeof x === 'object' ? i : -1)).filter((i) => i >= 0);
    if (paths.length === 0) return 'no path to replace';
    const i = r.pick(paths);
    const old = t[i];
    t[i] = 'input' in old ? INPUT(r.pick([...SPECIAL, ...SPECIAL, ...SCENARIOS, ...RESULTS])) : OUTPUT(r.pick(OUT_TARGETS));
    return `${show(old)} := ${show(t[i])}`;
  },
  addFlag(t, r) {
    const f = r.pick(FLAGS);
    const withValue = r.chance(0.7) && f.startsWith('--') && !f.includes('=') && f !== '--';
    const at = r.int(1, t.length);
    t.splice(at, 0, ...(withValue ? [f, argValue(r)] : [f]));
    return `add ${f}${withValue ? ` ${show(t[at + 1])}` : ''}`;
  },
  command(t, r) {
    const old = t[0];
    t[0] = r.pick(['run', 'compare', 'attribute', 'report', 'sweep', 'sensitivity', 'backtest', 'calibrate', 'merge', 'slurm', 'validate', 'explain', 'schema', 'summarize', 'Run', 'runn', '', '-', `x${r.pick(ODD_CHARS)}`]);
    return `command ${show(old)} := ${show(t[0])}`;
  },
};

const WEIGHTS = [[3, 'drop'], [2, 'duplicate'], [2, 'swap'], [3, 'typo'], [3, 'missingValue'], [6, 'value'], [4, 'path'], [3, 'addFlag'], [1, 'command']];
const TEMPLATE_WEIGHTS = [[2, 'validate'], [2, 'explain'], [0.3, 'schema'], [0.5, 'help'], [4, 'run'], [2, 'compare'], [1, 'attribute'], [2, 'report'], [3, 'sweep'], [0.5, 'sweepResume'], [1.5, 'summarize'], [1.5, 'export'], [1.5, 'merge'], [2, 'sensitivity'], [2, 'calibrate'], [2, 'backtest'], [1.5, 'slurmSweep'], [1, 'slurmSensitivity'], [1, 'slurmStatus']];

function show(x) {
  if (x === undefined) return 'nothing';
  const s = typeof x === 'object' ? ('input' in x ? x.input : x.output) : x;
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** One command-line case: `argv` for runCli, the template it came from and what was done. */
export function argvCase(r) {
  const template = r.weighted(TEMPLATE_WEIGHTS.map(([w, n]) => [w, n]));
  const tokens = TEMPLATES[template](r);
  // A tenth of the cases run the template as is: the valid path must be exercised too.
  const count = r.weighted([[1, 0], [5, 1], [3, 2], [1, 3]]);
  const mutations = [];
  for (let m = 0; m < count; m++) mutations.push(MUTATIONS[r.weighted(WEIGHTS.map(([w, n]) => [w, n]))](tokens, r));
  const argv = tokens.map((x) => (typeof x === 'object' ? ('input' in x ? x.input : x.output) : x));
  return { family: 'cli', template, argv, mutations };
}
