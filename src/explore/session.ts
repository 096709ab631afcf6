/**
 * One explore session: the scenario named on the command line (read once), the engine's worker
 * pool, and the what-ifs the page asks for. A what-if (a view: switches, slider values, draft) is
 * answered in three steps, each sent as an event:
 *
 *   expected  the expected-value recursion for the what-if and the scenario, at once (or
 *             `problem`: the positioned message a bad value gets from `hiresim run … --set`);
 *   accepted  the overrides, the copy command, the saved-scenario text and the draft's plan (or
 *             `problem`: a draft `run` would refuse, such as one too big for memory);
 *   draft     the agent-based draft, replication by replication on the engine pool, with the
 *             scenario's draft on the same seeds (common random numbers) and the paired
 *             closing-year difference; then `result`, the finished draft.
 *
 * A newer request cancels the older: its stream gets `cancelled` and ends, and none of its
 * replications is scheduled any more (the batch already on the threads finishes, and its values
 * are kept). Replications are cached per scenario, seed and scale (a replication's values do not
 * depend on how many there are), so the scenario's draft runs once per draft setting and a slider
 * moved back is answered from the cache. The draft equals `hiresim run` with the same overrides:
 * the same loader, the same runs, the same summary.
 */
import { availableParallelism } from 'node:os';
import { dirname as pathDirname, join as pathJoin, resolve as pathResolve } from 'node:path';
import { closingYear, type ClosureOutcome } from '../analysis/closure.js';
import { createEnginePool, type EnginePool } from '../engine/pool.js';
import type { RunList } from '../engine/runs.js';
import { expectedCheckpoint, runExpected, type ExpectedCheckpoint } from '../expected/recursion.js';
import { METRIC_INDEX, METRICS } from '../model/metrics.js';
import { count } from '../output/format.js';
import { provenance, type Provenance } from '../output/provenance.js';
import { baseIndex, firstYear } from '../scenario/calendar.js';
import { InputError, formatIssue } from '../scenario/issues.js';
import { scenarioLoader, type LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { summarize } from '../studies/run.js';
import { blameFlags } from '../studies/sweep/param-spec.js';
import { duration, type Progress } from '../cli/progress.js';
import { checkMemory } from '../cli/simulation-options.js';
import { defaultDraft, draftOverrides, exploreControls, parseViewState, viewOverrides, type Controls, type ControlOverride, type Draft, type ViewState } from './controls.js';
import { closingDifference, type ClosingDifference } from './difference.js';
import { checkRoundTrip, copyCommand, savedFileName, savedScenarioText, writeSavedScenario } from './save.js';
import { draftView, expectedView, type DraftView, type ExpectedView } from './view.js';

/** `/api/setup`'s answer: what the page needs to draw its controls. */
export interface ExploreSetup {
  readonly scenario: { readonly name: string; readonly description: string; readonly file: string; readonly hash: string };
  /** The first simulated year (history runs from it to the base year). */
  readonly startYear: number;
  readonly baseYear: number;
  readonly horizon: number;
  readonly closure: Scenario['closure'];
  readonly controls: Controls;
  /** The draft a page starts with. */
  readonly draft: Draft;
  readonly threads: number;
  /** Seconds one replication takes on one thread, times its scale; null until timed. */
  readonly unitCost: number | null;
  readonly cliOverrides: readonly string[];
  readonly provenance: Provenance;
}

/** `expected`, a request's first event: the expected-value recursion of the what-if and of the scenario. */
export interface ExpectedEvent {
  /** Nothing changed: the what-if is the scenario. */
  readonly same: boolean;
  readonly base: ExpectedView;
  readonly whatIf: ExpectedView;
}

/** `accepted`: the view's overrides, its copy command and saved-scenario text, and the draft's plan. */
export interface AcceptedEvent {
  readonly changes: readonly Pick<ControlOverride, 'path' | 'label' | 'override'>[];
  readonly command: string;
  readonly yaml: string;
  /** The what-if's scenario hash (with the draft's settings). */
  readonly hash: string;
  /** The plan line's words: what is run, at what scale, how long it should take. */
  readonly plan: string;
  /** Estimated seconds of the draft; null before any replication was timed. */
  readonly seconds: number | null;
}

/** `draft`: the replications done so far (bands absent before the first of each; the scenario's and the difference absent when nothing changed). */
export interface DraftEvent {
  readonly done: number;
  readonly total: number;
  readonly whatIf?: DraftView;
  readonly base?: DraftView;
  readonly difference?: ClosingDifference;
}

/** `result`: the finished draft, every replication of both. */
export interface ResultEvent {
  readonly whatIf: DraftView;
  readonly base: DraftView;
  readonly same: boolean;
  readonly difference: ClosingDifference;
  /** The updated cost of a replication (see ExploreSetup.unitCost). */
  readonly unitCost: number | null;
}

/** `problem`: the positioned messages of a value or draft the loader, the recursion or the run refused. */
export interface ProblemEvent {
  readonly messages: readonly string[];
}

/** The events of a request by name, as the session builds them (`cancelled` carries nothing but the id). */
export interface ExploreEvents {
  readonly expected: ExpectedEvent;
  readonly accepted: AcceptedEvent;
  readonly draft: DraftEvent;
  readonly result: ResultEvent;
  readonly problem: ProblemEvent;
  readonly cancelled: Record<never, never>;
}

/** An event as the stream carries it: its name, and its data with the request's id. */
export type ExploreEvent = { [K in keyof ExploreEvents]: { readonly event: K; readonly data: ExploreEvents[K] & { readonly id: number } } }[keyof ExploreEvents];

/** Where a request's events go (an HTTP response as server-sent events, or a test's list). */
export interface EventSink {
  send(event: string, data: unknown): void;
  end(): void;
}

/**
 * Quadrature nodes of the first answer's recursion: 64 instead of the recursion's 512 (with
 * EXPECTED_STEPS instead of 128) take it from 385 to 64 ms on the baseline, from the start. Few nodes
 * alias the skill thresholds, so candidates per 100 move by up to 7% in some years (2026: −6.8%)
 * and 1% in the base year, with the same closing year (test/expected/matching.test.ts): far less
 * than the draft's band, which replaces it seconds later.
 */
export const EXPECTED_NODES = 64;

/**
 * Midpoint steps of each matching round's integral in the first answer: 32 instead of 128 make the
 * recursion 157 → 65 ms on the baseline (64 nodes) and move candidates per 100 by at most 0.03% in
 * any year (measured over 2016–2045).
 */
export const EXPECTED_STEPS = 32;

/** Least time between two `draft` events of a request, in milliseconds. */
const DRAFT_EVENT_MS = 200;

/** Scenarios whose replications are kept (each holds at most its draft's values, ~12 KB a replication). */
const CACHED_SCENARIOS = 32;

export interface SessionOptions {
  readonly file: string;
  /** `--set` overrides of the explore command: part of every view (and of the saved file). */
  readonly overrides?: readonly string[];
  /** Worker threads (default: the machine's cores). */
  readonly threads?: number;
  /** Directory relative names are shown against (default: the process's). */
  readonly cwd?: string;
}

/** Replications of one resolved scenario, by replication index. */
interface Entry {
  readonly loaded: LoadedScenario;
  readonly values: (Float64Array | undefined)[];
  readonly outcomes: (ClosureOutcome | undefined)[];
}

class Job {
  cancelled = false;
  finished = false;
  /** Set once the job's runs are known; the executor leaves a job alone until then. */
  work: { entry: Entry; replication: number }[] | undefined;
  whatIf?: Entry;
  base?: Entry;
  replications = 0;
  /** When the last `draft` event went out (performance.now()). */
  lastDraft = -Infinity;

  constructor(
    readonly id: number,
    private readonly sink: EventSink | undefined,
  ) {}

  /** Whether the job's events go to `sink`. */
  owns(sink: EventSink): boolean {
    return this.sink === sink;
  }

  get live(): boolean {
    return !this.cancelled && !this.finished;
  }

  /** Sends an event of the request, typed as the page reads it (ExploreEvent), with the request's id. */
  send<K extends keyof ExploreEvents>(event: K, data: ExploreEvents[K]): void {
    if (this.live) this.sink?.send(event, { id: this.id, ...(data as object) });
  }

  cancel(): void {
    if (!this.live) return;
    this.sink?.send('cancelled', { id: this.id });
    this.cancelled = true;
    this.sink?.end();
  }

  finish(): void {
    if (!this.live) return;
    this.finished = true;
    this.sink?.end();
  }
}

/** A small map that forgets the least recently used entry. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): V {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
    return value;
  }
}

/** The closing outcome of one replication's values (counted from the base year). */
function outcomeOf(scenario: Scenario, values: Float64Array): ClosureOutcome {
  const m = METRICS.length;
  const from = baseIndex(scenario);
  const years = values.length / m - from;
  const gaps = Float64Array.from({ length: years }, (_, y) => values[(from + y) * m + METRIC_INDEX.gap]);
  return closingYear(gaps, scenario.baseYear, scenario.closure.threshold, scenario.closure.sustainYears);
}

/** Lets pending I/O (an event just written) go out before a long synchronous step. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ExploreSession {
  readonly file: string;
  readonly cliOverrides: readonly string[];
  readonly base: LoadedScenario;
  readonly controls: Controls;
  readonly draft: Draft;
  readonly threads: number;
  private readonly apply: (overrides: readonly string[]) => LoadedScenario;
  private readonly baseInput: Record<string, unknown>;
  private readonly baseAbsolute: string;
  /** Where the session's numbers come from (the explored files with their sha-256, the command's overrides), read once at start. */
  readonly provenance: Provenance;
  private pool: EnginePool;
  private readonly loads = new Lru<LoadedScenario>(64);
  private readonly entries = new Lru<Entry>(CACHED_SCENARIOS);
  private readonly expected = new Lru<ExpectedView>(64);
  /** The scenario's recursion at the start of the base year: a what-if changes nothing before it, so its first answer resumes there. */
  private checkpoint: ExpectedCheckpoint | undefined;
  private active: Job | undefined;
  private nextId = 0;
  private pumping = false;
  private closed = false;
  /** Seconds one replication takes on one thread, times its scale (cost ∝ agents ∝ 1 / scale); undefined until timed. */
  private unitCost: number | undefined;
  private readonly watchers: { entry: Entry; progress: Progress; total: number }[] = [];
  /** Replications run so far (cached ones are not run again). */
  replicationsRun = 0;

  /** Reads the scenario and its extends chain (the only files a session reads) and checks the command's overrides. */
  constructor(options: SessionOptions) {
    this.file = options.file;
    this.cliOverrides = [...(options.overrides ?? [])];
    this.apply = scenarioLoader(options.file, { cwd: options.cwd });
    this.baseInput = this.apply([]).input;
    this.base = this.load([]);
    this.baseAbsolute = this.base.files.length > 0 ? resolvePath(options.cwd, this.base.files[this.base.files.length - 1]) : resolvePath(options.cwd, options.file);
    this.controls = exploreControls(this.base);
    // The record hashes the files as named; named against another directory than the process's, they are named absolutely.
    const named = options.cwd === undefined ? this.base : { ...this.base, files: this.base.files.map((f) => resolvePath(options.cwd, f)) };
    this.provenance = provenance('explore', [named], this.cliOverrides, { argv: ['explore', this.file, ...this.cliOverrides.flatMap((o) => ['--set', o])] });
    this.draft = defaultDraft(this.base);
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.pool = createEnginePool(this.threads);
  }

  /** The scenario with the command's overrides and `more`, blamed as `hiresim run FILE --set … --reps --seed` would blame them. */
  private load(more: readonly string[], draft = false): LoadedScenario {
    const overrides = [...this.cliOverrides, ...more];
    const key = overrides.join('\n');
    const cached = this.loads.get(key);
    if (cached) return cached;
    try {
      return this.loads.set(key, this.apply(overrides));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // The draft's replications and seed are the last two overrides: --reps and --seed on a run line.
      const flags = overrides.map((_, k) => (draft && k === overrides.length - 2 ? '--reps' : draft && k === overrides.length - 1 ? '--seed' : `--set #${k + 1}`));
      throw blameFlags(error, overrides, flags);
    }
  }

  /** The cache entry of a scenario's draft runs (the replications override left out of the key: values do not depend on it). */
  private entry(loaded: LoadedScenario, overrides: readonly string[]): Entry {
    const key = overrides.filter((o) => !o.startsWith('replications=')).join('\n');
    return this.entries.get(key) ?? this.entries.set(key, { loaded, values: [], outcomes: [] });
  }

  /** Seconds a draft should take on the pool, from the replications timed so far; undefined before any. */
  estimate(draft: Draft, runs = draft.replications): number | undefined {
    return this.unitCost === undefined ? undefined : (runs * this.unitCost) / draft.scale / Math.min(this.threads, Math.max(1, runs));
  }

  /** What the page needs to draw its controls. */
  setup(): ExploreSetup {
    const { scenario } = this.base;
    return {
      scenario: { name: scenario.name, description: scenario.description, file: this.file, hash: this.base.hash },
      startYear: firstYear(scenario),
      baseYear: scenario.baseYear,
      horizon: scenario.horizon,
      closure: scenario.closure,
      controls: this.controls,
      draft: this.draft,
      threads: this.threads,
      unitCost: this.unitCost ?? null,
      cliOverrides: this.cliOverrides,
      provenance: this.provenance,
    };
  }

  /**
   * Runs the scenario's own draft (so that the first what-if finds it cached), saying on `progress`
   * how it goes; a request that comes meanwhile takes over its remaining replications.
   */
  warmUp(progress?: Progress): void {
    const draft = draftOverrides(this.draft);
    const loaded = this.load(draft, true);
    const entry = this.entry(loaded, [...this.cliOverrides, ...draft]);
    if (progress) this.watchers.push({ entry, progress, total: this.draft.replications });
    const job = new Job(++this.nextId, undefined);
    job.base = entry;
    job.whatIf = entry;
    job.replications = this.draft.replications;
    job.work = Array.from({ length: this.draft.replications }, (_, r) => ({ entry, replication: r }));
    this.activate(job);
    void this.pump();
    // The scenario's first answer (and the checkpoint what-ifs resume from) is ready before the page asks.
    setImmediate(() => {
      try {
        if (!this.closed) this.expectedOf(this.base, []);
      } catch {
        // Nothing is cached, so the page's first request runs the recursion again and reports what
        // fails there (a positioned problem, or an internal error through the server), instead of
        // an exception escaping here and ending the server.
      }
    });
  }

  private activate(job: Job): void {
    this.active?.cancel();
    this.active = job;
  }

  /** Answers a view: events on `sink`, ending with `result`, `problem` or `cancelled`. */
  async request(body: unknown, sink: EventSink): Promise<void> {
    const job = new Job(++this.nextId, sink);
    this.activate(job);
    if (this.closed) return job.cancel();
    let state: ViewState;
    let changes: ControlOverride[];
    let whatIf: LoadedScenario;
    let base: LoadedScenario;
    try {
      state = parseViewState(body, this.controls);
      changes = viewOverrides(this.controls, state);
      const overrides = changes.map((c) => c.override);
      // The first answer before anything else: the recursion needs only the what-if itself.
      const model = this.load(overrides);
      job.send('expected', { same: changes.length === 0, base: this.expectedOf(this.base, []), whatIf: this.expectedOf(model, overrides) });
      await breathe();
      if (!job.live) return;
      const draft = draftOverrides(state.draft);
      whatIf = this.load([...overrides, ...draft], true);
      base = this.load(draft, true);
      // A draft whose agents would not fit in memory is refused as `run` refuses it, with the estimate.
      checkMemory(whatIf, this.threads);
      job.whatIf = this.entry(whatIf, [...this.cliOverrides, ...overrides, ...draft]);
      job.base = this.entry(base, [...this.cliOverrides, ...draft]);
      job.replications = state.draft.replications;
    } catch (error) {
      // A bad value, or one the recursion cannot take (a formula leaving its domain in some year), is the view's problem.
      if (!(error instanceof InputError)) throw error;
      job.send('problem', { messages: error.issues.map(formatIssue) });
      return job.finish();
    }
    const missing = (entry: Entry) => Array.from({ length: job.replications }, (_, r) => r).filter((r) => entry.values[r] === undefined).length;
    const ofBase = missing(job.base);
    const ofWhatIf = job.whatIf === job.base ? 0 : missing(job.whatIf);
    const runs = ofBase + ofWhatIf;
    const seconds = this.estimate(state.draft, runs);
    const R = job.replications;
    const what = job.whatIf === job.base ? `${ofBase} of the scenario's ${count(R, 'replication')} to run (nothing is changed; the rest are cached)` : `${ofWhatIf} of the what-if's and ${ofBase} of the scenario's ${count(R, 'replication')} to run, on the same seeds (the rest are cached)`;
    job.send('accepted', {
      changes: changes.map(({ path, label, override }) => ({ path, label, override })),
      command: copyCommand(this.file, this.cliOverrides, changes, state.draft),
      yaml: this.savedText(changes, state.draft, 'what-if.yaml'),
      hash: whatIf.hash,
      plan: `${runs === 0 ? `all ${count(R, 'replication')} cached` : what} at 1 agent = ${state.draft.scale} persons on ${count(this.threads, 'thread')}${seconds === undefined || runs === 0 ? '' : `, about ${duration(seconds)}`}`,
      seconds: seconds ?? null,
    });
    await breathe();
    if (!job.live) return;
    job.work = [];
    for (let r = 0; r < job.replications; r++) {
      if (job.base.values[r] === undefined) job.work.push({ entry: job.base, replication: r });
      if (job.whatIf !== job.base && job.whatIf.values[r] === undefined) job.work.push({ entry: job.whatIf, replication: r });
    }
    if (job.work.length === 0) return this.complete(job);
    this.sendDraft(job);
    void this.pump();
  }

  /** The expected-value answer of a scenario (cached by its overrides). */
  private expectedOf(loaded: LoadedScenario, overrides: readonly string[]): ExpectedView {
    const key = overrides.join('\n');
    const cached = this.expected.get(key);
    if (cached) return cached;
    const quick = { nodes: EXPECTED_NODES, steps: EXPECTED_STEPS };
    this.checkpoint ??= expectedCheckpoint(this.base.scenario, quick);
    return this.expected.set(key, expectedView(loaded.scenario, runExpected(loaded.scenario, { ...quick, from: this.checkpoint })));
  }

  /** Runs the active job's replications, a batch of one per thread at a time, until none is left or the session closes. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const job = this.active;
        if (this.closed || !job || !job.live || job.work === undefined) return;
        const batch: { entry: Entry; replication: number }[] = [];
        while (job.work.length > 0 && batch.length < this.threads) {
          const next = job.work.shift()!;
          if (next.entry.values[next.replication] === undefined && !batch.some((b) => b.entry === next.entry && b.replication === next.replication)) batch.push(next);
        }
        if (batch.length === 0) {
          this.complete(job);
          continue;
        }
        await this.runBatch(job, batch);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async runBatch(job: Job, batch: readonly { entry: Entry; replication: number }[]): Promise<void> {
    const list: RunList = {
      count: batch.length,
      run: (k) => ({ runId: k, scenarioId: k, scenario: batch[k].entry.loaded, replication: batch[k].replication, seed: batch[k].entry.loaded.scenario.seed }),
    };
    // Wall-clock time only feeds the cost estimate; it never enters a result.
    const started = performance.now();
    try {
      await this.pool.execute(list, (run, values) => {
        const { entry, replication } = batch[run.runId];
        entry.values[replication] = values;
        this.replicationsRun++;
        entry.outcomes[replication] = outcomeOf(entry.loaded.scenario, values);
        this.watch();
        if (job.live && job === this.active) this.sendDraft(job);
      });
    } catch (error) {
      // Closing the session stops the workers mid-run: nothing failed, and no pool is wanted.
      if (this.closed) return;
      // A failed list closes the pool (a worker may be mid-run): start another for the next request.
      this.pool = createEnginePool(this.threads);
      const messages = error instanceof InputError ? error.issues.map(formatIssue) : [`hiresim: ${(error as Error).message}`];
      job.send('problem', { messages });
      job.finish();
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    const perReplication = (seconds * Math.min(this.threads, batch.length)) / batch.length;
    const cost = perReplication * batch[0].entry.loaded.scenario.scale;
    this.unitCost = this.unitCost === undefined ? cost : 0.7 * this.unitCost + 0.3 * cost;
  }

  /** Moves the start-up plan line on as the scenario's draft fills, from whichever request filled it. */
  private watch(): void {
    for (const w of [...this.watchers]) {
      const done = w.entry.values.slice(0, w.total).filter((v) => v !== undefined).length;
      w.progress.update(done, w.total);
      if (done >= w.total) {
        w.progress.finish();
        this.watchers.splice(this.watchers.indexOf(w), 1);
      }
    }
  }

  /** Bands of the replications done so far in an entry (in replication order), or undefined before the first. */
  private partial(entry: Entry, replications: number) {
    const values = entry.values.slice(0, replications).filter((v): v is Float64Array => v !== undefined);
    return values.length === 0 ? undefined : draftView(summarize(entry.loaded, values));
  }

  private sendDraft(job: Job): void {
    const { base, whatIf } = job as Required<Job>;
    const R = job.replications;
    const done = (e: Entry) => e.values.slice(0, R).filter((v) => v !== undefined).length;
    const finished = done(whatIf) + (whatIf === base ? 0 : done(base));
    // Bands of every metric are summarised per event: at most a few events a second (the last
    // replication is followed by `result` anyway). Wall-clock time decides when, never what.
    const now = performance.now();
    if (finished > 0 && now - job.lastDraft < DRAFT_EVENT_MS) return;
    job.lastDraft = now;
    job.send('draft', {
      done: finished,
      total: whatIf === base ? R : 2 * R,
      whatIf: this.partial(whatIf, R),
      base: whatIf === base ? undefined : this.partial(base, R),
      difference: whatIf === base ? undefined : closingDifference(base.outcomes.slice(0, R), whatIf.outcomes.slice(0, R), base.loaded.scenario.horizon),
    });
  }

  /** The finished draft: every replication of both, summarised exactly as `hiresim run` does. */
  private complete(job: Job): void {
    const { base, whatIf } = job as Required<Job>;
    const R = job.replications;
    const summary = (e: Entry) => draftView(summarize(e.loaded, e.values.slice(0, R) as Float64Array[]));
    job.send('result', {
      whatIf: summary(whatIf),
      base: summary(base),
      same: whatIf === base,
      difference: closingDifference(base.outcomes.slice(0, R), whatIf.outcomes.slice(0, R), base.loaded.scenario.horizon),
      unitCost: this.unitCost ?? null,
    });
    job.finish();
  }

  private savedText(changes: readonly ControlOverride[], draft: Draft, fileName: string): string {
    return savedScenarioText({ baseFile: this.file, baseAbsolute: this.baseAbsolute, baseName: this.base.scenario.name, version: this.provenance.hiresim, files: this.provenance.scenarios[0]?.files, cliOverrides: this.cliOverrides, changes, draft }, fileName);
  }

  /**
   * Saves the view as a scenario file beside the explored one (never over a file), after checking
   * in memory that it loads to the view's scenario. Returns the file as shown, its text and the
   * command that runs the page's draft from it.
   */
  save(body: unknown): { file: string; text: string; command: string } {
    const { view, name } = (body ?? {}) as { view?: unknown; name?: unknown };
    const fileName = savedFileName(typeof name === 'string' ? name : '');
    const state = parseViewState(view, this.controls);
    const changes = viewOverrides(this.controls, state);
    const model = this.load(changes.map((c) => c.override));
    const text = this.savedText(changes, state.draft, fileName);
    checkRoundTrip(text, this.baseInput, model.hash);
    const written = writeSavedScenario(this.baseAbsolute, fileName, text);
    const shown = this.base.files.length > 0 ? joinShown(this.base.files[this.base.files.length - 1], fileName) : written;
    return { file: shown, text, command: copyCommand(shown, [], [], state.draft) };
  }

  /** The page behind `sink` went away: if its request is the running one, no more of its replications are scheduled. */
  abandon(sink: EventSink): void {
    if (this.active?.owns(sink)) this.active.cancel();
  }

  /** Cancels the running request and stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    this.active?.cancel();
    for (const w of this.watchers) w.progress.finish();
    this.watchers.length = 0;
    await this.pool.close();
  }
}

function resolvePath(cwd: string | undefined, file: string): string {
  return pathResolve(cwd ?? process.cwd(), file);
}

/** The saved file as the user would name it: beside the explored file, in the same terms. */
function joinShown(baseShown: string, fileName: string): string {
  return pathJoin(pathDirname(baseShown), fileName);
}
