/**
 * Mechanism 3 — university graduates. Each programme takes in a cohort a year
 * (intake × the share on a GenAI track × a capacity multiplier); students drop
 * out at a constant yearly hazard and graduate after the programme's length.
 * A graduate's skills are drawn from a mix of the programme's legacy and
 * GenAI-adopted profiles, weighted by curriculum adoption in the graduation
 * year. Intake responds to the pay premium with a lag, by at most
 * `maxIntakeGrowth` a year:  multiplier → AI premium(t − lag)^elasticity (1 in a balanced market).
 * With the lever off (from the base year), graduates no longer enter GenAI work.
 */
import { Origin, Status } from '../population.js';
import { lognormalMultiplier, stochasticRound } from '../sampling.js';
import { leverOn, premiumSignal, type SimState } from '../state.js';
import { blendProfiles, drawSkills, profileAt } from '../workers.js';

export function education(state: SimState): void {
  const { yearIndex: y, params: p, population, universityProgrammes: programmes, market, scale } = state;
  const rng = state.streams.education;
  const on = leverOn(state, 'education');
  const adoption = p.education.curriculumAdoption[y];
  const aptitudeSd = p.population.aptitude.sd[y];

  // Students already enrolled: drop out, or move one year on and graduate when done.
  const hazards = programmes.map((prog) => 1 - Math.pow(1 - prog.dropout[y], 1 / prog.durationYears));
  const profiles = programmes.map((prog) => blendProfiles(profileAt(prog.legacySkills, p, y), profileAt(prog.skills, p, y), adoption));
  const students = population.snapshot(Status.student);
  for (let s = 0; s < students.length; s++) {
    const i = students[s];
    const k = population.programme[i];
    if (rng() < hazards[k]) {
      population.leave(i);
      continue;
    }
    population.timer[i] -= 1;
    if (population.timer[i] > 0) continue;
    if (!on) {
      population.leave(i);
      continue;
    }
    drawSkills(population, i, profiles[k], rng);
    population.aptitude[i] = lognormalMultiplier(aptitudeSd, rng);
    population.programme[i] = -1;
    population.origin[i] = Origin.graduate;
    population.move(i, Status.seeking);
    state.counters.entrants[Origin.graduate]++;
  }

  // Capacity responds to the lagged pay signal, within the yearly growth limit.
  const signal = premiumSignal(state, p.education.capacityLagYears);
  const elasticity = p.education.capacityElasticity[y];
  const step = 1 + p.education.maxIntakeGrowth[y];
  population.orderFreeSlots();
  programmes.forEach((prog, k) => {
    const wanted = Math.pow(signal, elasticity);
    const current = market.intakeMultiplier[k];
    market.intakeMultiplier[k] = Math.min(current * step, Math.max(current / step, wanted));
    const cohort = stochasticRound((prog.intake[y] * prog.genaiTrack[y] * market.intakeMultiplier[k]) / scale, rng);
    if (!on) return;
    for (let n = 0; n < cohort; n++) {
      const i = population.enter(Status.student, Origin.graduate);
      population.programme[i] = k;
      population.timer[i] = prog.durationYears;
    }
  });
}
