/**
 * The report's per-year charts with history years (startYear 2023, baseYear 2025), drawn in-process
 * from small hand-made results: the history years shaded and labelled, a rule where the projection
 * starts, captions naming the base year, P(closed by year) from the base year; nothing of it
 * without history.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderCharts, type ChartSet } from '../../src/report/charts.js';
import { historyCaption, historySpans } from '../../src/report/history-marks.js';
import { gatherReportData } from '../../src/report/series.js';
import { comparisonFixture, runFixture } from '../output/fixtures.js';

type LinkedDocument = ReturnType<typeof parseHTML>['document'];

const PER_YEAR = ['candidates', 'paired-differences', 'entrants', 'pay', 'premium'];
const HISTORY_MARKS = ['history', 'projection start', 'history label', 'projection label'];

function charts(startYear: number): ChartSet {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const data = gatherReportData([
    { kind: 'run', file: 'summary.json', summary: runFixture(startYear).summary },
    { kind: 'compare', file: 'comparison.json', summary: comparisonFixture(startYear) },
  ]);
  return renderCharts(data, Plot, document as never);
}

const figures = (set: ChartSet) => set.charts.map((c) => `<figure class="chart" data-chart="${c.id}">${c.html}</figure>`).join('\n');

/** Per chart: the history marks among the aria-descriptions of its mark groups, and how many elements each draws. */
function describedMarks(html: string): Map<string, Map<string, number>> {
  const { document } = parseHTML(html);
  return new Map(
    [...document.querySelectorAll('figure.chart')].map((figure) => [
      figure.getAttribute('data-chart') ?? '',
      new Map([...figure.querySelectorAll('[aria-description]')].filter((g) => HISTORY_MARKS.includes(g.getAttribute('aria-description') ?? '')).map((g) => [g.getAttribute('aria-description') ?? '', g.querySelectorAll('rect, line, text').length])),
    ]),
  );
}

/** The chart's main SVG (Plot's, with a viewBox; a legend's swatches have none). */
const plotSvg = (document: LinkedDocument, id: string) => [...document.querySelectorAll(`[data-chart="${id}"] svg`)].find((svg) => svg.getAttribute('viewBox') !== null)!;

describe('historySpans and historyCaption', () => {
  it('finds the history years of each base year from the rows marked history', () => {
    const rows = (from: number, base: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => ({ year: from + k, history: from + k < base }));
    expect(historySpans([rows(2023, 2025, 2030), rows(2021, 2025, 2030)])).toEqual([{ first: 2021, baseYear: 2025 }]);
    expect(historySpans([rows(2025, 2025, 2030), [{ year: 2025 }]])).toEqual([]);
    expect(historySpans([rows(2020, 2022, 2030), rows(2023, 2025, 2030)])).toEqual([{ first: 2020, baseYear: 2022 }, { first: 2023, baseYear: 2025 }]);
  });

  it('states the base year with or without history', () => {
    expect(historyCaption([], [2025, 2025])).toBe('The projection starts at the base year 2025.');
    expect(historyCaption([{ first: 2023, baseYear: 2025 }], [2025])).toBe(
      'Shaded, left of the vertical dashed line: history (2023–2024), years before the base year 2025 simulated from a stationary start to compare with observed data; the projection starts at the base year 2025.',
    );
  });
});

describe('report charts with history years', () => {
  const set = charts(2023);
  const marks = describedMarks(figures(set));
  const { document } = parseHTML(figures(set));

  it('shades and labels the history years on every per-year chart, each mark drawn once per facet', () => {
    for (const id of PER_YEAR) {
      const chart = marks.get(id)!;
      expect(chart, id).toBeDefined();
      // Charts of several scenarios are faceted by scenario (three here; one comparison): the marks repeat in every facet.
      const facets = id === 'paired-differences' ? 1 : 3;
      expect([...chart.keys()], id).toEqual(HISTORY_MARKS);
      for (const mark of HISTORY_MARKS) expect(chart.get(mark), `${id} ${mark}`).toBe(facets);
    }
    const labels = [...document.querySelectorAll('[data-chart="candidates"] [aria-description$="label"] text')].map((t) => t.textContent);
    // One history label and one projection label per facet.
    expect(labels.filter((l) => l !== '100 = balance').sort()).toEqual([...Array(3).fill('projection from 2025 →'), ...Array(3).fill('← history')].sort());
  });

  it('puts the rule half-way between the last history year and the base year', () => {
    const svg = plotSvg(document, 'candidates');
    const tickX = (year: string) => {
      const label = [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].find((t) => t.textContent === year)!;
      return Number(/translate\(([\d.]+),/.exec(label.getAttribute('transform') ?? '')![1]);
    };
    const rule = svg.querySelector('[aria-description="projection start"] line')!;
    expect(Number(rule.getAttribute('x1'))).toBeCloseTo((tickX('2024') + tickX('2025')) / 2, 6);
    // The shading runs from the first year (the left edge) to the rule.
    const rect = svg.querySelector('[aria-description="history"] rect')!;
    expect(Number(rect.getAttribute('x'))).toBeCloseTo(tickX('2023'), 6);
    expect(Number(rect.getAttribute('x')) + Number(rect.getAttribute('width'))).toBeCloseTo(Number(rule.getAttribute('x1')), 6);
  });

  it('says so in the captions, and counts P(closed by year) from the base year', () => {
    for (const id of PER_YEAR) expect(set.charts.find((c) => c.id === id)!.caption, id).toContain('history (2023–2024), years before the base year 2025');
    const closing = set.charts.find((c) => c.id === 'closing-year')!;
    expect(closing.caption).toContain('by each year, counted from the base year 2025 (history years, before it, never close the gap)');
    expect([...marks.get('closing-year')!.keys()]).toEqual([]);
    // Its axis starts at the base year: no tick of a history year (drawn off the chart before).
    const ticks = [...parseHTML(closing.html).document.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['2025', '2026', '2027', '2028', '2029', '2030', '2031', 'after 2031']);
  });
});

describe('report charts without history', () => {
  const set = charts(2025);
  const marks = describedMarks(figures(set));

  it('has no history marks, and the captions still name the base year', () => {
    expect(marks.size).toBe(set.charts.length);
    for (const [id, described] of marks) expect([...described.keys()], id).toEqual([]);
    for (const id of PER_YEAR) expect(set.charts.find((c) => c.id === id)!.caption, id).toContain('The projection starts at the base year 2025.');
    expect(set.charts.find((c) => c.id === 'closing-year')!.caption).toContain('by each year, counted from the base year 2025. Thick bars');
  });
});
