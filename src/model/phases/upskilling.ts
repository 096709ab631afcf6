/**
 * Mechanism 4 — upskilling.
 *
 * Completions first: trainees whose programme has run its length complete with
 * the programme's completion rate and gain its skills × aptitude × the tools'
 * learning multiplier. A qualified graduate of a corporate programme is
 * placed in its sponsor's open position if it still has one (a hire), and
 * otherwise starts seeking, as does a qualified graduate of an external one.
 * Drop-outs and those still short of the threshold go back where they came
 * from (adjacent work, or seeking).
 *
 * Then enrolment. Corporate: each firm with open positions puts its segment's
 * training places' worth of adjacent engineers into corporate programmes, up to
 * their capacity. External: adjacent engineers and unqualified seekers enrol
 * themselves at `selfEnrolmentRate × careerSignal` (pay and prospects), up to
 * the external programmes' capacity. Spend is counted at enrolment.
 */
import { SKILLS } from '../../scenario/schema.js';
import { Flag, Origin, SKILL_COUNT, Status } from '../population.js';
import { isQualified } from '../qualification.js';
import { binomial, lognormalMultiplier, stochasticRound } from '../sampling.js';
import { careerSignal, openPositions, type SimState } from '../state.js';

const MONTHS_PER_YEAR = 12;

export function upskilling(state: SimState): void {
  completeTrainees(state);
  if (!state.scenario.upskilling.enabled) return;
  enrolCorporate(state);
  enrolExternal(state);
}

function completeTrainees(state: SimState): void {
  const { yearIndex: y, population, upskillingProgrammes: programmes, market, firms } = state;
  const rng = state.streams.upskilling;
  for (const i of population.snapshot(Status.trainee)) {
    population.timer[i] -= MONTHS_PER_YEAR;
    if (population.timer[i] > 0) continue;
    const programme = programmes[population.programme[i]];
    const sponsor = population.employer[i];
    population.programme[i] = -1;
    population.employer[i] = -1;
    const completed = rng() < programme.completion[y];
    if (completed) {
      state.counters.traineesCompleted++;
      const gain = population.aptitude[i] * market.learning;
      for (let d = 0; d < SKILL_COUNT; d++) {
        const k = i * SKILL_COUNT + d;
        population.skills[k] = Math.min(1, population.skills[k] + programme.skillGain[SKILLS[d]][y] * gain);
      }
    }
    if (completed && isQualified(population, i, market.thresholds)) {
      population.origin[i] = Origin.upskilled;
      state.counters.entrants[Origin.upskilled]++;
      const firm = sponsor >= 0 ? firms[sponsor] : undefined;
      if (firm && firm.alive && openPositions(firm) > 0) {
        population.move(i, Status.genai);
        population.employer[i] = sponsor;
        population.pay[i] = state.segments[firm.segment].pay * lognormalMultiplier(state.params.wages.dispersion[y], rng);
        firm.employees++;
        state.counters.hires++;
      } else {
        population.move(i, Status.seeking);
      }
    } else {
      population.move(i, population.flags[i] & Flag.fromSeeking ? Status.seeking : Status.adjacent);
    }
    population.flags[i] &= ~Flag.fromSeeking;
  }
}

/** Places left per programme of one kind this year, in agents. */
function capacities(state: SimState, kind: 'corporate' | 'external'): Float64Array {
  const { yearIndex: y, upskillingProgrammes: programmes, scale } = state;
  return Float64Array.from(programmes, (p) => (p.kind === kind ? stochasticRound(p.capacity[y] / scale, state.streams.upskilling) : 0));
}

function enrol(state: SimState, i: number, programme: number, sponsor: number): void {
  const { population, upskillingProgrammes: programmes, yearIndex: y } = state;
  if (population.status[i] === Status.seeking) population.flags[i] |= Flag.fromSeeking;
  population.move(i, Status.trainee);
  population.programme[i] = programme;
  population.employer[i] = sponsor;
  population.timer[i] = programmes[programme].durationMonths[y];
  state.counters.traineesEnrolled++;
  state.counters.upskillingSpend += programmes[programme].costPerTrainee[y] * state.scale;
}

/** Index of a programme with places left, or -1; takes one place. */
function takePlace(places: Float64Array): number {
  for (let k = 0; k < places.length; k++) {
    if (places[k] >= 1) {
      places[k]--;
      return k;
    }
  }
  return -1;
}

function enrolCorporate(state: SimState): void {
  const { yearIndex: y, firms, segmentParams, population, scale } = state;
  const rng = state.streams.upskilling;
  const places = capacities(state, 'corporate');
  // Firms take turns in a random order so that capacity is not always used by the same ones.
  const order = state.active.filter((f) => openPositions(f) > 0).map((f) => f.id);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  for (const id of order) {
    const wanted = stochasticRound(segmentParams[firms[id].segment].trainingPlaces[y] / scale, rng);
    if (wanted === 0) continue;
    for (const i of population.sample(Status.adjacent, wanted, rng)) {
      const programme = takePlace(places);
      if (programme < 0) return;
      enrol(state, i, programme, id);
    }
  }
}

function enrolExternal(state: SimState): void {
  const { yearIndex: y, population, market } = state;
  const rng = state.streams.upskilling;
  const places = capacities(state, 'external');
  const p = state.params.upskilling;
  const rate = Math.min(1, p.selfEnrolmentRate[y] * careerSignal(state));
  const fromAdjacent = population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng);
  const fromSeeking = population.sample(Status.seeking, binomial(population.size[Status.seeking], rate, rng), rng);
  // Interleave the two groups so that scarce places are shared in proportion.
  const candidates = interleave(fromAdjacent, fromSeeking);
  for (const i of candidates) {
    if (population.status[i] === Status.seeking && isQualified(population, i, market.thresholds)) continue;
    const programme = takePlace(places);
    if (programme < 0) return;
    enrol(state, i, programme, -1);
  }
}

function interleave(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < out.length; k++) {
    // Take from the list that is further behind its share.
    if (ib >= b.length || (ia < a.length && ia * b.length <= ib * a.length)) out[k] = a[ia++];
    else out[k] = b[ib++];
  }
  return out;
}

