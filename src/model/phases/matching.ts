/**
 * Mechanism 5 — matching, in several rounds a year. The scheme is the urn–ball
 * model with several applications per seeker used by del Rio-Chanona et al.
 * (2021, J. R. Soc. Interface 18:20200898), with pay-directed search:
 *
 * 1. Every firm's open positions are its target minus its staff (rounded with
 *    the firm's fixed dither, so totals are unbiased).
 * 2. The candidates are the qualified seekers without a GenAI job and the
 *    employed GenAI workers who search on the job this round. Each sends
 *    `applicationsUnemployed` (or `applicationsEmployed`) applications; each
 *    application goes to a firm with probability ∝ open positions × pay^payWeight
 *    (balls thrown into urns).
 * 3. Each firm offers its open positions to its most skilled applicants.
 * 4. Each candidate accepts the best-paid offer (an employed one only if it pays
 *    more than the current job). Offers not taken leave the position open for
 *    the next round: the coordination friction that makes vacancies and
 *    unemployment coexist.
 *
 * Unqualified seekers do not apply: firms would not hire them. The counts at
 * the start of each round feed the gap (see metrics.ts).
 */
import { Status } from '../population.js';
import { isQualified, skillScore } from '../qualification.js';
import { binomial, lognormalMultiplier, perRound, stochasticRound } from '../sampling.js';
import type { SimState } from '../state.js';

/** The year's pool of qualified job seekers without a GenAI job: set when matching starts, joined by quitters. */
export interface MatchingYear {
  readonly seekers: number[];
}

/** Collects the qualified seekers once a year: only quitters join them between rounds. */
export function startMatching(state: SimState): MatchingYear {
  const { population, market } = state;
  const all = population.snapshot(Status.seeking);
  return { seekers: Array.from(all).filter((i) => isQualified(population, i, market.thresholds)) };
}

/**
 * Quits happen through the year, so that quitters search alongside everyone else: each round,
 * Binomial(employed, per-round hazard) GenAI workers leave their jobs to seek.
 */
export function quitRound(state: SimState, year: MatchingYear): void {
  const { yearIndex: y, population, firms } = state;
  const rng = state.streams.attrition;
  const hazard = perRound(state.params.attrition.quitRate[y], state.scenario.matching.rounds);
  const quitters = population.sample(Status.genai, binomial(population.size[Status.genai], hazard, rng), rng);
  for (const i of quitters) {
    firms[population.employer[i]].employees--;
    population.employer[i] = -1;
    population.cliffYear[i] = 0;
    population.move(i, Status.seeking);
    if (isQualified(population, i, state.market.thresholds)) year.seekers.push(i);
  }
  state.counters.quits += quitters.length;
}

