// The fuzzer's only source of randomness. Case k of seed S draws from its own stream, seeded by
// "S/k" alone, so a case is the same whether it runs in a campaign of 10 or 100,000 cases, on
// either child, or replayed alone with --case K.
import seedrandom from 'seedrandom';

/** A small random toolkit over one seedrandom stream. */
export function caseRandom(seed, k) {
  const next = seedrandom(`hiresim-fuzz/${seed}/${k}`);
  const r = {
    /** Uniform in [0, 1). */
    next,
    /** Integer in [lo, hi] inclusive. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** True with probability p. */
    chance: (p) => next() < p,
    /** One element of a non-empty array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** One element by weight: pairs of [weight, value]. */
    weighted: (pairs) => {
      let x = next() * pairs.reduce((s, [w]) => s + w, 0);
      for (const [w, v] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][1];
    },
  };
  return r;
}
