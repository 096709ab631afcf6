/**
 * The unit of every value a scenario holds, next to the schema (schema.ts) that defines the
 * values: what one unit of the number is ("persons", "USD nominal per year", "years"), and whether
 * it is a share or rate written as a fraction and read as a percentage (0.132 → 13.2%). `hiresim
 * explain` shows each value with its unit; the test walks the JSON Schema so that a field added to
 * the schema without a unit here fails.
 *
 * Paths are dotted, `*` standing for one key of a record (a firm segment, a programme, a skill, a
 * constant). Pay and money are nominal US dollars of the year they are paid in.
 */

export interface Unit {
  /** What the number measures, shown after it: "persons", "per year", "of graduates". */
  readonly label: string;
  /** Stored as a fraction, shown as a percentage: 0.132 is 13.2% (a formula's result is a fraction too). */
  readonly percent?: true;
}

const u = (label: string): Unit => ({ label });
const pct = (label: string): Unit => ({ label, percent: true });

const SKILL = u('skill (0–1)');
const SKILL_SD = u('skill sd (0–1 scale)');
const ELASTICITY = u('elasticity');
const YEARS = u('years');
const YEAR = u('year');
const PER_YEAR = pct('per year');
const CATEGORY = u('category');
const SWITCH = u('on/off');

/** Unit of each field by path pattern; settings (plain numbers, names, switches) included. */
export const UNITS: Readonly<Record<string, Unit>> = {
  // Settings
  seed: u('seed'),
  replications: u('replications'),
  baseYear: YEAR,
  startYear: YEAR,
  burnInYears: YEARS,
  horizon: YEAR,
  scale: u('persons per agent'),
  'closure.threshold': pct('gap'),
  'closure.sustainYears': YEARS,
  'constants.*': u('as the formulas read it'),
  explore: u('sliders of hiresim explore (not a model input)'),

  'population.adjacent': u('persons'),
  'population.students': u('× steady-state enrolment'),
  'population.skills.*.mean.*': SKILL,
  'population.skills.*.sd': SKILL_SD,
  'population.skillCorrelation': u('correlation'),
  'population.aptitude.sd': u('sd of log aptitude'),
  'population.careerYears': YEARS,
  'qualification.thresholds.*': SKILL,

  'firms.*.kind': CATEGORY,
  'firms.*.count': u('firms'),
  'firms.*.headcount': u('persons per firm'),
  'firms.*.payRatio': u('× adjacent pay'),
  'firms.*.workGrowth': pct('log growth per year'),
  'firms.*.trainingPlaces': u('places per firm per year'),
  'firms.*.acquisitionBudget': u('USD nominal per firm per year'),
  'firms.*.acquirable': u('yes/no'),
  'firms.*.birthRate': pct('new firms per firm per year'),
  'firms.*.exitRate': PER_YEAR,

  'demand.growth': pct('log growth per year'),
  'demand.shockSd': pct('sd of the log shock'),
  'demand.payElasticity': ELASTICITY,
  'demand.postingLifetimeMonths': u('months'),

  'tools.enabled': SWITCH,
  'tools.maturity': u('index (0–1)'),
  'tools.breakthroughProbability': PER_YEAR,
  'tools.breakthroughJump': u('maturity index (0–1)'),
  'tools.thresholdRelief.*': pct('of threshold per unit maturity'),
  'tools.productivityGain': pct('per unit maturity'),
  'tools.learningBoost': pct('per unit maturity'),

  'education.enabled': SWITCH,
  'education.programmes.*.level': CATEGORY,
  'education.programmes.*.intake': u('students per year'),
  'education.programmes.*.durationYears': YEARS,
  'education.programmes.*.dropout': pct('of a cohort'),
  'education.programmes.*.genaiTrack': pct('of graduates'),
  'education.programmes.*.skills.mean.*': SKILL,
  'education.programmes.*.skills.sd': SKILL_SD,
  'education.programmes.*.legacySkills.mean.*': SKILL,
  'education.programmes.*.legacySkills.sd': SKILL_SD,
  'education.curriculumAdoption': pct('of programmes'),
  'education.capacityElasticity': ELASTICITY,
  'education.capacityLagYears': YEARS,
  'education.maxIntakeGrowth': PER_YEAR,

  'upskilling.enabled': SWITCH,
  'upskilling.programmes.*.kind': CATEGORY,
  'upskilling.programmes.*.capacity': u('places per year'),
  'upskilling.programmes.*.durationMonths': u('months'),
  'upskilling.programmes.*.completion': pct('of trainees'),
  'upskilling.programmes.*.costPerTrainee': u('USD nominal per trainee'),
  'upskilling.programmes.*.studyUnits': u('study units'),
  'upskilling.skillGain.*': u('skill per study unit'),
  'upskilling.selfEnrolmentRate': pct('of adjacent engineers per year'),
  'upskilling.selfStudyRate': pct('of adjacent engineers per year'),
  'upskilling.selfStudyUnits': u('study units per year'),
  'upskilling.premiumElasticity': ELASTICITY,
  'upskilling.prospectsElasticity': ELASTICITY,

  'matching.scheme': CATEGORY,
  'matching.rounds': u('rounds per year'),
  'matching.applications': u('applications per round'),
  'matching.screening': pct('of applications'),
  'matching.payWeight': u('exponent'),

  'acquihires.enabled': SWITCH,
  'acquihires.triggerYears': YEARS,
  'acquihires.probability': PER_YEAR,
  'acquihires.pricePerEngineer': u('USD nominal per engineer'),
  'acquihires.retentionCliffYears': YEARS,
  'acquihires.leaveAtCliff': pct('of acquired staff'),

  'wages.adjacentPay': u('USD nominal per year'),
  'wages.curveElasticity': ELASTICITY,
  'wages.adjustment': pct('of the distance per year'),
  'wages.downwardAdjustment': pct('of the distance per year'),
  'wages.dispersion': u('sd of log pay'),

  'attrition.turnover': PER_YEAR,
  'attrition.exitRate': PER_YEAR,
  'attrition.seekerExitRate': PER_YEAR,

  'migration.enabled': SWITCH,
  'migration.immigrants': u('persons per year'),
  'migration.emigrationRate': PER_YEAR,
};

const PATTERNS = Object.entries(UNITS).map(([pattern, unit]) => ({ segments: pattern.split('.'), unit }));

/** The unit of the value at a dotted path (`firms.startups.count` → firms), or undefined for a path the table does not know. */
export function unitOf(path: string): Unit | undefined {
  const segments = path.split('.');
  const match = PATTERNS.find((p) => p.segments.length === segments.length && p.segments.every((s, k) => s === '*' || s === segments[k]));
  return match?.unit;
}

/** A number in a unit: a percentage for shares and rates (0.132 → "13.2%"), otherwise as `format` writes it. */
export function inUnit(x: number, unit: Unit, format: (x: number) => string): string {
  // Six significant digits, as formatNumber shows fractions; the percentage keeps all of them.
  return unit.percent ? `${format(Number((x * 100).toPrecision(6)))}%` : format(x);
}
