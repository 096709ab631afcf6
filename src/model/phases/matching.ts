/**
 * Mechanism 5 — matching, in several rounds a year. The scheme is the urn–ball
 * model with several applications per seeker used by del Rio-Chanona et al.
 * (2021, J. R. Soc. Interface 18:20200898): every open posting is an urn.
 *
 * 1. The candidates are the qualified seekers without a GenAI job. Each holds
 *    `applications` applications a round, of which each reaches a decision
 *    this round with probability `screening`.
 * 2. A screened application goes to a posting: a firm drawn with probability
 *    ∝ its open postings × (segment pay ÷ adjacent pay)^payWeight, then one of
 *    its postings at random.
 * 3. Each posting with applicants offers the job to the most skilled of them.
 * 4. Each candidate accepts the best-paid offer. Offers not taken leave their
 *    postings open: the coordination friction that makes vacancies and
 *    seekers coexist.
 *
 * Because urns are postings, not firms, expected hires per posting and per
 * candidate do not depend on how many persons an agent stands for.
 * Unqualified seekers do not apply: firms would not hire them. Job changers
 * are quitters who search (quitRound) before their next job. The counts at
 * the start of each round feed the gap (see metrics.ts).
 */
import { checkCapacity } from '../capacity.js';
import { hire, separate } from '../employment.js';
import { Status } from '../population.js';
import { isQualified, skillScore } from '../qualification.js';
import { binomial, BinomialTable, lognormalMultiplier, perRound, stochasticRound } from '../sampling.js';
import type { Parameters } from '../params.js';
import type { SimState } from '../state.js';

/** The year's pool of qualified job seekers without a GenAI job: set when matching starts, joined by quitters. */
export interface MatchingYear {
  readonly seekers: number[];
  /** Each seeker's skill score (parallel to `seekers`): skills do not change within the year. */
  readonly scores: number[];
  /** Buffers reused by every round of the year (matchRound creates them). */
  scratch?: MatchingScratch;
}

/** Collects the qualified seekers once a year: only quitters join them between rounds. */
export function startMatching(state: SimState): MatchingYear {
  const { population, market } = state;
  const seeking = population.snapshot(Status.seeking);
  const seekers: number[] = [];
  const scores: number[] = [];
  for (let k = 0; k < seeking.length; k++) {
    const i = seeking[k];
    if (!isQualified(population, i, market.thresholds)) continue;
    seekers.push(i);
    scores.push(scoreOf(state, i));
  }
  return { seekers, scores };
}

/** How firms rank an applicant: mean skill, then experience as a tie-breaker. */
function scoreOf(state: SimState, i: number): number {
  return skillScore(state.population, i) + 0.001 * state.population.experience[i];
}

/**
 * Turnover is measured as departures over the year ÷ average headcount (LinkedIn's definition), and
 * quits happen all year among a staff that is refilled as it goes: a round's hazard is the yearly
 * rate ÷ rounds, so that quits over the year are the rate × the year's mean staff.
 */
export function quitHazard(yearlyRate: number, rounds: number): number {
  return Math.min(1, yearlyRate / rounds);
}

/**
 * The yearly quit rate: what is left of total turnover once exits from the field, retirement and
 * emigration are counted, so that every separation adds up to the observed turnover.
 */
export function quitRate(p: Parameters, y: number): number {
  return Math.max(0, p.attrition.turnover[y] - p.attrition.exitRate[y] - 1 / p.population.careerYears[y] - p.migration.emigrationRate[y]);
}

/**
 * Searches start and end through the year. Each round, Binomial(seekers, per-round hazard) seekers
 * give up on GenAI work and take other work (they leave the market), and Binomial(employed,
 * per-round hazard) GenAI workers quit to seek another GenAI job, searching alongside everyone else.
 */
