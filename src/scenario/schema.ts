/**
 * The scenario schema: the one source of truth for validation, for the
 * TypeScript types of a scenario (`Scenario`) and for the JSON Schema that
 * editors use (`hiresim schema`). Unknown keys are errors everywhere, so a typo
 * cannot pass silently.
 *
 * Numeric model inputs are `param(domain, description)`: a number, a formula
 * or a distribution, with an optional source. Structural settings (years,
 * seeds, counts of rounds) are plain numbers.
 */
import * as z from 'zod';
import { param } from './param.js';
import { exploreSchema } from './explore.js';

/** The five skill dimensions (docs/MODEL.md §2.1), in the order used by the worker arrays. */
export const SKILLS = ['llm', 'mlTheory', 'mlops', 'cloud', 'software'] as const;
export type Skill = (typeof SKILLS)[number];

const skillVector = (domain: 'share' | 'nonneg', what: string) =>
  z
    .strictObject({
      llm: param(domain, `${what}: LLMs and foundation models`),
      mlTheory: param(domain, `${what}: ML / deep-learning theory`),
      mlops: param(domain, `${what}: MLOps`),
      cloud: param(domain, `${what}: cloud platforms`),
      software: param(domain, `${what}: software engineering`),
      source: z.string().min(1).optional().describe('Source of the whole vector, or "assumption: why"'),
    })
    .describe(`${what}, per skill dimension (0 = none, 1 = expert)`);

const skillProfile = (what: string) =>
  z
    .strictObject({
      mean: skillVector('share', `Mean skill of ${what}`),
      sd: param('nonneg', `Spread (standard deviation) of each skill of ${what} around its mean`),
    })
    .describe(`Skills of ${what}`);

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a name of letters, digits, _ and -');
const wholeYear = z.int().min(1900).max(2200);
const switchOn = (lever: string) => z.boolean().describe(`Turn the ${lever} lever on or off (to measure what it contributes)`);

export const FIRM_KINDS = ['frontier', 'prominent', 'bigtech', 'enterprise', 'startup'] as const;

const firm = z
  .strictObject({
    kind: z.enum(FIRM_KINDS).describe('frontier lab, one of the seed\'s "100 prominent GenAI companies", big tech, other enterprise, or startup'),
    description: z.string().optional(),
    count: param('count', 'Number of firms of this segment in the first simulated year'),
    headcount: param('count', 'Planned GenAI team per firm (staff plus open positions): in the first simulated year, and for firms born later'),
    payRatio: param('positive', 'Median GenAI pay at these firms ÷ adjacent software pay when qualified candidates and open positions balance (the structural premium of the segment)'),
    workGrowth: param('real', 'Extra annual growth of GenAI work at these firms, added to demand.growth'),
    trainingPlaces: param('count', 'Corporate upskilling places per firm per year when none of its openings can be filled (scaled by last year\'s gap)'),
    acquisitionBudget: param('nonneg', 'Cash per firm per year available for acqui-hires (USD)'),
    acquirable: z.boolean().describe('Whether firms of this segment can be acquired for their team'),
    birthRate: param('nonneg', 'New firms per existing firm per year (startups are born)'),
    exitRate: param('probability', 'Probability per year that a firm closes (startups die); staff become seekers'),
  })
  .describe('One segment of firms');

const universityProgramme = z
  .strictObject({
    level: z.enum(['bachelor', 'master', 'phd']),
    intake: param('count', 'Students starting the programme per year'),
    durationYears: z.int().min(1).max(8).describe('Years from intake to graduation'),
    dropout: param('probability', 'Share of a cohort leaving before graduation'),
    genaiTrack: param('share', 'Share of graduates who seek GenAI work'),
    skills: skillProfile('graduates whose curriculum has fully adopted GenAI content'),
    legacySkills: skillProfile('graduates of a curriculum without GenAI content'),
  })
  .describe('A university programme feeding the market');

