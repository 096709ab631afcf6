/** The levers: scenario sections with an `enabled` switch (docs/MODEL.md §3), in the default order. */
export const LEVERS = ['education', 'upskilling', 'tools', 'acquihires', 'migration'] as const;
export type Lever = (typeof LEVERS)[number];
