/**
 * The levers: scenario sections with an `enabled` switch (docs/MODEL.md §3), in the default order.
 * Declared with the phases they switch off, in the model's phase registry.
 */
export { LEVERS, type Lever } from '../model/phases/registry.js';
