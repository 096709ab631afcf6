/**
 * Workers as a struct of typed arrays (one slot per agent; an agent stands for
 * `scale` persons). Objects per person cost 6–7× the memory and long GC
 * pauses at millions of agents; typed arrays cost about 55 bytes per agent
 * here, member lists included.
 *
 * Every status change goes through `enter`, `move` and `leave`, which keep a
 * member list per status (so phases touch only the agents concerned, never
 * scan everyone) and count each transition in `flows`: the stock-flow
 * identity (entrants − leavers = change in stock, for every status) is
 * checked against these counts.
 */
import { checkCapacity } from './capacity.js';
import { SlotSet } from './slot-set.js';
import { SKILLS } from '../scenario/schema.js';

/** Where a worker is. The market's statuses; people outside it are not stored. */
export const Status = {
  student: 0,
  trainee: 1,
  /** Employed in GenAI work at a simulated firm. */
  genai: 2,
  /** Employed in adjacent (non-GenAI) software work. */
  adjacent: 3,
  /** Seeking GenAI work without a GenAI job (qualified or not). */
  seeking: 4,
} as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ['student', 'trainee', 'genai', 'adjacent', 'seeking'] as const;
export const STATUS_COUNT = STATUS_NAMES.length;
/** The source and sink of flows: people entering or leaving the market (births, migration, retirement, exits). */
export const OUTSIDE = STATUS_COUNT;
const FREE = 255;

/** Where a worker came from, so that supply can be attributed to its source. */
export const Origin = {
  /** In the market when the simulation starts. */
  incumbent: 0,
  graduate: 1,
  upskilled: 2,
  switcher: 3,
  immigrant: 4,
  adjacent: 5,
} as const;
export type Origin = (typeof Origin)[keyof typeof Origin];
export const ORIGIN_NAMES = ['incumbent', 'graduate', 'upskilled', 'switcher', 'immigrant', 'adjacent'] as const;

export const SKILL_COUNT = SKILLS.length;

export class Population {
  capacity: number;
  /** Slots ever used; slots at or above this are untouched. */
  highWater = 0;

  status!: Uint8Array;
  origin!: Uint8Array;
  /**
   * Skills, interleaved: agent i's skill d is skills[i * SKILL_COUNT + d], each in [0, 1]. An agent's
   * five skills share a cache line, which matters when phases visit agents in random order.
   */
  skills!: Float32Array;
  /** Learning speed multiplier, median 1. */
  aptitude!: Float32Array;
  /**
   * Whole years worked in GenAI (set at 0–9 at the start, one more each year): at most 410 with the
   * longest burn-in (200 years) and horizon (201 years), so two bytes hold it exactly.
   */
  experience!: Uint16Array;
  /** Firm index for GenAI workers and the sponsor of corporate trainees; -1 otherwise. */
  employer!: Int32Array;
  /** Annual pay (USD) for GenAI workers. */
  pay!: Float32Array;
  /** University or upskilling programme index for students and trainees. */
  programme!: Int16Array;
  /** Years left in a university programme; months left in an upskilling programme. */
  timer!: Float32Array;
  /** Year when an acqui-hired worker's retention package vests (0: none). */
  cliffYear!: Int16Array;
  /** Position of the agent in its status's member list. */
  private position!: Int32Array;

  /** Member lists per status (first `size[s]` entries are valid). */
  readonly members: Int32Array[] = [];
  readonly size = new Int32Array(STATUS_COUNT);
  /** The buffers `sample` and `snapshot` return views of. */
  private sampled = new Int32Array(0);
  private listed = new Int32Array(0);
  /**
   * Sets of slots a phase uses while it runs, empty between uses: to visit a sample in slot order
   * (`chosen`) and to remember which of it passed a test (`marked`). See switching.ts.
   */
  readonly chosen = new SlotSet();
  readonly marked = new SlotSet();
  private free = new Int32Array(0);
  private freeCount = 0;

  /** Transitions this year, in agents: flows[from * (STATUS_COUNT + 1) + to], OUTSIDE included. */
  readonly flows = new Float64Array((STATUS_COUNT + 1) * (STATUS_COUNT + 1));

  constructor(initialCapacity: number) {
    this.capacity = 0;
    for (let s = 0; s < STATUS_COUNT; s++) this.members.push(new Int32Array(0));
    this.grow(Math.max(16, initialCapacity));
  }

  /** Agents currently in the market. */
  get alive(): number {
    let n = 0;
    for (let s = 0; s < STATUS_COUNT; s++) n += this.size[s];
    return n;
  }

  /** A new agent entering the market from outside. Its attributes must be set by the caller. */
  enter(status: Status, origin: Origin): number {
    let i: number;
    if (this.freeCount > 0) i = this.free[--this.freeCount];
    else {
      if (this.highWater === this.capacity) this.grow(Math.ceil(this.capacity * 1.5));
      i = this.highWater++;
    }
    this.origin[i] = origin;
    this.employer[i] = -1;
    this.pay[i] = 0;
    this.programme[i] = -1;
    this.timer[i] = 0;
    this.cliffYear[i] = 0;
    this.experience[i] = 0;
    this.addMember(i, status);
    this.flows[OUTSIDE * (STATUS_COUNT + 1) + status]++;
    return i;
  }

  /**
   * Makes room in a status's member list for `count` members at once. A list grows by half when
   * full, and while it grows the old and the new list are both held: for the 30 M adjacent workers of
   * a world run that transient was the run's peak memory (≈ 3 bytes/agent over the arrays).
   */
  reserve(status: Status, count: number): void {
    const list = this.members[status];
    if (list.length >= count) return;
    const bigger = new Int32Array(count);
    bigger.set(list.subarray(0, this.size[status]));
    this.members[status] = bigger;
  }