export function matchRound(state: SimState, year: MatchingYear): void {
  const { yearIndex: y, population, firms, segments, market } = state;
  const rng = state.streams.matching;
  const p = state.params.matching;
  const counters = state.counters;

  // Open positions per firm, and the application weights.
  const payWeight = p.payWeight[y];
  const segmentWeight = segments.map((segment) => Math.pow(segment.pay / market.adjacentPay, payWeight));
  const open: number[] = [];
  const openIds: number[] = [];
  const cumulative: number[] = [];
  let totalWeight = 0;
  let totalOpen = 0;
  for (const firm of state.active) {
    const v = Math.floor(firm.target - firm.employees + firm.dither);
    if (v <= 0) continue;
    open.push(v);
    openIds.push(firm.id);
    totalOpen += v;
    totalWeight += v * segmentWeight[firm.segment];
    cumulative.push(totalWeight);
  }

  // Candidates: qualified unemployed seekers still looking, then this round's on-the-job searchers.
  const unemployed = year.seekers.filter((i) => population.status[i] === Status.seeking);
  year.seekers.length = 0;
  year.seekers.push(...unemployed);
  const searchers = population.sample(Status.genai, binomial(population.size[Status.genai], p.onTheJobSearch[y], rng), rng);
  const onTheJob = searchers.filter((i) => isQualified(population, i, market.thresholds));
  const candidates = new Int32Array(unemployed.length + onTheJob.length);
  candidates.set(unemployed);
  candidates.set(onTheJob, unemployed.length);

  counters.rounds++;
  counters.candidateRounds += candidates.length;
  counters.positionRounds += totalOpen;
  if (totalOpen === 0 || candidates.length === 0) return;

  // Applications: (open-firm slot, candidate) pairs, without duplicates per candidate.
  const appSlot: number[] = [];
  const appCandidate: number[] = [];
  const lastApp = new Int32Array(candidates.length).fill(-1);
  const previousApp: number[] = [];
  const apply = (c: number) => {
    const slot = pick(cumulative, rng() * totalWeight);
    if (openIds[slot] === (c >= unemployed.length ? population.employer[candidates[c]] : -1)) return;
    for (let a = lastApp[c]; a >= 0; a = previousApp[a]) if (appSlot[a] === slot) return;
    previousApp.push(lastApp[c]);
    lastApp[c] = appSlot.length;
    appSlot.push(slot);
    appCandidate.push(c);
  };
  screenedApplications(unemployed.length, p.applicationsUnemployed[y], p.screening[y], 0, rng, apply);
  screenedApplications(onTheJob.length, p.applicationsEmployed[y], p.screening[y], unemployed.length, rng, apply);

  // Group applications by firm (counting sort), then each firm offers to its best applicants.
  const start = new Int32Array(open.length + 1);
  for (const slot of appSlot) start[slot + 1]++;
  for (let k = 0; k < open.length; k++) start[k + 1] += start[k];
  const fill = start.slice(0, open.length);
  const byFirm = new Int32Array(appSlot.length);
  for (let n = 0; n < appSlot.length; n++) byFirm[fill[appSlot[n]]++] = appCandidate[n];

  // Scores only for those who applied somewhere (most candidates send no screened application in a round).
  const score = new Float64Array(candidates.length).fill(Number.NaN);
  for (const c of appCandidate) if (Number.isNaN(score[c])) score[c] = skillScore(population, candidates[c]) + 0.001 * population.experience[candidates[c]];
  const bestPay = new Float64Array(candidates.length);
  const bestSlot = new Int32Array(candidates.length).fill(-1);
  for (let k = 0; k < open.length; k++) {
    if (start[k + 1] === start[k]) continue;
    const applicants = byFirm.subarray(start[k], start[k + 1]);
    const offers = Math.min(open[k], applicants.length);
    if (offers < applicants.length) applicants.sort((a, b) => score[b] - score[a] || a - b);
    const pay = segments[firms[openIds[k]].segment].pay;
    for (let n = 0; n < offers; n++) {
      const c = applicants[n];
      if (pay > bestPay[c]) {
        bestPay[c] = pay;
        bestSlot[c] = k;
      }
    }
  }

  // Candidates accept their best offer.
  const dispersion = state.params.wages.dispersion[y];
  for (let c = 0; c < candidates.length; c++) {
    if (bestSlot[c] < 0) continue;
    const i = candidates[c];
    const firm = firms[openIds[bestSlot[c]]];
    const employed = c >= unemployed.length;
    if (employed) {
      if (bestPay[c] <= population.pay[i]) continue;
      firms[population.employer[i]].employees--;
      counters.jobToJobMoves++;
    } else {
      population.move(i, Status.genai);
    }
    population.employer[i] = firm.id;
    population.pay[i] = bestPay[c] * lognormalMultiplier(dispersion, rng);
    firm.employees++;
    counters.hires++;
  }
}

/**
 * Each of `n` candidates sends `perCandidate` applications and each is screened to a decision this
 * round with probability `screening` (hiring takes months). For a whole number of applications the
 * screened ones are drawn in O(screened) rather than O(candidates): their total is
 * Binomial(n × perCandidate, screening) and they fall on distinct application slots chosen uniformly
 * (Floyd's algorithm), slot ÷ perCandidate being the candidate, which is the same distribution as one
 * binomial per candidate. Calls `apply(offset + candidate)` once per screened application.
 */
function screenedApplications(n: number, perCandidate: number, screening: number, offset: number, rng: () => number, apply: (c: number) => void): void {
  if (n === 0) return;
  if (!Number.isInteger(perCandidate)) {
    for (let c = 0; c < n; c++) {
      const count = binomial(stochasticRound(perCandidate, rng), screening, rng);
      for (let a = 0; a < count; a++) apply(offset + c);
    }
    return;
  }
  const slots = n * perCandidate;
  const chosen = new Set<number>();
  for (let j = slots - binomial(slots, screening, rng); j < slots; j++) {
    const t = Math.floor(rng() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  for (const slot of chosen) apply(offset + Math.floor(slot / perCandidate));
}

/** The first index whose cumulative weight exceeds u (binary search). */
function pick(cumulative: readonly number[], u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
