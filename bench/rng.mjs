// Are the random streams a limit? seedrandom's Alea is a closure per stream, so a call site that
// sees many streams cannot be specialised to one of them; the same generator as a class with a
// `next` method can be inlined wherever it is called. Both draw the same numbers (checked here);
// this times them on 8 streams taken in turn. `node bench/rng.mjs` (no build needed).
import seedrandom from 'seedrandom';

class AleaObject {
  constructor(state) {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }
  next() {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}

const STREAMS = 8;
const closures = Array.from({ length: STREAMS }, (_, k) => seedrandom.alea(`stream ${k}`, { state: true }));
const objects = closures.map((f) => new AleaObject(f.state()));
const check = seedrandom.alea('check', { state: true });
const copy = new AleaObject(check.state());
for (let i = 0; i < 100_000; i++) if (check() !== copy.next()) throw new Error('the class draws other numbers than seedrandom');

const callClosure = (rng, n) => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.floor(rng() * 100) + rng();
  return sum;
};
const callMethod = (rng, n) => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.floor(rng.next() * 100) + rng.next();
  return sum;
};
const time = (call, streams) => {
  const t0 = performance.now();
  let sink = 0;
  for (let r = 0; r < 40; r++) sink += call(streams[r % STREAMS], 250_000);
  if (!(sink > 0)) throw new Error('unexpected sum');
  return ((performance.now() - t0) * 1e6) / (40 * 250_000 * 2);
};
const rounds = [0, 1, 2].map(() => ({ closure: time(callClosure, closures), method: time(callMethod, objects) }));
const last = rounds[rounds.length - 1];
console.log(JSON.stringify({ nsPerDrawClosure: last.closure, nsPerDrawMethod: last.method, rounds }));