export function quitRound(state: SimState, year: MatchingYear): void {
  const { population } = state;
  const rng = state.streams.quits;
  const rounds = state.scenario.matching.rounds;
  const giveUp = population.sample(Status.seeking, binomial(population.size[Status.seeking], perRound(state.params.attrition.seekerExitRate[state.yearIndex], rounds), rng), rng);
  for (let k = 0; k < giveUp.length; k++) population.leave(giveUp[k]);
  state.counters.exits += giveUp.length;
  // Those hired or gone since the last round leave the pool, so that one who is hired and then quits is listed once.
  dropHired(year, state);
  const hazard = quitHazard(quitRate(state.params, state.yearIndex), rounds);
  const quitters = population.sample(Status.genai, binomial(population.size[Status.genai], hazard, rng), rng);
  for (let k = 0; k < quitters.length; k++) {
    const i = quitters[k];
    separate(state, i, Status.seeking);
    if (isQualified(population, i, state.market.thresholds)) {
      year.seekers.push(i);
      year.scores.push(scoreOf(state, i));
    }
  }
  state.counters.quits += quitters.length;
}

export function matchRound(state: SimState, year: MatchingYear): void {
  const { yearIndex: y, firms, segments, market } = state;
  const rng = state.streams.matching;
  const p = state.params.matching;
  const counters = state.counters;

  // Firms with open postings, the first posting id of each, and the cumulative application weights.
  const payWeight = p.payWeight[y];
  const scratch = buffers(year, state.active.length, segments.length);
  const { open, openIds, cumulative, first, segmentWeight } = scratch;
  for (let s = 0; s < segments.length; s++) segmentWeight[s] = Math.pow(segments[s].pay / market.adjacentPay, payWeight);
  let slots = 0;
  let totalWeight = 0;
  let totalOpen = 0;
  for (let f = 0; f < state.active.length; f++) {
    const firm = state.active[f];
    const v = firm.postings;
    if (v === 0) continue;
    open[slots] = v;
    openIds[slots] = firm.id;
    first[slots] = totalOpen;
    totalOpen += v;
    totalWeight += v * segmentWeight[firm.segment];
    cumulative[slots++] = totalWeight;
  }

  // Candidates: qualified seekers still looking (quitRound has usually dropped those hired already).
  dropHired(year, state);
  const seekers = year.seekers;
  counters.rounds++;
  counters.candidateRounds += seekers.length;
  counters.positionRounds += totalOpen;
  if (totalOpen === 0 || seekers.length === 0) return;

  // Candidates ordered by skill, best first (ties: pool order); firms see skills without error.
  const n = seekers.length;
  const key = candidateBuffers(scratch, n);
  rankKeys(year.scores, key);

  // Applications: each posting keeps its best applicant (the lowest key). A second application of
  // one candidate to one posting changes nothing, so it needs no check.
  const { bestKey, bestCandidate } = postingBuffers(scratch, totalOpen);
  const guide = guideTable(scratch.guide, cumulative, slots, totalWeight);
  const step = totalWeight / slots;
  const perCandidate = p.applications[y];
  const screening = p.screening[y];
  if (!Number.isInteger(perCandidate) || perCandidate * screening >= 0.5) {
    // One binomial per candidate (the count of applications rounded at random when fractional).
    const whole = Number.isInteger(perCandidate);
    const table = whole ? binomialTable(scratch, perCandidate, screening) : undefined;
    for (let c = 0; c < n; c++) {
      const count = table !== undefined ? table.draw(rng) : binomial(stochasticRound(perCandidate, rng), screening, rng);
      for (let a = 0; a < count; a++) {
        const slot = pick(cumulative, guide, slots, step, rng() * totalWeight);
        const posting = first[slot] + Math.floor(rng() * open[slot]);
        if (key[c] < bestKey[posting]) {
          bestKey[posting] = key[c];
          bestCandidate[posting] = c;
        }
      }
    }
  } else {
    // Few screened: their total is Binomial(n × perCandidate, screening), on distinct application
    // slots chosen uniformly (Floyd's algorithm), slot ÷ perCandidate being the candidate; the same
    // distribution as one binomial per candidate, in O(screened) rather than O(candidates).
    const total = n * perCandidate;
    const chosen = new Set<number>();
    for (let j = total - binomial(total, screening, rng); j < total; j++) {
      const t = Math.floor(rng() * (j + 1));
      chosen.add(chosen.has(t) ? j : t);
    }
    for (const application of chosen) {
      const c = Math.floor(application / perCandidate);
      const slot = pick(cumulative, guide, slots, step, rng() * totalWeight);
      const posting = first[slot] + Math.floor(rng() * open[slot]);
      if (key[c] < bestKey[posting]) {
        bestKey[posting] = key[c];
        bestCandidate[posting] = c;
      }
    }
  }

  // Postings in order offer their jobs to their best applicants; a candidate keeps the best-paid offer.
  const { bestPay, bestSlot, ties, offered } = scratch;
  bestPay.fill(-1, 0, n);
  let offers = 0;
  let slot = 0;
  for (let posting = 0; posting < totalOpen; posting++) {
    while (slot + 1 < slots && first[slot + 1] <= posting) slot++;
    if (bestKey[posting] === NO_APPLICANT) continue;
    const c = bestCandidate[posting];
    const pay = segments[firms[openIds[slot]].segment].pay;
    if (bestPay[c] < 0) {
      bestPay[c] = pay;
      bestSlot[c] = slot;
      ties[c] = 1;
      offered[offers++] = c;
    } else if (pay > bestPay[c]) {
      bestPay[c] = pay;
      bestSlot[c] = slot;
      ties[c] = 1;
    } else if (pay === bestPay[c] && rng() * ++ties[c] < 1) {
      // Equally paid offers: each is kept with equal probability, not the lowest posting id.
      bestSlot[c] = slot;
    }
  }

  // Candidates accept their best offer (in the order offers were first made); the posting is filled.
  const dispersion = state.params.wages.dispersion[y];
  for (let k = 0; k < offers; k++) {
    const c = offered[k];
    const i = seekers[c];
    const firm = firms[openIds[bestSlot[c]]];
    hire(state, i, firm, bestPay[c] * lognormalMultiplier(dispersion, rng), 'posting');
    counters.hires++;
    counters.postingsFilled++;
  }
}

