/**
 * Expected hires of one matching round of the urn–ball scheme (model/phases/
 * matching.ts), by segment.
 *
 * C qualified candidates each send `applications` applications, each screened
 * with probability σ; a screened one lands in segment s with probability
 * π_s = V_s·w_s ÷ Σ V·w (w: the pay weight) and on one of its V_s postings at
 * random, so a posting of segment s receives α_s = C·a·σ·π_s ÷ V_s
 * applications on average (Poisson). A posting offers its job to its best
 * applicant: an application from a candidate whose applications are outranked
 * by a share u of all applications wins with probability e^(−α_s·u). The
 * candidate takes the best-paid offer, so, with segments in order of pay,
 *
 *   P(hired into s | u) = (1 − σ Σ_{pay > s} π e^(−α u))^a − (1 − σ Σ_{pay ≥ s} π e^(−α u))^a
 *
 * and hires_s = C ∫₀¹ P(hired into s | u) du (u is uniform: every candidate
 * sends the same number of applications). The integral is a midpoint sum.
 */

/** Midpoint steps of the integral over u: 128 for every figure; fewer for a quick first answer. */
export const STEPS = 128;

export interface RoundMarket {
  /** Qualified candidates (persons). */
  readonly candidates: number;
  /** Open postings per segment (persons). */
  readonly postings: ArrayLike<number>;
  /** Pay per segment (orders the offers) and application weight per segment ((pay ÷ adjacent pay)^payWeight). */
  readonly pay: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
  readonly applications: number;
  readonly screening: number;
}

/** Expected hires per segment in one round; `steps` midpoints of the integral over u. */
export function expectedHires(m: RoundMarket, steps = STEPS): Float64Array {
  const S = m.postings.length;
  const hires = new Float64Array(S);
  let totalWeight = 0;
  for (let s = 0; s < S; s++) totalWeight += m.postings[s] * m.weight[s];
  if (m.candidates <= 0 || totalWeight <= 0) return hires;
  const share = new Float64Array(S);
  const perPosting = new Float64Array(S);
  // Segments with postings from the best paid down (a stable insertion: equal pay keeps segment order).
  const order = new Int32Array(S);
  let open = 0;
  for (let s = 0; s < S; s++) {
    share[s] = (m.postings[s] * m.weight[s]) / totalWeight;
    perPosting[s] = m.postings[s] > 0 ? (m.candidates * m.applications * m.screening * share[s]) / m.postings[s] : 0;
    if (!(m.postings[s] > 0)) continue;
    let k = open++;
    for (; k > 0 && m.pay[order[k - 1]] < m.pay[s]; k--) order[k] = order[k - 1];
    order[k] = s;
  }
  // Equally paid segments form one group (order[groupEnd[j-1] .. groupEnd[j]]) whose hires are split by offer rates.
  const groupEnd = new Int32Array(open);
  let groups = 0;
  for (let i = 0; i < open; i++) if (i + 1 === open || m.pay[order[i + 1]] !== m.pay[order[i]]) groupEnd[groups++] = i + 1;
  const a = m.applications;
  const sigma = m.screening;
  const offer = new Float64Array(S);
  for (let step = 0; step < steps; step++) {
    const u = (step + 0.5) / steps;
    let above = 0;
    let noneAbove = 1;
    for (let j = 0, first = 0; j < groups; first = groupEnd[j++]) {
      const end = groupEnd[j];
      let rate = 0;
      for (let i = first; i < end; i++) {
        const s = order[i];
        offer[s] = share[s] * Math.exp(-perPosting[s] * u);
        rate += offer[s];
      }
      const noneUpTo = Math.pow(Math.max(0, 1 - sigma * (above + rate)), a);
      const hired = noneAbove - noneUpTo;
      for (let i = first; i < end; i++) hires[order[i]] += rate > 0 ? (hired * offer[order[i]]) / rate : 0;
      above += rate;
      noneAbove = noneUpTo;
    }
  }
  for (let s = 0; s < S; s++) hires[s] *= m.candidates / steps;
  return hires;
}
