/**
 * The explore session without a browser: events as a list. A newer request cancels the older (its
 * stream ends with `cancelled`, without a result, and none of its replications runs); the draft is
 * exactly `simulate` on the same overrides; a view asked again comes from the cache; a bad value
 * gets the message `hiresim run … --set` gives the same overrides.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ExploreSession, type EventSink } from '../../src/explore/session.js';
import { draftView } from '../../src/explore/view.js';
import { loadScenario } from '../../src/scenario/load.js';
import { simulate } from '../../src/studies/run.js';
import { loadBlamingFlags, overrideFlags, overridesOf } from '../../src/cli/simulation-options.js';
import { InputError, formatIssue } from '../../src/scenario/issues.js';
import { BASELINE } from '../helpers/problems.js';

/** A tiny session: no history, to 2028, coarse, two replications. */
const TINY = ['startYear=2025', 'horizon=2028', 'scale=400', 'replications=2'];
const DRAFT = { scale: 400, replications: 2, seed: 7 };
const SELF_STUDY = 'upskilling.selfStudyRate';

interface Collected {
  readonly sink: EventSink;
  readonly events: { event: string; data: Record<string, unknown> }[];
  readonly ended: Promise<void>;
  /** Resolves at the first event of this name. */
  on(event: string): Promise<Record<string, unknown>>;
}

function collect(): Collected {
  const events: Collected['events'] = [];
  const waiting: { event: string; resolve: (d: Record<string, unknown>) => void }[] = [];
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return {
    events,
    ended,
    sink: {
      send(event, data) {
        events.push({ event, data: data as Record<string, unknown> });
        for (const w of waiting.filter((w) => w.event === event)) w.resolve(data as Record<string, unknown>);
      },
      end,
    },
    on: (event) => {
      const seen = events.find((e) => e.event === event);
      return seen ? Promise.resolve(seen.data) : new Promise((resolve) => waiting.push({ event, resolve }));
    },
  };
}

const view = (values: Record<string, number | string>, levers: Record<string, boolean> = {}) => ({ levers, values, draft: DRAFT });

describe('an explore session', () => {
  const session = new ExploreSession({ file: BASELINE, overrides: TINY, threads: 1 });
  afterAll(() => session.close());

  it('cancels an older request when a newer one comes: the older ends without a result and runs nothing', async () => {
    const older = collect();
    const newer = collect();
    const first = session.request(view({ [SELF_STUDY]: 0.2 }), older.sink);
    await older.on('accepted');
    const second = session.request(view({ [SELF_STUDY]: 0.25 }), newer.sink);
    await Promise.all([first, second, older.ended, newer.ended]);
    expect(older.events.map((e) => e.event)).toEqual(['expected', 'accepted', 'cancelled']);
    const events = newer.events.map((e) => e.event);
    // The first answer comes first: the recursion needs neither the draft's plan nor the saved text.
    expect(events.slice(0, 2)).toEqual(['expected', 'accepted']);
    expect((await newer.on('expected')).same).toBe(false);
    expect(events[events.length - 1]).toBe('result');
    // The newer view's replications and the scenario's, two each; none of the older view's.
    expect(session.replicationsRun).toBe(4);
  });

  it('drafts exactly what simulate gives for the same overrides, against the scenario on the same seeds', async () => {
    const got = collect();
    await session.request(view({ [SELF_STUDY]: 0.25 }), got.sink);
    await got.ended;
    const result = (await got.on('result')) as { whatIf: unknown; base: unknown; same: boolean; difference: { pairs: number } };
    const seeds = ['scale=400', 'replications=2', 'seed=7'];
    const whatIf = await simulate(loadScenario(BASELINE, { overrides: [...TINY, 'upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 0.25"', ...seeds] }), { threads: 1 });
    const base = await simulate(loadScenario(BASELINE, { overrides: [...TINY, ...seeds] }), { threads: 1 });
    expect(result.whatIf).toEqual(draftView(whatIf.summary));
    expect(result.base).toEqual(draftView(base.summary));
    expect(result.same).toBe(false);
    expect(result.difference.pairs).toBe(2);
    // Asked again, it came from the cache: nothing more ran.
    expect(session.replicationsRun).toBe(4);
    expect((await got.on('accepted')).plan).toMatch(/^all 2 replications cached/);
  });

  it('answers the unchanged scenario as the scenario alone', async () => {
    const got = collect();
    await session.request(view({ [SELF_STUDY]: 0.151317 }, { tools: true }), got.sink);
    await got.ended;
    const accepted = await got.on('accepted');
    expect(accepted.changes).toEqual([]);
    expect(accepted.command).toBe(`hiresim run ${BASELINE} ${TINY.map((o) => `--set ${o}`).join(' ')} --set scale=400 --seed 7 --reps 2`);
    expect(((await got.on('result')) as { same: boolean }).same).toBe(true);
    expect((await got.on('expected')).same).toBe(true);
  });

  it('refuses a bad value with the message hiresim gives the same --set', async () => {
    const got = collect();
    await session.request(view({ [SELF_STUDY]: '1.5' }), got.sink);
    await got.ended;
    expect(got.events.map((e) => e.event)).toEqual(['problem']);
    const messages = (got.events[0].data as { messages: string[] }).messages;
    // What `hiresim run BASELINE --set … --reps 2 --seed 7` does with the same overrides (simulation-options.ts).
    const options = { overrides: [...TINY, 'upskilling.selfStudyRate="year <= 2025 ? 0.151317 : 1.5"', 'scale=400'], reps: 2, seed: '7' };
    let cli: string[] = [];
    try {
      loadBlamingFlags(BASELINE, overridesOf(options), overrideFlags(options));
    } catch (error) {
      cli = (error as InputError).issues.map(formatIssue);
    }
    expect(messages).toEqual(cli);
    expect(messages[0]).toMatch(/^--set #5:1:\d+ upskilling\.selfStudyRate: expected a formula giving a probability in \[0, 1\] in every year, found 1\.5 in 2026$/);
  });

  it('refuses a view with a switch or slider the scenario does not have, naming it', async () => {
    const got = collect();
    await session.request({ levers: { teleport: true }, values: {}, draft: DRAFT }, got.sink);
    await got.ended;
    expect((got.events[0].data as { messages: string[] }).messages[0]).toMatch(/^<request> levers\.teleport: expected one of the levers education, .*found "teleport"$/);
  });
});