/** Keeps in the year's pool only those still seeking (in order). */
function dropHired(year: MatchingYear, state: SimState): void {
  const { seekers } = year;
  const status = state.population.status;
  let still = 0;
  const { scores } = year;
  for (let k = 0; k < seekers.length; k++) {
    if (status[seekers[k]] !== Status.seeking) continue;
    scores[still] = scores[k];
    seekers[still++] = seekers[k];
  }
  seekers.length = still;
  scores.length = still;
}

/**
 * Buffers reused by every round of a year, grown when needed: a round allocates nothing. Per firm
 * slot, per segment, per candidate and per posting; and the table of the per-candidate binomial.
 */
interface MatchingScratch {
  open: Int32Array;
  openIds: Int32Array;
  cumulative: Float64Array;
  first: Int32Array;
  guide: Int32Array;
  segmentWeight: Float64Array;
  key: Float64Array;
  bestPay: Float64Array;
  bestSlot: Int32Array;
  ties: Int32Array;
  offered: Int32Array;
  bestKey: Float64Array;
  bestCandidate: Int32Array;
  binomial?: BinomialTable;
}

const roomFor = (needed: number) => Math.max(64, Math.ceil(needed * 1.5));

/** The year's per-firm and per-segment buffers, grown when firms are added. */
function buffers(year: MatchingYear, firms: number, segments: number): MatchingScratch {
  let s = year.scratch;
  if (!s) {
    const f = roomFor(firms);
    const none = new Int32Array(0);
    year.scratch = s = {
      open: new Int32Array(f),
      openIds: new Int32Array(f),
      cumulative: new Float64Array(f),
      first: new Int32Array(f),
      guide: new Int32Array(f),
      segmentWeight: new Float64Array(segments),
      key: new Float64Array(0),
      bestPay: new Float64Array(0),
      bestSlot: none,
      ties: none,
      offered: none,
      bestKey: new Float64Array(0),
      bestCandidate: none,
    };
  } else if (s.open.length < firms) {
    const f = roomFor(firms);
    s.open = new Int32Array(f);
    s.openIds = new Int32Array(f);
    s.cumulative = new Float64Array(f);
    s.first = new Int32Array(f);
    s.guide = new Int32Array(f);
  }
  return s;
}

