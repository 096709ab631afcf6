/**
 * A group of people who share a skill profile and differ by quadrature node
 * and by how much GenAI study they have accumulated: weight[k * bins + b] is
 * the number of persons at node k whose study is b × width units (× the
 * learning speed when they studied). The adjacent workforce and upskilling
 * trainees are such groups: study moves weight up the levels, and a person
 * qualifies once the level reaches the node's requirement (nodes.ts).
 */
export class LevelPool {
  readonly weight: Float64Array;

  constructor(
    readonly nodes: number,
    readonly bins: number,
    readonly width: number,
    weight?: Float64Array,
  ) {
    this.weight = weight ?? new Float64Array(nodes * bins);
  }

  total(): number {
    let sum = 0;
    for (let i = 0; i < this.weight.length; i++) sum += this.weight[i];
    return sum;
  }

  /** Multiplies every weight by f (a uniform outflow: retirement, emigration, sampling). */
  scale(f: number): void {
    for (let i = 0; i < this.weight.length; i++) this.weight[i] *= f;
  }

  /**
   * A pool holding share `f` of this pool; this pool keeps 1 − f (people drawn uniformly at random).
   * `into` (a pool of the same shape, whose weights are all overwritten) saves allocating one.
   */
  take(f: number, into?: LevelPool): LevelPool {
    const taken = into ?? new LevelPool(this.nodes, this.bins, this.width);
    for (let i = 0; i < this.weight.length; i++) {
      taken.weight[i] = this.weight[i] * f;
      this.weight[i] -= taken.weight[i];
    }
    return taken;
  }

  /** Keeps share `f` of this pool and adds the rest to `rest`: `rest.add(this)` after `take(f)`, in place. */
  keep(f: number, rest: LevelPool): void {
    for (let i = 0; i < this.weight.length; i++) {
      const kept = this.weight[i] * f;
      rest.weight[i] += this.weight[i] - kept;
      this.weight[i] = kept;
    }
  }

  /** Adds another pool's people. */
  add(other: LevelPool): void {
    for (let i = 0; i < this.weight.length; i++) this.weight[i] += other.weight[i];
  }

  /**
   * Everyone studies `units` more: weight moves up by units ÷ width bins, split between the two
   * nearest bins so that the mean level is kept; the top bin holds everything beyond it.
   */
  study(units: number): void {
    const shift = units / this.width;
    const whole = Math.floor(shift);
    const frac = shift - whole;
    const { bins, weight } = this;
    for (let k = 0; k < this.nodes; k++) {
      const row = k * bins;
      for (let b = bins - 1; b >= 0; b--) {
        const w = weight[row + b];
        if (w === 0) continue;
        weight[row + b] = 0;
        const lo = Math.min(bins - 1, b + whole);
        const hi = Math.min(bins - 1, b + whole + 1);
        weight[row + lo] += w * (1 - frac);
        weight[row + hi] += w * frac;
      }
    }
  }

  /**
   * A share `rate` of everyone studies `units` more (in place): that weight moves up as in `study`,
   * and whatever lands at or above its node's requirement leaves the pool. Returns how many left.
   */
  studyShare(rate: number, units: number, required: Float64Array): number {
    const shift = units / this.width;
    const whole = Math.floor(shift);
    const frac = shift - whole;
    const { bins, width, weight } = this;
    let qualified = 0;
    for (let k = 0; k < this.nodes; k++) {
      const row = k * bins;
      const need = required[k];
      const first = need === Infinity ? bins : Math.max(0, Math.ceil(need / width - 1e-9));
      // From the top down, so that weight moved up is not moved again.
      for (let b = bins - 1; b >= 0; b--) {
        const w = weight[row + b];
        if (w === 0) continue;
        const moved = w * rate;
        weight[row + b] = w - moved;
        const lo = Math.min(bins - 1, b + whole);
        const hi = Math.min(bins - 1, b + whole + 1);
        if (lo >= first) qualified += moved * (1 - frac);
        else weight[row + lo] += moved * (1 - frac);
        if (hi >= first) qualified += moved * frac;
        else weight[row + hi] += moved * frac;
      }
    }
    return qualified;
  }

  /** Removes and returns the weight of everyone whose level reaches their node's requirement. */
  removeQualified(required: Float64Array): number {
    let removed = 0;
    const { bins, width, weight } = this;
    for (let k = 0; k < this.nodes; k++) {
      const need = required[k];
      if (need === Infinity) continue;
      const first = Math.max(0, Math.ceil(need / width - 1e-9));
      for (let b = first; b < bins; b++) {
        removed += weight[k * bins + b];
        weight[k * bins + b] = 0;
      }
    }
    return removed;
  }
}
