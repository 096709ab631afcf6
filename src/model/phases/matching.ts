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
import { Status } from '../population.js';
import { isQualified, skillScore } from '../qualification.js';
import { binomial, lognormalMultiplier, perRound, stochasticRound } from '../sampling.js';
import type { Parameters } from '../params.js';
import type { SimState } from '../state.js';

/** The year's pool of qualified job seekers without a GenAI job: set when matching starts, joined by quitters. */
export interface MatchingYear {
  readonly seekers: number[];
  /** Each seeker's skill score (parallel to `seekers`): skills do not change within the year. */
  readonly scores: number[];
  /** Each posting's best applicant this round (a rank), a buffer reused all year. */
  best?: Int32Array;
  scratch?: { open: Int32Array; openIds: Int32Array; cumulative: Float64Array; first: Int32Array };
}

/** Collects the qualified seekers once a year: only quitters join them between rounds. */
export function startMatching(state: SimState): MatchingYear {
  const { population, market } = state;
  const seekers = Array.from(population.snapshot(Status.seeking)).filter((i) => isQualified(population, i, market.thresholds));
  return { seekers, scores: seekers.map((i) => scoreOf(state, i)) };
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
  const { population, firms } = state;
  const rng = state.streams.quits;
  const rounds = state.scenario.matching.rounds;
  const giveUp = population.sample(Status.seeking, binomial(population.size[Status.seeking], perRound(state.params.attrition.seekerExitRate[state.yearIndex], rounds), rng), rng);
  for (const i of giveUp) population.leave(i);
  state.counters.exits += giveUp.length;
  // Those hired or gone since the last round leave the pool, so that one who is hired and then quits is listed once.
  dropHired(year, state);
  const hazard = quitHazard(quitRate(state.params, state.yearIndex), rounds);
  const quitters = population.sample(Status.genai, binomial(population.size[Status.genai], hazard, rng), rng);
  for (const i of quitters) {
    firms[population.employer[i]].employees--;
    population.employer[i] = -1;
    population.cliffYear[i] = 0;
    population.move(i, Status.seeking);
    if (isQualified(population, i, state.market.thresholds)) {
      year.seekers.push(i);
      year.scores.push(scoreOf(state, i));
    }
  }
  state.counters.quits += quitters.length;
}

