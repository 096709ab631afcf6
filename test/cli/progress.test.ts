/**
 * The plan line: what a command is about to run, said at once on stderr (also in a pipe), completed
 * by an estimate from the first units timed, with no bar and no carriage returns off a terminal.
 */
import { describe, expect, it } from 'vitest';
import { duration, planProgress } from '../../src/cli/progress.js';

/** A non-terminal stream that keeps what is written, and a clock the test moves. */
function fakes() {
  let written = '';
  let t = 0;
  const stream = { isTTY: false, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, now: () => t, tick: (ms: number) => (t += ms), text: () => written };
}

describe('planProgress', () => {
  it('names the work at once, then completes the one line with an estimate that leaves out start-up', () => {
    const f = fakes();
    const p = planProgress('run: 40 replications on 2 threads', { parallel: 2, unit: 'replications', stream: f.stream, now: f.now });
    expect(f.text()).toBe('hiresim: run: 40 replications on 2 threads …');
    // The first two replications pay 3 s of start-up; then each pair takes 1 s.
    f.tick(4000);
    p.update(1, 40);
    p.update(2, 40);
    expect(f.text()).not.toContain('\n');
    // Then each pair takes 1 s; the rate is read once a fifth of the study (8 replications) is done.
    for (let d = 3; d <= 7; d++) {
      if (d % 2 === 1) f.tick(1000);
      p.update(d, 40);
    }
    expect(f.text()).not.toContain('\n');
    p.update(8, 40);
    // 7 s so far, 32 left at 0.5 s each: 23 s in all (not 4 s ÷ 2 × 40 = 80 s).
    expect(f.text()).toBe('hiresim: run: 40 replications on 2 threads … about 23 s in all (8 of 40 replications took 7 s)\n');
    for (let d = 9; d <= 40; d++) p.update(d, 40);
    p.finish();
    expect(f.text().split('\n')).toHaveLength(2);
    expect(f.text()).not.toContain('\r');
  });

  it('reports the time of a study that ends before it can be estimated', () => {
    const f = fakes();
    const p = planProgress('run: 2 replications', { parallel: 2, stream: f.stream, now: f.now });
    f.tick(1500);
    p.update(1, 2);
    p.update(2, 2);
    p.finish();
    expect(f.text()).toBe('hiresim: run: 2 replications … done in 2 s\n');
  });

  it('ends the line without claiming success when the study stops early', () => {
    const f = fakes();
    const p = planProgress('sweep: 10 points', { stream: f.stream, now: f.now });
    p.finish();
    expect(f.text()).toBe('hiresim: sweep: 10 points …\n');
  });
});

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([duration(0.25), duration(12.4), duration(600), duration(7200)]).toEqual(['0.3 s', '12 s', '10.0 min', '2.0 h']);
  });
});
