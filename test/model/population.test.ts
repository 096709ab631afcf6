/**
 * Population bookkeeping under random sequences of enter / move / leave / sample, checked after
 * every operation against a plain model (a map from slot to status): statuses, member lists,
 * positions in them, sizes, the free-slot reuse and the flow counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTSIDE, Origin, Population, STATUS_COUNT, type Status } from '../../src/model/population.js';
import { streamRng } from '../../src/random/seed-tree.js';
import { positions } from './helpers.js';

const FREE = 255;
const W = STATUS_COUNT + 1;

type Op =
  | { readonly kind: 'enter'; readonly status: Status }
  | { readonly kind: 'move'; readonly pick: number; readonly to: Status }
  | { readonly kind: 'leave'; readonly pick: number }
  | { readonly kind: 'sample'; readonly status: Status; readonly k: number };

const statusArb = fc.integer({ min: 0, max: STATUS_COUNT - 1 }) as fc.Arbitrary<Status>;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enter' as const), status: statusArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), to: statusArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sample' as const), status: statusArb, k: fc.integer({ min: 0, max: 12 }) }) },
);

/** Asserts the population matches the model exactly. */
function checkConsistent(pop: Population, model: Map<number, Status>, flows: Float64Array): void {
  expect(pop.highWater).toBeLessThanOrEqual(pop.capacity);
  for (let i = 0; i < pop.capacity; i++) {
    const expected = model.get(i);
    expect(pop.status[i], `slot ${i}`).toBe(expected ?? FREE);
    if (i >= pop.highWater) expect(expected).toBeUndefined();
  }
  const position = positions(pop);
  for (let s = 0; s < STATUS_COUNT; s++) {
    const list = Array.from(pop.members[s].subarray(0, pop.size[s]));
    const expected = [...model].filter(([, st]) => st === s).map(([i]) => i);
    expect([...list].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    list.forEach((i, k) => expect(position[i]).toBe(k));
  }
  expect(pop.alive).toBe(model.size);
  expect(Array.from(pop.flows)).toEqual(Array.from(flows));
}

describe('Population', () => {
  it('keeps statuses, member lists, positions, sizes and flows consistent under random operations', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 120 }), fc.integer(), (ops, seed) => {
        const pop = new Population(4); // starts at the minimum capacity, so it grows along the way
        const model = new Map<number, Status>();
        const flows = new Float64Array(W * W);
        const freed: number[] = [];
        const rng = streamRng(seed, 0, 'population-test');
        const alive = () => [...model.keys()].sort((a, b) => a - b);
        for (const op of ops) {
          switch (op.kind) {
            case 'enter': {
              const highWater = pop.highWater;
              const i = pop.enter(op.status, Origin.incumbent);
              expect(model.has(i)).toBe(false);
              // A freed slot is reused before the high-water mark moves.
              if (freed.length > 0) {
                expect(freed).toContain(i);
                expect(pop.highWater).toBe(highWater);
                freed.splice(freed.indexOf(i), 1);
              } else expect(i).toBe(highWater);
              expect(pop.employer[i]).toBe(-1);
              model.set(i, op.status);
              flows[OUTSIDE * W + op.status]++;
              break;
            }
            case 'move': {
              const slots = alive();
              if (slots.length === 0) break;
              const i = slots[op.pick % slots.length];
              const from = model.get(i)!;
              pop.move(i, op.to);
              model.set(i, op.to);
              if (from !== op.to) flows[from * W + op.to]++;
              break;
            }
            case 'leave': {
              const slots = alive();
              if (slots.length === 0) break;
              const i = slots[op.pick % slots.length];
              const from = model.get(i)!;
              pop.leave(i);
              model.delete(i);
              freed.push(i);
              flows[from * W + OUTSIDE]++;
              break;
            }
            case 'sample': {
              const chosen = Array.from(pop.sample(op.status, op.k, rng));
              const members = [...model].filter(([, s]) => s === op.status).map(([i]) => i);
              expect(chosen).toHaveLength(Math.min(op.k, members.length));
              expect(new Set(chosen).size).toBe(chosen.length);
              for (const i of chosen) expect(model.get(i)).toBe(op.status);
              break;
            }
          }
          checkConsistent(pop, model, flows);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('samples uniformly: each of 10 members is drawn about k/n of the time', () => {
    const pop = new Population(16);
    for (let k = 0; k < 10; k++) pop.enter(4, Origin.immigrant);
    const rng = streamRng('sample-uniformity', 0, 'test');
    const hits = new Float64Array(10);
    const draws = 20_000;
    for (let d = 0; d < draws; d++) for (const i of pop.sample(4, 3, rng)) hits[i]++;
    // Each member is in a sample with probability 3/10: 6000 expected, sd ≈ 65; allow 5 sd.
    for (const h of hits) expect(Math.abs(h - draws * 0.3)).toBeLessThan(5 * Math.sqrt(draws * 0.3 * 0.7));
  });

  it('gives entrants the lowest free slots first once the free slots are ordered (property over which agents left)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 49 }), { minLength: 1, maxLength: 30 }), (leavers) => {
        const pop = new Population(64);
        for (let k = 0; k < 50; k++) pop.enter(3, Origin.adjacent);
        for (const i of leavers) pop.leave(i);
        pop.orderFreeSlots();
        const slots = leavers.map(() => pop.enter(4, Origin.immigrant));
        expect(slots).toEqual([...leavers].sort((a, b) => a - b));
        // No slot was taken twice, and none past the slots ever used.
        expect(pop.highWater).toBe(50);
      }),
      { numRuns: 100 },
    );
  });

  it('returns samples and snapshots that stay as drawn while the chosen agents move', () => {
    const pop = new Population(16);
    for (let k = 0; k < 12; k++) pop.enter(3, Origin.adjacent);
    const rng = streamRng('sample-buffer', 0, 'test');
    const chosen = pop.sample(3, 5, rng);
    const copy = Array.from(chosen);
    const listed = pop.snapshot(3);
    const listedCopy = Array.from(listed);
    for (const i of copy) pop.move(i, 4);
    expect(Array.from(chosen)).toEqual(copy);
    expect(Array.from(listed)).toEqual(listedCopy);
    expect(pop.size[3]).toBe(7);
  });

  it('reserve makes room in a member list without changing its members, their order or their positions', () => {
    const pop = new Population(64);
    for (let k = 0; k < 20; k++) pop.enter(k % 2 === 0 ? 3 : 4, Origin.adjacent);
    pop.sample(3, 6, streamRng('reserve', 0, 'test'));
    const before = Array.from(pop.snapshot(3));
    pop.reserve(3, 1000);
    expect(pop.members[3].length).toBeGreaterThanOrEqual(1000);
    expect(Array.from(pop.snapshot(3))).toEqual(before);
    // Positions still point into the list: moving one member out keeps the others listed.
    pop.move(before[0], 4);
    expect(Array.from(pop.snapshot(3)).sort((a, b) => a - b)).toEqual(before.slice(1).sort((a, b) => a - b));
  });

  it('resetFlows clears the counts but not the stocks', () => {
    const pop = new Population(16);
    const a = pop.enter(4, Origin.immigrant);
    pop.move(a, 2);
    pop.resetFlows();
    expect(Array.from(pop.flows).every((x) => x === 0)).toBe(true);
    expect(pop.size[2]).toBe(1);
    expect(pop.alive).toBe(1);
  });
});
