/**
 * The one place employment changes. Who works where (`population.employer`), each firm's headcount
 * (`firm.employees`), the worker's status and the stock-flow accounting change together here, so
 * they cannot drift apart: phases hire, separate, transfer and let people leave through these
 * functions and never write those fields themselves (test/model/employment.test.ts checks both the
 * invariant and that no phase writes the fields).
 *
 * A trainee's sponsoring firm is kept in the same `employer` slot while the trainee studies (the
 * firm pays for the programme and keeps a role for a graduate of it): `sponsor` sets it.
 */
import { Status } from './population.js';
import type { Firm, SimState } from './state.js';

/** Adds `count` to a firm's staff from outside matching (an acquired team): they fill open postings first, and the plan grows by the rest. */
function joinFirm(firm: Firm, count: number): void {
  const filled = Math.min(firm.postings, count);
  firm.postings -= filled;
  firm.planned += count - filled;
  firm.employees += count;
}

/** The firm an employed GenAI worker works for. */
export function employerOf(state: SimState, i: number): Firm {
  return state.firms[state.population.employer[i]];
}

/**
 * `i` starts working for `firm` at `pay`, in a job that was one of its open postings (`posting`:
 * matching) or a role made for them beyond the plan the firm posts for (`new role`: a trainee placed
 * by the firm that sponsored the programme).
 */
export function hire(state: SimState, i: number, firm: Firm, pay: number, via: 'posting' | 'new role'): void {
  const { population } = state;
  population.move(i, Status.genai);
  population.employer[i] = firm.id;
  population.cliffYear[i] = 0;
  population.pay[i] = pay;
  firm.employees++;
  if (via === 'posting') firm.postings--;
  else firm.planned++;
}

/** An employed GenAI worker leaves their firm for `status` (seeking after a quit, a closure or a retention cliff). */
export function separate(state: SimState, i: number, status: Status): void {
  const { population } = state;
  employerOf(state, i).employees--;
  population.employer[i] = -1;
  population.cliffYear[i] = 0;
  population.move(i, status);
}

/** `i` leaves the market (an exit, a retirement, emigration); an employed worker leaves their firm first. */
export function leaveMarket(state: SimState, i: number): void {
  const { population } = state;
  if (population.status[i] === Status.genai) employerOf(state, i).employees--;
  population.leave(i);
}

/**
 * An acqui-hire of `count` of `from`'s staff by `to`, in two steps because later deals of the same
 * year read the headcounts: `sellTeam` moves the headcount at the deal (the buyer's open postings
 * filled first), and `joinBuyer` moves each chosen worker once every deal is made, held by a
 * retention cliff. Until then only the headcounts have moved.
 */
export function sellTeam(from: Firm, to: Firm, count: number): void {
  from.employees -= count;
  joinFirm(to, count);
}

/** A worker of a sold team now works for the buyer, held until `cliffYear` (see sellTeam). */
export function joinBuyer(state: SimState, i: number, to: Firm, cliffYear: number): void {
  state.population.employer[i] = to.id;
  state.population.cliffYear[i] = cliffYear;
}

/** A closed firm's staff: every worker separated already, the firm has no headcount, postings or plan. */
export function closeFirm(firm: Firm): void {
  firm.employees = 0;
  firm.postings = 0;
  firm.planned = 0;
}

/** A worker of the initial state, already a GenAI worker, is on `firm`'s staff. */
export function staffAtStart(state: SimState, i: number, firm: Firm): void {
  state.population.employer[i] = firm.id;
  firm.employees++;
}

/** A trainee's sponsoring firm while they study (`-1`: none; self-enrolled), or its end. */
export function sponsor(state: SimState, i: number, firmId: number): void {
  state.population.employer[i] = firmId;
}
