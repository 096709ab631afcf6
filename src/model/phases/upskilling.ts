/**
 * Mechanism 4 — upskilling.
 *
 * Completions first: trainees whose programme has run its length complete with
 * the programme's completion rate and gain its study units of the GenAI skill
 * profile (upskilling.skillGain) × aptitude × the tools' learning multiplier.
 * A qualified graduate of a corporate programme joins its sponsor in a GenAI
 * role made for it if the sponsor is still in business (a placement: the
 * sponsor's planned team grows by one), and otherwise starts seeking, as
 * does a qualified graduate of an external one. Drop-outs and those still
 * short of the thresholds go back to adjacent work, keeping what they learnt.
 *
 * Then enrolment (from the base year on only with the lever on). Corporate:
 * firms that cannot fill their openings train adjacent engineers: each firm
 * takes its segment's training places × last year's gap (the share of
 * openings without a qualified candidate), up to the corporate programmes'
 * capacity. External: adjacent engineers enrol themselves at
 * `selfEnrolmentRate × careerSignal` (pay and prospects), up to the external
 * programmes' capacity. Spend is counted at enrolment.
 */
import { hire, sponsor as setSponsor } from '../employment.js';
import { SKILLS } from '../../scenario/schema.js';
import { Origin, SKILL_COUNT, Status } from '../population.js';
import { isQualified } from '../qualification.js';
import { binomial, lognormalMultiplier, stochasticRound } from '../sampling.js';
import { careerSignal, leverOn, type SimState } from '../state.js';

const MONTHS_PER_YEAR = 12;

export function upskilling(state: SimState): void {
  completeTrainees(state);
  if (!leverOn(state, 'upskilling')) return;
  enrolCorporate(state);
  enrolExternal(state);
}

/** What one unit of study adds to each skill this year, at aptitude 1, with the tools' learning speed. */
export function studyGain(state: SimState): Float64Array {
  const y = state.yearIndex;
  return Float64Array.from(SKILLS, (skill) => state.params.upskilling.skillGain[skill][y] * state.market.learning);
}

/** Adds `units` of GenAI study to agent i's skills (`gain` from studyGain), scaled by the agent's aptitude. */
export function study(population: SimState['population'], i: number, units: number, gain: Float64Array): void {
  const amount = units * population.aptitude[i];
  const skills = population.skills;
  const base = i * SKILL_COUNT;
  for (let d = 0; d < SKILL_COUNT; d++) skills[base + d] = Math.min(1, skills[base + d] + gain[d] * amount);
}

function completeTrainees(state: SimState): void {
  const { yearIndex: y, population, upskillingProgrammes: programmes, market, firms } = state;
  const rng = state.streams.upskilling;
  const gain = studyGain(state);
  const trainees = population.snapshot(Status.trainee);
  for (let k = 0; k < trainees.length; k++) {
    const i = trainees[k];
    population.timer[i] -= MONTHS_PER_YEAR;
    if (population.timer[i] > 0) continue;
    const programme = programmes[population.programme[i]];
    const sponsor = population.employer[i];
    population.programme[i] = -1;
    setSponsor(state, i, -1);
    const completed = rng() < programme.completion[y];
    if (completed) {
      state.counters.traineesCompleted++;
      study(population, i, programme.studyUnits[y], gain);
    }
    if (!completed || !isQualified(population, i, market.thresholds)) {
      population.move(i, Status.adjacent);
      continue;
    }
    population.origin[i] = Origin.upskilled;
    state.counters.entrants[Origin.upskilled]++;
    const firm = sponsor >= 0 ? firms[sponsor] : undefined;
    if (firm && firm.alive) {
      // A GenAI role made for the trainee: the team grows beyond the plan the firm posts for.
      hire(state, i, firm, state.segments[firm.segment].pay * lognormalMultiplier(state.params.wages.dispersion[y], rng), 'new role');
      state.counters.placements++;
    } else {
      population.move(i, Status.seeking);
    }
  }
}

/** Places left per programme of one kind this year, in agents. */
function capacities(state: SimState, kind: 'corporate' | 'external'): Float64Array {
  const { yearIndex: y, upskillingProgrammes: programmes, scale } = state;
  return Float64Array.from(programmes, (p) => (p.kind === kind ? stochasticRound(p.capacity[y] / scale, state.streams.upskilling) : 0));
}

function enrol(state: SimState, i: number, programme: number, sponsor: number): void {
  const { population, upskillingProgrammes: programmes, yearIndex: y } = state;
  population.move(i, Status.trainee);
  population.programme[i] = programme;
  setSponsor(state, i, sponsor);
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
  const { yearIndex: y, firms, segmentParams, population, scale, market } = state;
  const rng = state.streams.upskilling;
  const places = capacities(state, 'corporate');
  const shortage = Math.max(0, market.lastGap);
  // Firms take turns in a random order so that capacity is not always used by the same ones.
  const order = state.active.map((f) => f.id);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  if (shortage === 0) return;
  for (const id of order) {
    const wanted = stochasticRound((segmentParams[firms[id].segment].trainingPlaces[y] * firms[id].represents * shortage) / scale, rng);
    if (wanted === 0) continue;
    const chosen = population.sample(Status.adjacent, wanted, rng);
    for (let k = 0; k < chosen.length; k++) {
      const i = chosen[k];
      const programme = takePlace(places);
      if (programme < 0) return;
      enrol(state, i, programme, id);
    }
  }
}

function enrolExternal(state: SimState): void {
  const { yearIndex: y, population } = state;
  const rng = state.streams.upskilling;
  const places = capacities(state, 'external');
  const rate = Math.min(1, state.params.upskilling.selfEnrolmentRate[y] * careerSignal(state));
  const chosen = population.sample(Status.adjacent, binomial(population.size[Status.adjacent], rate, rng), rng);
  for (let k = 0; k < chosen.length; k++) {
    const i = chosen[k];
    const programme = takePlace(places);
    if (programme < 0) return;
    enrol(state, i, programme, -1);
  }
}
