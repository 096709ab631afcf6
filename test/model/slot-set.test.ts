/**
 * SlotSet (src/model/slot-set.ts): a bitmap of agent slots that phases use to visit a sample in slot
 * order. Its iteration must give exactly the members, ascending, whatever the slots (word edges
 * 31/32 and the last slot included), and deleting while iterating must not skip any.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotSet } from '../../src/model/slot-set.js';

const CAPACITY = 200;
const slotsArb = fc.uniqueArray(fc.integer({ min: 0, max: CAPACITY - 1 }), { maxLength: 120 });

function members(set: SlotSet): number[] {
  const out: number[] = [];
  for (let i = set.next(0); i >= 0; i = set.next(i + 1)) {
    out.push(i);
    // A `next` that returned a slot again would loop for ever: fail instead.
    if (out.length > CAPACITY) throw new Error(`next() returned more members than slots: ${out.slice(0, 8).join(', ')}, …`);
  }
  return out;
}

/** A set of room CAPACITY holding `slots`. */
function setOf(slots: readonly number[]): SlotSet {
  const set = new SlotSet();
  set.grow(CAPACITY);
  for (const s of slots) set.add(s);
  return set;
}

const ascending = (slots: readonly number[]) => [...slots].sort((a, b) => a - b);

describe('SlotSet', () => {
  it('iterates its members in ascending order, once each (property over the slots added)', () => {
    fc.assert(
      fc.property(slotsArb, (slots) => {
        const set = setOf(slots);
        expect(members(set)).toEqual(ascending(slots));
        for (let s = 0; s < CAPACITY; s++) expect(set.has(s)).toBe(slots.includes(s));
        expect(set.isEmpty()).toBe(slots.length === 0);
      }),
      { numRuns: 200 },
    );
  });

  it('drain visits every member in ascending order, removing each, and leaves the set empty', () => {
    fc.assert(
      fc.property(slotsArb, (slots) => {
        const set = setOf(slots);
        const seen: number[] = [];
        set.drain((i) => {
          // Each is already removed when it is visited.
          expect(set.has(i)).toBe(false);
          seen.push(i);
        });
        expect(seen).toEqual(ascending(slots));
        expect(set.isEmpty()).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('finds members at word edges and the last slot, and next(from) skips those below from', () => {
    const set = new SlotSet();
    set.grow(96);
    for (const s of [0, 31, 32, 63, 64, 95]) set.add(s);
    expect(members(set)).toEqual([0, 31, 32, 63, 64, 95]);
    expect(set.next(1)).toBe(31);
    expect(set.next(32)).toBe(32);
    expect(set.next(33)).toBe(63);
    expect(set.next(96)).toBe(-1);
    set.delete(31);
    expect(set.has(31)).toBe(false);
    expect(set.next(1)).toBe(32);
  });

  it('keeps its members when it grows', () => {
    const set = new SlotSet();
    set.grow(40);
    set.add(3);
    set.add(39);
    set.grow(1000);
    set.add(999);
    expect(members(set)).toEqual([3, 39, 999]);
    expect(set.byteLength).toBe(4 * Math.ceil(1000 / 32));
  });
});
