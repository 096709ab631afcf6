/**
 * Where two recorded commands differ (src/studies/sweep/command-difference.ts): the first differing
 * argument on both sides, with its flag, each cut to a window around the difference, so a
 * command-mismatch message shows the difference however long the commands are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandDifference, WINDOW } from '../../../src/studies/sweep/command-difference.js';

// Recorded arguments come from a file, so anything: also a "flag" of 300 characters.
const word = fc.oneof(fc.constantFrom('--set', '--param', '--reps', '--design', 'sweep', 'x.yaml'), fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => `--${s}`));
const argv = fc.array(word, { maxLength: 12 });

describe('commandDifference', () => {
  it('is undefined for the same arguments, and names the first differing position otherwise', () => {
    fc.assert(
      fc.property(argv, argv, (a, b) => {
        const d = commandDifference(a, b);
        let k = 0;
        while (k < Math.max(a.length, b.length) && a[k] === b[k]) k++;
        if (k === Math.max(a.length, b.length)) {
          expect(d).toBeUndefined();
          return;
        }
        expect(d?.position).toBe(k + 1);
        expect(d?.expected).toMatch(new RegExp(`^argument ${k + 1}: `));
        expect(d?.found).toMatch(new RegExp(`^argument ${k + 1}: `));
      }),
    );
  });

  it('stays short whatever the arguments hold: a flag and at most a window of its value on each side', () => {
    fc.assert(
      fc.property(argv, argv, (a, b) => {
        const d = commandDifference(a, b);
        // "argument N: ", then at most two words (a flag and its value), each cut to the window with its two marks.
        for (const side of d ? [d.expected, d.found] : []) expect(side.replace(/^argument \d+: /, '').length).toBeLessThanOrEqual(Math.max(2 * (WINDOW + 2) + 1, 'none (the command ends before it)'.length));
      }),
    );
  });

  it('a value after the same flag is shown with that flag', () => {
    expect(commandDifference(['sweep', 'x.yaml', '--set', 'scale=50'], ['sweep', 'x.yaml', '--set', 'scale=60'])).toEqual({ position: 4, expected: 'argument 4: --set scale=50', found: 'argument 4: --set scale=60' });
  });

  it('a different flag is shown with its value, and a shorter command says it ends', () => {
    expect(commandDifference(['run', 'x.yaml', '--set', 'seed=1'], ['run', 'x.yaml', '--param', 'a=0:1', '--set', 'seed=1'])).toEqual({ position: 3, expected: 'argument 3: --set seed=1', found: 'argument 3: --param a=0:1' });
    expect(commandDifference(['run', 'x.yaml'], ['run', 'x.yaml', '--set', 'seed=1'])).toEqual({ position: 3, expected: 'argument 3: none (the command ends before it)', found: 'argument 3: --set seed=1' });
  });

  it('a long formula that differs near its end is shown around the difference, quoted for a shell', () => {
    const formula = (end: string) => `demand.growth=${'0.01 + '.repeat(100)}${end}`;
    const d = commandDifference(['sweep', 'x.yaml', '--set', formula('0.5')], ['sweep', 'x.yaml', '--set', formula('0.7')]);
    expect(d?.expected).toMatch(/^argument 4: --set …[^…]*0\.5'$/);
    expect(d?.found).toMatch(/^argument 4: --set …[^…]*0\.7'$/);
    expect(d!.expected.length).toBeLessThan(100);
  });
});
