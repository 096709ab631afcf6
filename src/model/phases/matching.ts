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
import { openPositions, type SimState } from '../state.js';

/** The year's pool of qualified job seekers without a GenAI job: set when matching starts, joined by quitters. */
export interface MatchingYear {
  readonly seekers: number[];
  scratch?: { open: Int32Array; openIds: Int32Array; cumulative: Float64Array };
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
  const rng = state.streams.quits;
  // Those hired in earlier rounds leave the pool first, so that one who is hired and then quits is listed once.
  dropHired(year, state);
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

  // Open positions per firm, and the cumulative application weights (typed buffers reused all year).
  const payWeight = p.payWeight[y];
  const segmentWeight = segments.map((segment) => Math.pow(segment.pay / market.adjacentPay, payWeight));
  const scratch = buffers(year, state.active.length);
  const { open, openIds, cumulative } = scratch;
  let slots = 0;
  let totalWeight = 0;
  let totalOpen = 0;
  for (const firm of state.active) {
    const v = openPositions(firm);
    if (v === 0) continue;
    open[slots] = v;
    openIds[slots] = firm.id;
    totalOpen += v;
    totalWeight += v * segmentWeight[firm.segment];
    cumulative[slots++] = totalWeight;
  }

  // Candidates: qualified unemployed seekers still looking, then this round's on-the-job searchers.
  // (quitRound has usually dropped those hired already; a round run on its own must too.)
  dropHired(year, state);
  const seekers = year.seekers;
  const searchers = population.sample(Status.genai, binomial(population.size[Status.genai], p.onTheJobSearch[y], rng), rng);
  const onTheJob = searchers.filter((i) => isQualified(population, i, market.thresholds));
  const unemployedCount = seekers.length;
  const candidate = (c: number) => (c < unemployedCount ? seekers[c] : onTheJob[c - unemployedCount]);

  counters.rounds++;
  counters.candidateRounds += unemployedCount + onTheJob.length;
  counters.positionRounds += totalOpen;
  if (totalOpen === 0 || unemployedCount + onTheJob.length === 0) return;

  // Applications: (open-firm slot, candidate) pairs, without duplicates per candidate.
  const appSlot: number[] = [];
  const appCandidate: number[] = [];
  const appliedTo = new Map<number, number[]>();
  const apply = (c: number) => {
    const slot = pick(cumulative, slots, rng() * totalWeight);
    if (c >= unemployedCount && openIds[slot] === population.employer[candidate(c)]) return;
    const mine = appliedTo.get(c);
    if (mine?.includes(slot)) return;
    if (mine) mine.push(slot);
    else appliedTo.set(c, [slot]);
    appSlot.push(slot);
    appCandidate.push(c);
  };
  screenedApplications(unemployedCount, p.applicationsUnemployed[y], p.screening[y], 0, rng, apply);
  screenedApplications(onTheJob.length, p.applicationsEmployed[y], p.screening[y], unemployedCount, rng, apply);

  // Each firm offers its open positions to its most skilled applicants: applications sorted by firm,
  // then skill (best first), then candidate order for ties.
  const score = appCandidate.map((c) => skillScore(population, candidate(c)) + 0.001 * population.experience[candidate(c)]);
  const order = appSlot.map((_, a) => a).sort((a, b) => appSlot[a] - appSlot[b] || score[b] - score[a] || appCandidate[a] - appCandidate[b]);
  const best = new Map<number, { pay: number; slot: number; ties: number }>();
  for (let g = 0; g < order.length; ) {
    const slot = appSlot[order[g]];
    let end = g;
    while (end < order.length && appSlot[order[end]] === slot) end++;
    const pay = segments[firms[openIds[slot]].segment].pay;
    const offers = Math.min(open[slot], end - g);
    for (let n = g; n < g + offers; n++) {
      const c = appCandidate[order[n]];
      const held = best.get(c);
      if (!held) best.set(c, { pay, slot, ties: 1 });
      else if (pay > held.pay) {
        held.pay = pay;
        held.slot = slot;
        held.ties = 1;
      } else if (pay === held.pay && rng() * ++held.ties < 1) {
        // Equally paid offers: each is kept with equal probability, not the lowest firm id.
        held.slot = slot;
      }
    }
    g = end;
  }

  // Candidates accept their best offer (in the order offers were first made).
  const dispersion = state.params.wages.dispersion[y];
  for (const [c, offer] of best) {
    const i = candidate(c);
    const firm = firms[openIds[offer.slot]];
    if (c >= unemployedCount) {
      if (offer.pay <= population.pay[i]) continue;
      firms[population.employer[i]].employees--;
      counters.jobToJobMoves++;
    } else {
      population.move(i, Status.genai);
    }
    population.employer[i] = firm.id;
    population.cliffYear[i] = 0; // a retention package stays with the firm that granted it
    population.pay[i] = offer.pay * lognormalMultiplier(dispersion, rng);
    firm.employees++;
    counters.hires++;
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
function buffers(year: MatchingYear, firms: number): { open: Int32Array; openIds: Int32Array; cumulative: Float64Array } {
  if (!year.scratch || year.scratch.open.length < firms) {
    const size = Math.max(64, Math.ceil(firms * 1.25));
    year.scratch = { open: new Int32Array(size), openIds: new Int32Array(size), cumulative: new Float64Array(size) };
  }
  return year.scratch;
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