export function matchRound(state: SimState, year: MatchingYear): void {
  const { yearIndex: y, population, firms, segments, market } = state;
  const rng = state.streams.matching;
  const p = state.params.matching;
  const counters = state.counters;

  // Firms with open postings, the first posting id of each, and the cumulative application weights.
  const payWeight = p.payWeight[y];
  const segmentWeight = segments.map((segment) => Math.pow(segment.pay / market.adjacentPay, payWeight));
  const { open, openIds, cumulative, first } = buffers(year, state.active.length);
  let slots = 0;
  let totalWeight = 0;
  let totalOpen = 0;
  for (const firm of state.active) {
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

  // Candidates ranked by skill, best first (ties: pool order); firms see skills without error.
  const n = seekers.length;
  const rank = rankBySkill(year.scores);
  const candidateOfRank = new Int32Array(n);
  for (let c = 0; c < n; c++) candidateOfRank[rank[c]] = c;

  // Applications: each posting keeps its best applicant (the lowest rank). A second application of
  // one candidate to one posting changes nothing, so it needs no check.
  const best = bestApplicant(year, totalOpen);
  screenedApplications(n, p.applications[y], p.screening[y], rng, (c) => {
    const slot = pick(cumulative, slots, rng() * totalWeight);
    const posting = first[slot] + Math.floor(rng() * open[slot]);
    if (rank[c] < best[posting]) best[posting] = rank[c];
  });

  // Postings in order offer their jobs to their best applicants; a candidate keeps the best-paid offer.
  const bestPay = new Float64Array(n).fill(-1);
  const bestSlot = new Int32Array(n);
  const ties = new Int32Array(n);
  const offered: number[] = [];
  let slot = 0;
  for (let posting = 0; posting < totalOpen; posting++) {
    while (slot + 1 < slots && first[slot + 1] <= posting) slot++;
    if (best[posting] === NO_APPLICANT) continue;
    const c = candidateOfRank[best[posting]];
    const pay = segments[firms[openIds[slot]].segment].pay;
    if (bestPay[c] < 0) {
      bestPay[c] = pay;
      bestSlot[c] = slot;
      ties[c] = 1;
      offered.push(c);
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
  for (const c of offered) {
    const i = seekers[c];
    const firm = firms[openIds[bestSlot[c]]];
    population.move(i, Status.genai);
    population.employer[i] = firm.id;
    population.cliffYear[i] = 0;
    population.pay[i] = bestPay[c] * lognormalMultiplier(dispersion, rng);
    firm.employees++;
    firm.postings--;
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

/** Per-firm buffers for the rounds of one year, grown when firms are added. */
function buffers(year: MatchingYear, firms: number): NonNullable<MatchingYear['scratch']> {
  if (!year.scratch || year.scratch.open.length < firms) {
    const size = Math.max(64, Math.ceil(firms * 1.25));
    year.scratch = { open: new Int32Array(size), openIds: new Int32Array(size), cumulative: new Float64Array(size), first: new Int32Array(size) };
  }
  return year.scratch;
}

/**
 * Each of `n` candidates sends `perCandidate` applications and each is screened to a decision this
 * round with probability `screening`; calls `apply(candidate)` once per screened application. When few
 * are screened (a candidate's expected count below one half) and the count of applications is whole,
 * the screened ones are drawn in O(screened) rather than O(candidates): their total is
 * Binomial(n × perCandidate, screening) and they fall on distinct application slots chosen uniformly
 * (Floyd's algorithm), slot ÷ perCandidate being the candidate, which is the same distribution as one
 * binomial per candidate; otherwise one binomial per candidate.
 */
function screenedApplications(n: number, perCandidate: number, screening: number, rng: () => number, apply: (c: number) => void): void {
  if (n === 0) return;
  if (!Number.isInteger(perCandidate) || perCandidate * screening >= 0.5) {
    const whole = Number.isInteger(perCandidate);
    for (let c = 0; c < n; c++) {
      const count = binomial(whole ? perCandidate : stochasticRound(perCandidate, rng), screening, rng);
      for (let a = 0; a < count; a++) apply(c);
    }
    return;
  }
  const slots = n * perCandidate;
  const chosen = new Set<number>();
  for (let j = slots - binomial(slots, screening, rng); j < slots; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  for (const slot of chosen) apply(Math.floor(slot / perCandidate));
}

/** Each candidate's rank by skill score, best 0; ties keep pool order. */
function rankBySkill(scores: readonly number[]): Int32Array {
  const n = scores.length;
  const rank = new Int32Array(n);
  if (n < RANK_KEY_LIMIT) {
    // Sorting numbers is much faster than sorting with a comparator: key = quantised (2 − score), then pool order.
    const keys = new Float64Array(n);
    for (let c = 0; c < n; c++) keys[c] = Math.round((2 - scores[c]) * SCORE_STEPS) * RANK_KEY_LIMIT + c;
    keys.sort();
    for (let r = 0; r < n; r++) rank[keys[r] % RANK_KEY_LIMIT] = r;
    return rank;
  }
  const order = Array.from({ length: n }, (_, c) => c).sort((a, b) => scores[b] - scores[a] || a - b);
  for (let r = 0; r < n; r++) rank[order[r]] = r;
  return rank;
}

/** Scores are compared to 2^−26 (far finer than any difference of skills); keys stay exact in a double below 2^53. */
const SCORE_STEPS = 2 ** 26;
const RANK_KEY_LIMIT = 2 ** 16;

const NO_APPLICANT = 0x7fffffff;

/** The year's buffer of each posting's best applicant, reset for this round's `postings`. */
function bestApplicant(year: MatchingYear, postings: number): Int32Array {
  if (!year.best || year.best.length < postings) year.best = new Int32Array(Math.max(1024, Math.ceil(postings * 1.5)));
  const best = year.best;
  best.fill(NO_APPLICANT, 0, postings);
  return best;
}

/** The first index below `count` whose cumulative weight exceeds u (binary search). */
function pick(cumulative: Float64Array, count: number, u: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
