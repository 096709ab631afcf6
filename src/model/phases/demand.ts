/**
 * Mechanism 1 — demand. Each firm's GenAI work grows by the scenario's curve
 * plus its segment's extra growth, a market-wide shock and its own shock. Its
 * headcount target is
 *
 *   target_f = work_f · cycle(t) / productivity(t) · (premium_f(t) / premium_f(0))^(−ε)
 *
 * where cycle(t) = 1 + A·sin(2πt/P) is the funding cycle, productivity comes
 * from tools, and the last factor is the demand response to the firm's pay
 * relative to adjacent software pay. Open positions (matching.ts) are the
 * target minus staff, so leavers are replaced automatically.
 *
 * Firm births and closures (startups) also happen here: a closing firm's
 * staff become seekers and its positions disappear.
 */
import { standardNormal } from '../../random/seed-tree.js';
import { newFirm } from '../init.js';
import { Status } from '../population.js';
import { stochasticRound } from '../sampling.js';
import { refreshActiveFirms, type SimState } from '../state.js';

export function demand(state: SimState): void {
  const { yearIndex: y, market, params: p, firms, segments, segmentParams } = state;
  const rng = state.streams.demand;
  const d = p.demand;

  if (y > 0) {
    closeAndOpenFirms(state);
    const common = standardNormal(rng) * d.shockSd[y];
    for (const firm of firms) {
      // One draw per firm per year, alive or not, so firm streams do not shift when a firm closes.
      const own = standardNormal(rng) * d.firmShockSd[y];
      if (!firm.alive) continue;
      const growth = d.growth[y] + segmentParams[firm.segment].workGrowth[y];
      firm.work *= Math.exp(growth + common + own);
    }
  }

  const cycle = 1 + d.cycleAmplitude[y] * Math.sin((2 * Math.PI * y) / d.cyclePeriod[y]);
  const elasticity = d.payElasticity[y];
  const adjacentRatio = market.adjacentPay / p.wages.adjacentPay[0];
  for (const firm of state.active) {
    const segment = segments[firm.segment];
    const relativePay = segment.pay / segment.basePay / adjacentRatio;
    firm.target = ((firm.work * cycle) / market.productivity) * Math.pow(relativePay, -elasticity);
  }
}

/** Startup deaths (staff to seeking) and births (new firms with positions and no staff). */
function closeAndOpenFirms(state: SimState): void {
  const { yearIndex: y, firms, segmentParams, population, scale } = state;
  const rng = state.streams.demand;
  // Births are proportional to the firms in business at the start of the year, so that equal birth
  // and exit rates keep the number of firms steady.
  const alive = new Float64Array(segmentParams.length);
  for (const firm of state.active) alive[firm.segment]++;
  const closing = new Uint8Array(firms.length);
  let closed = 0;
  for (const firm of firms) {
    const exitRate = segmentParams[firm.segment].exitRate[y];
    if (rng() < exitRate && firm.alive) {
      firm.alive = false;
      closing[firm.id] = 1;
      closed++;
    }
  }
  if (closed > 0) {
    for (const i of population.snapshot(Status.genai)) {
      if (closing[population.employer[i]]) {
        population.move(i, Status.seeking);
        population.employer[i] = -1;
        population.cliffYear[i] = 0;
      }
    }
    for (const firm of firms) if (closing[firm.id]) firm.employees = 0;
  }
  refreshActiveFirms(state);
  state.counters.firmsClosed += closed;

  segmentParams.forEach((f, s) => {
    const births = stochasticRound(f.birthRate[y] * alive[s], rng);
    for (let k = 0; k < births; k++) newFirm(state, s, (f.headcount[y] + f.openPositions[y]) / scale, rng());
    state.counters.firmsBorn += births;
  });
  refreshActiveFirms(state);
}
