/**
 * The report's per-year charts drawn in-process from small hand-made results (a run and a
 * comparison of two scenarios: three scenarios in all): the headline chart of qualified candidates
 * per 100 open positions on a log axis whose domain covers every band, one panel and one colour
 * per scenario, the premium's ticks in ×, pay said to be nominal, and the not-closed share labelled
 * beside its bar rather than at 0%.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { closingTicks, notClosedLabels, renderCharts } from '../../src/report/charts.js';
import { candidatesBand, gatherReportData } from '../../src/report/series.js';
import { comparisonFixture, runFixture } from '../output/fixtures.js';

type LinkedDocument = ReturnType<typeof parseHTML>['document'];
type LinkedElement = NonNullable<ReturnType<LinkedDocument['querySelector']>>;

/** The comparison as written before it recorded candidatesPer100: the chart derives it from the gap. */
function comparisonWithoutMeasure() {
  const c = comparisonFixture(2023);
  return { ...c, scenarios: c.scenarios.map((x) => ({ ...x, years: x.years.map(({ candidatesPer100: _, ...row }: Record<string, unknown>) => row) })) } as unknown as typeof c;
}

const data = gatherReportData([
  { kind: 'run', file: 'summary.json', summary: runFixture(2023).summary },
  { kind: 'compare', file: 'comparison.json', summary: comparisonWithoutMeasure() },
]);
const set = renderCharts(data, Plot, parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as never);
const chart = (id: string) => {
  const found = set.charts.find((c) => c.id === id);
  expect(found, id).toBeDefined();
  return found!;
};
const svgOf = (id: string) => [...parseHTML(`<div>${chart(id).html}</div>`).document.querySelectorAll('svg')].find((svg) => svg.getAttribute('viewBox') !== null)!;

/** A text's position: its transform's translate, else its x/y attributes. */
function position(el: LinkedElement): { x: number; y: number } {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '');
  return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: Number(el.getAttribute('x') ?? 0), y: Number(el.getAttribute('y') ?? 0) };
}

/** The tick labels of an axis in the first panel: text and pixel position. */
function ticks(svg: LinkedElement, axis: 'x' | 'y'): { text: string; at: number }[] {
  const group = svg.querySelector(`[aria-label="${axis}-axis tick label"]`)!;
  const panel = group.querySelector(':scope > g') ?? group;
  return [...panel.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', at: position(t)[axis] }));
}

const axisLabel = (svg: LinkedElement, axis: 'x' | 'y') => svg.querySelector(`[aria-label="${axis}-axis label"]`)?.textContent ?? '';

describe('the headline chart: qualified candidates per 100 open positions', () => {
  it('replaces the gap on a linear axis by the measure on a log axis with round 1–2–5 ticks', () => {
    const svg = svgOf('candidates');
    expect(axisLabel(svg, 'y')).toContain('qualified candidates per 100 open positions (log scale)');
    const y = ticks(svg, 'y').map((t) => ({ value: Number(t.text.replace(/,/g, '')), at: t.at }));
    expect(y.length).toBeGreaterThanOrEqual(4);
    for (const t of y) expect([1, 2, 5], t.value.toString()).toContain(Number((t.value / 10 ** Math.floor(Math.log10(t.value))).toPrecision(6)));
    expect(y.map((t) => t.value)).toContain(100);
    // Log: pixels per decade are the same everywhere on the axis.
    const perDecade = y.slice(1).map((t) => (t.at - y[0].at) / Math.log10(t.value / y[0].value));
    for (const p of perDecade) expect(p).toBeCloseTo(perDecade[0], 6);
    expect(chart('candidates').caption).toContain('Log scale');
  });

  it('has a domain that covers every band, so nothing is clipped', () => {
    const y = ticks(svgOf('candidates'), 'y').map((t) => Number(t.text.replace(/,/g, '')));
    const bands = data.series.flatMap((s) => s.years.map((row) => candidatesBand(row)!));
    expect(Math.min(...y)).toBeLessThanOrEqual(Math.min(...bands.map((b) => b.p10)));
    expect(Math.max(...y)).toBeGreaterThanOrEqual(Math.max(...bands.map((b) => b.p90)));
    // The comparison records only the gap: its scenarios' measure is derived from it, and the caption says so.
    expect(chart('candidates').caption).toContain('For base, variant, computed from the gap as 100 × (1 − gap)');
  });

  it('draws the balance rule at 100 and writes the base year\'s median', () => {
    const svg = svgOf('candidates');
    const hundred = ticks(svg, 'y').find((t) => t.text === '100')!;
    const rule = svg.querySelector('[aria-description="balance"] line')!;
    expect(Number(rule.getAttribute('y1'))).toBeCloseTo(hundred.at, 6);
    const values = [...svg.querySelectorAll('[aria-description="median value"] text')].map((t) => t.textContent);
    // Each scenario's median in its base year (2025) and at its horizon, rounded.
    const expected = data.series.flatMap((x) => [x.baseYear, x.horizon].map((year) => String(Math.round(candidatesBand(x.years.find((row) => row.year === year)!)!.p50))));
    expect([...values].sort()).toEqual([...expected].sort());
    // 100 × (1 − 0.5) = 50 in 2025 for both scenarios of the comparison.
    expect(values).toContain('50');
  });

  it('gives each scenario its own panel and colour, with a legend, outlined bands and bold medians', () => {
    const svg = svgOf('candidates');
    const panels = [...svg.querySelectorAll('[aria-label="fy-axis tick label"] text')].map((t) => t.textContent);
    expect(panels).toEqual(['fixture', 'base', 'variant']);
    const fills = [...svg.querySelectorAll('[aria-description="band"] path')].map((p) => p.getAttribute('fill'));
    expect(new Set(fills).size).toBe(3);
    expect(svg.querySelectorAll('[aria-description="band outline"] path').length).toBe(6);
    const legend = [...parseHTML(`<div>${chart('candidates').html}</div>`).document.querySelectorAll('[class$="-swatch"]')].map((s) => s.textContent);
    expect(legend).toEqual(['fixture', 'base', 'variant']);
  });
});

describe('the other per-year charts', () => {
  it('labels the premium\'s ticks as multiples (4×) and each scenario in its panel', () => {
    const labels = ticks(svgOf('premium'), 'y').map((t) => t.text);
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^[\d,]+(\.\d+)?×$/);
  });

  it('says pay is in nominal US dollars', () => {
    expect(chart('pay').title).toContain('nominal US dollars');
    expect(axisLabel(svgOf('pay'), 'y')).toContain('nominal US dollars');
  });

  it('draws the paired ratio of candidates per 100 open positions on a log axis, ×1 ruled', () => {
    const svg = svgOf('paired-differences');
    expect(axisLabel(svg, 'y')).toContain('ratio of qualified candidates per 100 open positions');
    expect(svg.querySelector('[aria-label="y-axis tick"]')?.parentElement?.outerHTML ?? svg.outerHTML).toBeTruthy();
    // The variant has ×1.17 the reference's candidates per 100 from 2025: ticks read as factors.
    const labels = ticks(svg, 'y').map((t) => t.text);
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label).toMatch(/^×[\d.]+$/);
    const at = ticks(svg, 'y');
    // A log axis: equal ratios, equal distances (×1 to ×1.1 vs ×1.1 to ×1.21 when both are ticks), or at least monotone.
    for (let k = 1; k < at.length; k++) expect(Number(at[k].text.slice(1)) > Number(at[k - 1].text.slice(1))).toBe(at[k].at < at[k - 1].at);
  });
});

