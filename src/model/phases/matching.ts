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
  scratch?: { open: Int32Array; openIds: Int32Array; cumulative: Float64Array; first: Int32Array };
}

/** Collects the qualified seekers once a year: only quitters join them between rounds. */
export function startMatching(state: SimState): MatchingYear {
  const { population, market } = state;
  const all = population.snapshot(Status.seeking);
  return { seekers: Array.from(all).filter((i) => isQualified(population, i, market.thresholds)) };
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
  const hazard = perRound(quitRate(state.params, state.yearIndex), rounds);
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

  // Applications: (posting, candidate) pairs; a candidate's second application to one posting is lost.
  const appPosting: number[] = [];
  const appSlot: number[] = [];
  const appCandidate: number[] = [];
  const appliedTo = new Map<number, number[]>();
  screenedApplications(seekers.length, p.applications[y], p.screening[y], rng, (c) => {
    const slot = pick(cumulative, slots, rng() * totalWeight);
    const posting = first[slot] + Math.floor(rng() * open[slot]);
    const mine = appliedTo.get(c);
    if (mine?.includes(posting)) return;
    if (mine) mine.push(posting);
    else appliedTo.set(c, [posting]);
    appPosting.push(posting);
    appSlot.push(slot);
    appCandidate.push(c);
  });

  // Each posting offers its job to its most skilled applicant: applications sorted by posting, then
  // skill (best first), then candidate order for ties.
  const score = appCandidate.map((c) => skillScore(population, seekers[c]) + 0.001 * population.experience[seekers[c]]);
  const order = appPosting.map((_, a) => a).sort((a, b) => appPosting[a] - appPosting[b] || score[b] - score[a] || appCandidate[a] - appCandidate[b]);
  const best = new Map<number, { pay: number; slot: number; ties: number }>();
  for (let g = 0; g < order.length; ) {
    const posting = appPosting[order[g]];
    const winner = order[g];
    while (g < order.length && appPosting[order[g]] === posting) g++;
    const c = appCandidate[winner];
    const slot = appSlot[winner];
    const pay = segments[firms[openIds[slot]].segment].pay;
    const held = best.get(c);
    if (!held) best.set(c, { pay, slot, ties: 1 });
    else if (pay > held.pay) {
      held.pay = pay;
      held.slot = slot;
      held.ties = 1;
    } else if (pay === held.pay && rng() * ++held.ties < 1) {
      // Equally paid offers: each is kept with equal probability, not the lowest posting id.
      held.slot = slot;
    }
  }

  // Candidates accept their best offer (in the order offers were first made); the posting is filled.
  const dispersion = state.params.wages.dispersion[y];
  for (const [c, offer] of best) {
    const i = seekers[c];
    const firm = firms[openIds[offer.slot]];
    population.move(i, Status.genai);
    population.employer[i] = firm.id;
    population.cliffYear[i] = 0;
    population.pay[i] = offer.pay * lognormalMultiplier(dispersion, rng);
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
  for (let k = 0; k < seekers.length; k++) if (status[seekers[k]] === Status.seeking) seekers[still++] = seekers[k];
  seekers.length = still;
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
 * round with probability `screening`. For a whole number of applications the screened ones are drawn
 * in O(screened) rather than O(candidates): their total is Binomial(n × perCandidate, screening) and
 * they fall on distinct application slots chosen uniformly (Floyd's algorithm), slot ÷ perCandidate
 * being the candidate, which is the same distribution as one binomial per candidate. Calls
 * `apply(candidate)` once per screened application.
 */
function screenedApplications(n: number, perCandidate: number, screening: number, rng: () => number, apply: (c: number) => void): void {
  if (n === 0) return;
  if (!Number.isInteger(perCandidate)) {
    for (let c = 0; c < n; c++) {
      const count = binomial(stochasticRound(perCandidate, rng), screening, rng);
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