const upskillingProgramme = z
  .strictObject({
    kind: z.enum(['corporate', 'external']).describe('corporate: run by firms for their adjacent engineers; external: bootcamps and online courses people join themselves'),
    capacity: param('count', 'Places per year (corporate: a cap on top of firms\' training places)'),
    durationMonths: param('positive', 'Length of the programme in months'),
    completion: param('probability', 'Share of trainees who complete'),
    costPerTrainee: param('nonneg', 'Cost per enrolled trainee (USD)'),
    studyUnits: param('nonneg', 'Units of GenAI study (upskilling.skillGain) a trainee of average aptitude gains by completing'),
  })
  .describe('An upskilling programme');

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema of this file, for editors'),
    // Printed in every plan line, table title and report heading: a name, not a text.
    name: z.string().min(1).max(200).describe('Short name of the scenario (at most 200 characters)'),
    description: z.string().describe('What question the scenario asks and why its numbers'),
    extends: z.string().min(1).optional().describe('A scenario file (relative to this one) to inherit and override'),
    sources: z.record(identifier, z.string().min(1)).describe('Bibliography: a key per source, cited by the parameters\' source fields'),
    assumptions: z.array(z.string().min(1)).describe('Modelling assumptions, stated in words'),
    seed: z.union([z.int().min(0), z.string().min(1)]).describe('Master seed of the seed tree'),
    replications: z.int().min(1).max(100_000).describe('Monte Carlo replications'),
    baseYear: wholeYear.describe('The seed\'s year (2025: 47 qualified candidates per 100 open positions): answers start here, and formulas see t = year − baseYear'),
    startYear: wholeYear.optional().describe('First simulated year (default: baseYear). Years before baseYear are history: simulated from a stationary start, fitted and compared with observed series'),
    burnInYears: z.int().min(0).max(200).optional().describe('Years simulated under start-year conditions before startYear, not recorded, so that stocks and flows settle (default 0)'),
    horizon: wholeYear.describe('Last simulated year'),
    scale: z.int().min(1).describe('Persons per worker agent (1 = full size)'),
    closure: z
      .strictObject({
        threshold: z.number().min(-1).max(1).describe('The gap counts as closed at or below this value (0 = as many qualified candidates as open positions)'),
        sustainYears: z.int().min(1).describe('Years the gap must stay at or below the threshold'),
      })
      .describe('When the gap counts as closed'),
    constants: z.record(identifier, param('real', 'A named constant for formulas (a number or a distribution)')).describe('Named constants that formulas may read'),

    population: z
      .strictObject({
        adjacent: param('count', 'Software engineers in adjacent (non-GenAI) work in each year (a formula of year): the pool for switchers and upskilling; retirements and moves out are replaced up to this level'),
        students: param('count', 'Students enrolled at the start, spread over programme years (share of steady-state enrolment)'),
        skills: z.strictObject({
          genai: skillProfile('the GenAI workforce at the start and immigrants'),
          adjacent: skillProfile('adjacent software engineers'),
        }),
        skillCorrelation: param('share', 'Correlation between a person\'s skills (a common ability factor)'),
        aptitude: z.strictObject({
          sd: param('nonneg', 'Spread of learning aptitude (log-normal, median 1)'),
        }),
        careerYears: param('positive', 'Mean remaining career in years (retirement hazard 1 / careerYears)'),
      })
      .describe('The workers'),
    qualification: z
      .strictObject({
        thresholds: skillVector('share', 'Skill needed to be qualified for GenAI work at the base year\'s tool maturity (tools move it with maturity)'),
      })
      .describe('"Qualified" means every skill at or above its threshold in that year'),
    firms: z.record(identifier, firm).describe('Firm segments by name'),

    demand: z
      .strictObject({
        growth: param('real', 'Annual log growth of GenAI work (a formula of year: the dated driver of demand)'),
        shockSd: param('nonneg', 'Standard deviation of the yearly log shock to GenAI work, shared by all firms'),
        payElasticity: param('nonneg', 'Elasticity of planned headcount to the AI pay premium (plans shrink as the premium rises)'),
        postingLifetimeMonths: param('positive', 'Mean months an unfilled posting stays open before it is withdrawn (firms give up, reassign the work or lean on tools)'),
      })
      .describe('Mechanism 1: demand for GenAI work'),
    tools: z
      .strictObject({
        enabled: switchOn('tool-improvement'),
        maturity: param('share', 'Tool-maturity index M(t), 0 to 1 (a formula of t)'),
        breakthroughProbability: param('probability', 'Probability per year of a breakthrough that jumps maturity'),
        breakthroughJump: param('share', 'Maturity added by a breakthrough'),
        thresholdRelief: skillVector('share', 'Share of the base-year qualification threshold removed per unit of maturity gained since the base year'),
        productivityGain: param('real', 'Productivity gain per unit of maturity: productivity ∝ 1 + gain · M, relative to the base year (0.25 at M = 1 vs M = 0: one engineer does 25 % more)'),
        learningBoost: param('nonneg', 'Learning speed-up per unit of maturity: learning ∝ 1 + boost · M, relative to the base year'),
      })
      .describe('Mechanism 2: tool improvement'),
    education: z
      .strictObject({
        enabled: switchOn('university'),
        programmes: z.record(identifier, universityProgramme),
        curriculumAdoption: param('share', 'Share of programmes teaching GenAI content (a formula of t)'),
        capacityElasticity: param('nonneg', 'Response of intake to the lagged AI pay premium (elasticity; the premium is 1 in a balanced market)'),
        capacityLagYears: z.int().min(0).max(20).describe('Years before intake responds to the pay signal'),
        maxIntakeGrowth: param('nonneg', 'Largest yearly growth of intake'),
      })
      .describe('Mechanism 3: university graduates'),
    upskilling: z
      .strictObject({
        enabled: switchOn('upskilling'),
        programmes: z.record(identifier, upskillingProgramme),
        skillGain: skillVector('nonneg', 'Skill added by one unit of GenAI study at aptitude 1 (programmes and self-study teach the same profile, in different amounts)'),
        selfEnrolmentRate: param('probability', 'Share of adjacent engineers who enrol themselves in an external programme per year in a balanced market (AI premium 1)'),
        selfStudyRate: param('probability', 'Share of adjacent engineers who study GenAI on their own in a year in a balanced market (AI premium 1); those who qualify switch to seeking GenAI work'),
        selfStudyUnits: param('nonneg', 'Units of GenAI study (skillGain) a year of self-study adds, at aptitude 1'),
        premiumElasticity: param('nonneg', 'Elasticity of self-enrolment and self-study to the AI pay premium (1 in a balanced market)'),
        prospectsElasticity: param('nonneg', 'Elasticity of self-enrolment and self-study to last year\'s market tightness (open positions ÷ qualified candidates, 1 when balanced): people do not retrain into a glutted field'),
      })
      .describe('Mechanism 4: upskilling'),
    matching: z
      .strictObject({
        scheme: z.literal('urn-ball').describe('Urn–ball matching with several applications per seeker (del Rio-Chanona et al. 2021)'),
        rounds: z.int().min(1).max(52).describe('Matching rounds per year'),
        applications: param('positive', 'Applications per round by a qualified seeker'),
        screening: param('probability', 'Share of applications that reach a hiring decision within the round (hiring processes take weeks)'),
        payWeight: param('nonneg', 'Exponent on relative pay when seekers choose where to apply (0 = any open posting alike)'),
      })
      .describe('Mechanism 5: matching seekers to open positions'),
    acquihires: z
      .strictObject({
        enabled: switchOn('acqui-hire'),
        triggerYears: z.int().min(1).max(10).describe('Years running that open positions must have outnumbered qualified candidates before firms acquire'),
        probability: param('probability', 'Probability per year that an eligible firm acquires a startup'),
        pricePerEngineer: param('positive', 'Price paid per acquired engineer (USD)'),
        retentionCliffYears: z.int().min(1).max(10).describe('Years after the deal when retention packages vest (at least 1)'),
        leaveAtCliff: param('probability', 'Share of acquired staff who leave at the cliff'),
      })
      .describe('Mechanism 6: acqui-hires'),
    wages: z
      .strictObject({
        adjacentPay: param('positive', 'Median pay in adjacent software work in each year (USD; a formula of year)'),
        curveElasticity: param('nonneg', 'Elasticity of the equilibrium AI pay premium to tightness: premium* = (open positions ÷ qualified candidates)^elasticity'),
        adjustment: param('probability', 'Share of the distance to the equilibrium premium closed in a year when it lies above the current premium'),
        downwardAdjustment: param('probability', 'Share of the distance closed in a year when the equilibrium premium lies below (downward stickiness)'),
        dispersion: param('nonneg', 'Standard deviation of log pay around a firm\'s pay'),
      })
      .describe('Mechanism 7: wages'),
    attrition: z
      .strictObject({
        turnover: param('probability', 'Share of GenAI workers leaving their employer per year, for any reason: quits to search for another GenAI job, exits from the field, retirement and emigration together'),
        exitRate: param('probability', 'Probability per year that a GenAI worker leaves the field (part of turnover)'),
        seekerExitRate: param('probability', 'Probability per year that a seeker gives up on GenAI work and takes other work (a search hazard spread over the rounds)'),
      })
      .describe('Mechanism 8a: attrition'),
    migration: z
      .strictObject({
        enabled: switchOn('immigration'),
        immigrants: param('count', 'Qualified engineers immigrating per year (a policy lever)'),
        emigrationRate: param('probability', 'Probability per year that a GenAI worker or seeker emigrates (for workers, part of turnover)'),
      })
      .describe('Mechanism 8b: migration'),
    // Presentation, like name and sources: the sliders of `hiresim explore` (src/scenario/explore.ts).
    explore: exploreSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.startYear !== undefined && s.startYear > s.baseYear) {
      ctx.addIssue({ code: 'custom', path: ['startYear'], message: 'start after base year', params: { expected: `a year up to baseYear (${s.baseYear})`, found: `${s.startYear}` } });
    }
    if (s.horizon <= s.baseYear) {
      ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'horizon before base year', params: { expected: `a year after baseYear (${s.baseYear})`, found: `${s.horizon}` } });
    } else if (s.horizon - (s.startYear ?? s.baseYear) > 200) {
      ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'horizon too far', params: { expected: `at most 200 years after the first simulated year (${s.startYear ?? s.baseYear})`, found: `${s.horizon}` } });
    }
    if (Object.keys(s.firms).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['firms'], message: 'no firms', params: { expected: 'at least one firm segment', found: 'none' } });
    }
  });

/** A validated scenario, as the model reads it. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type FirmSegment = Scenario['firms'][string];
export type UniversityProgramme = Scenario['education']['programmes'][string];
export type UpskillingProgramme = Scenario['upskilling']['programmes'][string];

/** The JSON Schema (draft-07) of scenario files, for editors and `hiresim schema`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'hiresim scenario' };
}
