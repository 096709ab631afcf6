/**
 * The phases of the year, declared once, in step order: each phase's name, the random stream it
 * draws from, the lever that switches it off (a scenario section with `enabled`), whether it runs
 * in every matching round, and what it does. `stepYear` (step.ts) still calls them by hand — the
 * order is read there — and a test checks it runs exactly this list; the stream names, the levers
 * and the schedule in docs/MODEL.md §3 are derived from here.
 *
 * This module imports nothing, so the scenario layer (levers) and the seed tree's callers can
 * depend on it without depending on the model.
 */

interface PhaseDeclaration {
  readonly name: string;
  /** The stream it draws from (several phases may share one); none for a phase that draws nothing. */
  readonly stream?: string;
  /** The scenario section whose `enabled: false` switches the phase's mechanism off, and its place in the default lever order. */
  readonly lever?: { readonly section: string; readonly rank: number };
  /** Runs in each matching round rather than once a year. */
  readonly round?: boolean;
  /** One line for the schedule in docs/MODEL.md. */
  readonly does: string;
}

export const PHASE_REGISTRY = [
  { name: 'tools', stream: 'tools', lever: { section: 'tools', rank: 3 }, does: 'M(y): thresholds θ_d(y), productivity, learning speed' },
  { name: 'demand', stream: 'demand', does: "firm closures and births; this year's growth g_f of every firm's plan" },
  { name: 'education', stream: 'education', lever: { section: 'education', rank: 1 }, does: 'students drop out or graduate (graduates start seeking); new cohorts enrol' },
  { name: 'upskilling', stream: 'upskilling', lever: { section: 'upskilling', rank: 2 }, does: 'trainees complete or return; corporate and external enrolment' },
  { name: 'switching', stream: 'switching', does: 'adjacent engineers study on their own; those now qualified start seeking' },
  { name: 'migration', stream: 'migration', lever: { section: 'migration', rank: 5 }, does: 'immigrants start seeking; emigration of GenAI workers and seekers' },
  { name: 'quits', stream: 'quits', round: true, does: 'seekers give up (leave); GenAI workers quit and join the pool' },
  { name: 'vacancies', stream: 'vacancies', round: true, does: "plans grow a round's share; firms post and cancel postings" },
  { name: 'matching', stream: 'matching', round: true, does: 'candidates and postings counted; applications, offers, hires' },
  { name: 'withdrawals', stream: 'vacancies', round: true, does: 'unfilled postings are withdrawn; plans lose them' },
  { name: 'acquihires', stream: 'acquihires', lever: { section: 'acquihires', rank: 4 }, does: 'retention cliffs; deals when the market has been short for triggerYears' },
  { name: 'wages', does: "the AI premium moves towards its level for this year's tightness" },
  { name: 'attrition', stream: 'attrition', does: 'exits and retirements; the adjacent workforce topped up to its level' },
] as const satisfies readonly PhaseDeclaration[];

type Registry = typeof PHASE_REGISTRY;
export type Phase = Registry[number]['name'];
type WithStream = Extract<Registry[number], { stream: string }>;
type WithLever = Extract<Registry[number], { lever: { section: string } }>;

/** Phase names in step order. */
export const PHASES = PHASE_REGISTRY.map((p) => p.name) as readonly Phase[];

/** The random streams of one replication: the start state's, then each phase's, once each. */
export const STREAMS = ['initial', ...new Set(PHASE_REGISTRY.flatMap((p: PhaseDeclaration) => (p.stream ? [p.stream] : [])))] as readonly ('initial' | WithStream['stream'])[];
export type StreamName = (typeof STREAMS)[number];

/** The levers: scenario sections with an `enabled` switch, in the default order of `attribute`. */
export const LEVERS = PHASE_REGISTRY.flatMap((p: PhaseDeclaration) => (p.lever ? [p.lever] : []))
  .sort((a, b) => a.rank - b.rank)
  .map((l) => l.section) as readonly WithLever['lever']['section'][];
export type Lever = (typeof LEVERS)[number];

/** The schedule of docs/MODEL.md §3, from the registry (a test keeps the document equal to it). */
export function scheduleText(): string {
  const lines = ['stepYear(y):', '  counters ← 0; flows ← 0'];
  let step = 0;
  let roundStep = 0;
  let sub = 0;
  for (const p of PHASE_REGISTRY as readonly PhaseDeclaration[]) {
    if (p.round) {
      if (sub === 0) {
        roundStep = ++step;
        lines.push(`  ${String(roundStep).padEnd(3)}matching     pool ← qualified seekers`, '                  for r = 1 … R:');
      }
      lines.push(`                    ${roundStep}${String.fromCharCode(97 + sub++)} ${p.name.padEnd(13)}${p.does}`);
    } else {
      lines.push(`  ${String(++step).padEnd(3)}${p.name.padEnd(13)}${p.does}`);
    }
  }
  lines.push('recordYear(y)');
  return lines.join('\n');
}
