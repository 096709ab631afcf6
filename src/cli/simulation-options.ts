/** Options shared by the commands that simulate (run, compare, attribute). */
export interface SimulationOptions {
  /** `path=value` overrides from --set. */
  readonly overrides: readonly string[];
  readonly reps?: number;
  readonly seed?: string;
  readonly threads?: number;
  readonly out?: string;
}

/**
 * --set overrides followed by --reps and --seed, which are overrides like any other: validated by
 * the schema and part of the scenario hash.
 */
export function overridesOf(options: SimulationOptions): string[] {
  const overrides = [...options.overrides];
  if (options.reps !== undefined) overrides.push(`replications=${options.reps}`);
  if (options.seed !== undefined) overrides.push(`seed=${/^\d+$/.test(options.seed) ? options.seed : JSON.stringify(options.seed)}`);
  return overrides;
}
