/**
 * Standard normal draws by the ziggurat method of Marsaglia & Tsang (2000,
 * "The Ziggurat Method for Generating Random Variables", J. Stat. Software
 * 5(8)), with 128 layers. About 99% of draws take one uniform, a table look-up
 * and a multiplication; Box–Muller needs a logarithm, a square root and a sine
 * or cosine for every pair, and normals are the model's most frequent draw
 * (skills of every new worker, pay, binomial approximations).
 */

const LAYERS = 128;
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const M1 = 2147483648;

const kn = new Int32Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * M1);
  kn[1] = 0;
  wn[0] = q / M1;
  wn[LAYERS - 1] = dn / M1;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * M1);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
}

/** A standard normal draw from uniforms on [0, 1). */
export function zigguratNormal(uniform: () => number): number {
  for (;;) {
    // A signed 32-bit integer from one uniform; its low 7 bits pick the layer.
    const hz = (uniform() * 4294967296) | 0;
    const iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < kn[iz]) return hz * wn[iz];
    const x = hz * wn[iz];
    if (iz === 0) {
      // The tail beyond R (Marsaglia 1964).
      let tx: number;
      let ty: number;
      do {
        tx = -Math.log(1 - uniform()) / R;
        ty = -Math.log(1 - uniform());
      } while (ty + ty < tx * tx);
      return hz > 0 ? R + tx : -R - tx;
    }
    if (fn[iz] + uniform() * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
  }
}
