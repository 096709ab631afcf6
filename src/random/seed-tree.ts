/**
 * The seed tree: master seed → replication → named mechanism stream.
 *
 * Every random number in a run comes from one of these streams. A stream's
 * seed is a string built from its position in the tree, so it is the same on
 * any machine, thread or shard; and because each mechanism has its own stream,
 * changing one mechanism's parameters does not shift the numbers another
 * mechanism draws (common random numbers across scenarios in `compare`).
 *
 * The generator is seedrandom's Alea (≈ 180–600 M numbers/s here), not the
 * default ARC4 (≈ 36 M/s).
 */
import seedrandom from 'seedrandom';
import { zigguratNormal } from './ziggurat.js';
// The stream names are the phases' (a declaration without imports, so this floor stays the lowest).
import { STREAMS, type StreamName } from '../model/phases/registry.js';

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * The named streams of one replication: set-up, then one per phase that draws (declared with the
 * phases in model/phases/registry.ts). Parameters are sampled from streams of their own, named
 * `parameter:<path>`: see model/params.ts.
 */
export { STREAMS, type StreamName };

/** The seed string of one stream; exposed so that outputs can record how to replay a stream. */
export function streamSeed(masterSeed: number | string, replication: number, stream: StreamName | string): string {
  return `hiresim/${masterSeed}/${replication}/${stream}`;
}

/** A stream's generator, with its own standard normal draw. */
export interface Stream extends Rng {
  normal(): number;
}

/** A generator for one stream of one replication. */
export function streamRng(masterSeed: number | string, replication: number, stream: StreamName | string): Stream {
  // seedrandom's own function, not a wrapper around it: a wrapper costs a call on every draw (40% of
  // a draw's time when it is not inlined).
  const rng = seedrandom.alea(streamSeed(masterSeed, replication, stream)) as unknown as Stream;
  rng.normal = () => zigguratNormal(rng);
  return rng;
}

/** All streams of one replication, created once. */
export type Streams = Readonly<Record<StreamName, Stream>>;

export function replicationStreams(masterSeed: number | string, replication: number): Streams {
  const streams = {} as Record<StreamName, Stream>;
  for (const name of STREAMS) streams[name] = streamRng(masterSeed, replication, name);
  return streams;
}

/** A standard normal draw (the ziggurat method: random/ziggurat.ts). */
export function standardNormal(rng: Rng): number {
  const normal = (rng as Partial<Stream>).normal;
  return normal ? normal() : zigguratNormal(rng);
}
