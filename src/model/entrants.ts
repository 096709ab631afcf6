/**
 * The sources of entrants to the GenAI labour market, declared once: the origin a new seeker is
 * tagged with, the metric that counts them each year, the short label of tables and charts, and
 * what the metric means. The metrics, the run table's columns, the CSV (a column per metric) and
 * the report's entrants chart are derived from this list, so a new supply channel is declared here
 * (and its phase tags its entrants with the origin).
 *
 * No imports: the expected-value recursion, the output and the report read it without the model.
 */
export const ENTRANT_SOURCES = [
  { origin: 'graduate', metric: 'entrantsGraduates', label: 'graduates', description: 'New university graduates seeking GenAI work' },
  { origin: 'upskilled', metric: 'entrantsUpskilled', label: 'upskilled', description: 'Trainees who completed a programme qualified' },
  { origin: 'switcher', metric: 'entrantsSwitchers', label: 'switchers', description: 'Qualified adjacent engineers who switched without training' },
  { origin: 'immigrant', metric: 'entrantsImmigrants', label: 'immigrants', description: "Engineers who immigrated (skills drawn like the GenAI workforce's)" },
] as const;

export type EntrantSource = (typeof ENTRANT_SOURCES)[number];