/** The per-candidate buffers for `n` candidates; returns the key buffer. */
function candidateBuffers(s: MatchingScratch, n: number): Float64Array {
  if (s.key.length < n) {
    const c = roomFor(n);
    s.key = new Float64Array(c);
    s.bestPay = new Float64Array(c);
    s.bestSlot = new Int32Array(c);
    s.ties = new Int32Array(c);
    s.offered = new Int32Array(c);
  }
  return s.key;
}

/** The per-posting buffers for `postings` open postings, reset to "no applicant". */
function postingBuffers(s: MatchingScratch, postings: number): { bestKey: Float64Array; bestCandidate: Int32Array } {
  if (s.bestKey.length < postings) {
    checkCapacity(postings, 'open postings', 12);
    const c = Math.max(1024, Math.ceil(postings * 1.5));
    s.bestKey = new Float64Array(c);
    s.bestCandidate = new Int32Array(c);
  }
  s.bestKey.fill(NO_APPLICANT, 0, postings);
  return s;
}

/** The year's table of Binomial(applications, screening), kept while the two stay the same. */
function binomialTable(s: MatchingScratch, n: number, p: number): BinomialTable {
  if (!s.binomial || s.binomial.n !== n || s.binomial.p !== p) s.binomial = new BinomialTable(n, p);
  return s.binomial;
}

/**
 * Each candidate's key: lower is better, distinct, and ordered as firms rank candidates, by skill
 * score, best first, ties in pool order. Below RANK_KEY_LIMIT candidates the key is the quantised
 * (2 − score) and then the pool position in one exact double: comparing keys is comparing ranks, so
 * nothing needs sorting. Above it (pools of 65,536 or more, at scales near 1) the key is the rank by
 * the exact score.
 */
export function rankKeys(scores: readonly number[], key: Float64Array): void {
  const n = scores.length;
  if (n < RANK_KEY_LIMIT) {
    for (let c = 0; c < n; c++) key[c] = Math.round((2 - scores[c]) * SCORE_STEPS) * RANK_KEY_LIMIT + c;
    return;
  }
  // Rank by exact score, best first, ties in pool order, without a comparator sort (which cost a
  // fifth of a second per round at 360,000 candidates): the negated scores sorted as numbers, then each
  // candidate, in pool order, takes the first rank of its score not yet taken.
  const sorted = new Float64Array(n);
  for (let c = 0; c < n; c++) sorted[c] = -scores[c];
  sorted.sort();
  const taken = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const x = -scores[c];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    key[c] = lo + taken[lo]++;
  }
}

/** Scores are compared to 2^−26 (far finer than any difference of skills); keys stay exact in a double below 2^53. */
const SCORE_STEPS = 2 ** 26;
const RANK_KEY_LIMIT = 2 ** 16;

/** A posting's key while nobody has applied: above every candidate's. */
const NO_APPLICANT = Infinity;

/**
 * A guide table for `pick` (Chen & Asau 1974): guide[b] is the first slot whose cumulative weight
 * exceeds b × totalWeight ÷ slots, so a pick starts next to its answer instead of bisecting.
 */
export function guideTable(guide: Int32Array, cumulative: Float64Array, slots: number, totalWeight: number): Int32Array {
  const step = totalWeight / slots;
  let i = 0;
  for (let b = 0; b < slots; b++) {
    const bound = b * step;
    while (i < slots - 1 && cumulative[i] <= bound) i++;
    guide[b] = i;
  }
  return guide;
}

/**
 * The first slot below `count` whose cumulative weight exceeds u, the last if none does: the answer
 * of a bisection, found from the guide table's start by walking (back when rounding put the start
 * past the answer, forward to it), in a step or two on average.
 */
export function pick(cumulative: Float64Array, guide: Int32Array, count: number, step: number, u: number): number {
  // (A comparison, not Math.min: a zero total weight gives NaN, which must start at the last slot.)
  const b = Math.floor(u / step);
  let i = guide[b < count ? b : count - 1];
  while (i > 0 && cumulative[i - 1] > u) i--;
  while (i < count - 1 && cumulative[i] <= u) i++;
  return i;
}