  /** Moves an agent between statuses, counting the flow. */
  move(i: number, to: Status): void {
    const from = this.status[i];
    if (from === to) return;
    this.removeMember(i, from);
    this.addMember(i, to);
    this.flows[from * (STATUS_COUNT + 1) + to]++;
  }

  /** The agent leaves the market (retires, emigrates, exits the field); its slot is reused. */
  leave(i: number): void {
    const from = this.status[i];
    this.removeMember(i, from);
    this.status[i] = FREE;
    this.employer[i] = -1;
    if (this.freeCount === this.free.length) {
      const bigger = new Int32Array(Math.max(64, this.free.length * 2));
      bigger.set(this.free);
      this.free = bigger;
    }
    this.free[this.freeCount++] = i;
    this.flows[from * (STATUS_COUNT + 1) + OUTSIDE]++;
  }

  /**
   * Draws `k` distinct members of a status uniformly at random (partial Fisher–Yates over the member
   * list). Returns a copy, so the caller may move the chosen agents; the copy lives in a buffer the
   * population reuses (a year step allocates no arrays), so it is valid until the next `sample`.
   */
  sample(status: Status, k: number, rng: () => number): Int32Array {
    const list = this.members[status];
    const n = this.size[status];
    const take = Math.min(k, n);
    for (let j = 0; j < take; j++) {
      const r = j + Math.floor(rng() * (n - j));
      const a = list[j];
      const b = list[r];
      list[j] = b;
      list[r] = a;
      this.position[b] = j;
      this.position[a] = r;
    }
    if (this.sampled.length < take) this.sampled = new Int32Array(Math.ceil(take * 1.5));
    this.sampled.set(list.subarray(0, take));
    return this.sampled.subarray(0, take);
  }

  /**
   * Orders the free slots so that the next entrants take them lowest first: phases that add many
   * agents at once (a cohort, the year's adjacent arrivals) then write each array in memory order
   * rather than at the scattered slots of the year's leavers. Which slot an agent occupies is a label
   * only (nothing is ordered by it), so results do not change.
   */
  orderFreeSlots(): void {
    // Sorted through a bitmap (O(free + slots / 32)): a comparison sort of the typed array took
    // about 1.5% of a year's step.
    const free = this.free;
    let k = this.freeCount;
    for (let j = 0; j < k; j++) this.chosen.add(free[j]);
    // Lowest last: entrants take free slots from the end of the list.
    this.chosen.drain((i) => {
      free[--k] = i;
    });
  }

  /**
   * A copy of the members of a status (phases iterate over this while moving agents), in a buffer
   * the population reuses: valid until the next `snapshot`.
   */
  snapshot(status: Status): Int32Array {
    const n = this.size[status];
    if (this.listed.length < n) this.listed = new Int32Array(Math.ceil(n * 1.5));
    this.listed.set(this.members[status].subarray(0, n));
    return this.listed.subarray(0, n);
  }

  resetFlows(): void {
    this.flows.fill(0);
  }

  /** Bytes held by the typed arrays (for the memory benchmark). */
  bytes(): number {
    let total = this.status.byteLength + this.origin.byteLength + this.aptitude.byteLength;
    total += this.experience.byteLength + this.employer.byteLength + this.pay.byteLength + this.programme.byteLength;
    total += this.timer.byteLength + this.cliffYear.byteLength + this.position.byteLength + this.free.byteLength;
    total += this.skills.byteLength;
    total += this.sampled.byteLength + this.listed.byteLength + this.chosen.byteLength + this.marked.byteLength;
    for (const m of this.members) total += m.byteLength;
    return total;
  }

  private addMember(i: number, status: Status): void {
    let list = this.members[status];
    const n = this.size[status];
    if (n === list.length) {
      const bigger = new Int32Array(Math.max(16, Math.ceil(list.length * 1.5)));
      bigger.set(list);
      this.members[status] = list = bigger;
    }
    list[n] = i;
    this.position[i] = n;
    this.size[status] = n + 1;
    this.status[i] = status;
  }

  private removeMember(i: number, status: number): void {
    const list = this.members[status];
    const last = --this.size[status];
    const p = this.position[i];
    const moved = list[last];
    list[p] = moved;
    this.position[moved] = p;
  }

  private grow(capacity: number): void {
    // Every per-agent array together, with the member lists: about 55 bytes an agent (64 allowed for their growth).
    checkCapacity(capacity, 'agents', 64);
    const copy = <T extends Uint8Array | Uint16Array | Int16Array | Int32Array | Float32Array>(old: T | undefined, make: (n: number) => T, fill?: number): T => {
      const next = make(capacity);
      if (fill !== undefined) next.fill(fill);
      if (old) next.set(old);
      return next;
    };
    this.status = copy(this.status, (n) => new Uint8Array(n), FREE);
    this.origin = copy(this.origin, (n) => new Uint8Array(n));
    const skills = new Float32Array(capacity * SKILL_COUNT);
    if (this.skills) skills.set(this.skills);
    this.skills = skills;
    this.aptitude = copy(this.aptitude, (n) => new Float32Array(n));
    this.experience = copy(this.experience, (n) => new Uint16Array(n));
    this.employer = copy(this.employer, (n) => new Int32Array(n), -1);
    this.pay = copy(this.pay, (n) => new Float32Array(n));
    this.programme = copy(this.programme, (n) => new Int16Array(n), -1);
    this.timer = copy(this.timer, (n) => new Float32Array(n));
    this.cliffYear = copy(this.cliffYear, (n) => new Int16Array(n));
    this.position = copy(this.position, (n) => new Int32Array(n));
    this.chosen.grow(capacity);
    this.marked.grow(capacity);
    this.capacity = capacity;
  }
}