describe('P(closed by year)', () => {
  it('labels each not-closed share beside its bar, between 100% and where the line ends, not at 0%', () => {
    const svg = svgOf('closing-year');
    const y = ticks(svg, 'y');
    const at = (share: number) => y.find((t) => t.text === '0%')!.at + share * (y.find((t) => t.text === '100%')!.at - y.find((t) => t.text === '0%')!.at);
    const labels = [...svg.querySelectorAll('[aria-description="not closed label"] text')];
    // Wrapped onto lines (tspans); each scenario's own horizon.
    const text = (t: LinkedElement) => ([...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') || t.textContent) ?? '';
    expect(labels.map(text)).toEqual(['25% not closed by 2031: base, variant', '50% not closed by 2027: fixture']);
    // Each label sits inside its share's span below 100%, where the bar is.
    for (const [label, share] of [[labels[0], 0.25], [labels[1], 0.5]] as const) {
      const top = position(label).y;
      expect(top).toBeGreaterThanOrEqual(at(1) - 8);
      expect(top).toBeLessThanOrEqual(at(1 - share) + 1);
    }
    expect(ticks(svg, 'x').at(-1)!.text).toBe('after 2031');
  });

  it('keeps labels apart and year ticks clear of the "after" tick', () => {
    const labels = notClosedLabels([{ scenario: 'a', share: 0.1, horizon: 2045 }, { scenario: 'b', share: 0.12, horizon: 2045 }, { scenario: 'c', share: 0.1, horizon: 2045 }], true);
    expect(labels.map((l) => l.text)).toEqual(['10% not closed by 2045: a, c', '12% not closed by 2045: b']);
    expect(labels[0].y - labels[1].y).toBeGreaterThanOrEqual(0.16 - 1e-12);
    expect(notClosedLabels(['a', 'b', 'c'].map((scenario) => ({ scenario, share: 0, horizon: 2045 })), true)[0].text).toBe('0% not closed by 2045: every scenario');
    expect(notClosedLabels([{ scenario: 'a', share: 0.3, horizon: 2045 }], false)).toEqual([{ y: 0.85, text: '30% not closed by 2045' }]);
    expect(closingTicks(2025, 2045)).toEqual([2025, 2027, 2029, 2031, 2033, 2035, 2037, 2039, 2041, 2043]);
    expect(closingTicks(2025, 2031)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031]);
  });
});
