/**
 * The explore page's script (served as /app.js), plain JavaScript for the browser: it builds the
 * controls from /api/setup, sends the view to /api/run on every change (aborting the previous
 * request, which the server cancels too), reads the server-sent events from the response stream,
 * and draws the three charts with Observable Plot (the global `Plot`, with `d3`, both served by
 * hiresim). It talks to nothing but its own server.
 *
 * Written without template literals, so it can live in a TypeScript string untouched. The last
 * answer is kept in `window.hiresimExplore` (tests read it; so can a curious user's console).
 */
export const PAGE_SCRIPT = String.raw`'use strict';
(function () {
  var WHAT_IF = '#0b6bcb';
  var SCENARIO = '#6e7781';
  var explore = { setup: null, state: null, phase: 'starting', runs: 0, accepted: null, expected: null, draft: null, result: null, problem: null };
  window.hiresimExplore = explore;
  var current = null;
  var debounce = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }
  function setPhase(phase) {
    explore.phase = phase;
    document.body.setAttribute('data-phase', phase);
  }

  // Numbers as a person reads them: shares as percentages, plain decimals, years in words.
  function plain(x) {
    if (x === 0) return '0';
    var r = Number(x.toPrecision(3));
    var digits = Math.max(0, Math.min(12, -Math.floor(Math.log10(Math.abs(r))) + 2));
    var parts = r.toFixed(digits).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    var fraction = (parts[1] || '').replace(/0+$/, '');
    return fraction === '' ? whole : whole + '.' + fraction;
  }
  function inUnit(control, x) {
    if (typeof x !== 'number') return String(x);
    if (control.unit && control.unit.percent) return plain(x * 100) + '%';
    return plain(x);
  }
  // A constant is "as the formulas read it": no unit worth showing.
  function unitLabel(control) {
    return control.unit && control.unit.label && !control.unit.percent && control.path.indexOf('constants.') !== 0 ? ' ' + control.unit.label : '';
  }
  function yearRange(p10, p90, horizon) {
    if (p10 === null) return 'after ' + horizon;
    if (p90 === null) return p10 + ' to after ' + horizon;
    return p10 === p90 ? String(p10) : p10 + '–' + p90;
  }
  function yearText(year, horizon) { return year === null ? 'after ' + horizon : String(year); }
  function duration(seconds) {
    if (seconds < 1) return seconds.toFixed(1) + ' s';
    if (seconds < 90) return Math.round(seconds) + ' s';
    return (seconds / 60).toFixed(1) + ' min';
  }

  // A slider's position: the value itself on a linear scale, 0…1000 on a log scale.
  function toPosition(c, v) {
    if (c.scale !== 'log') return v;
    return Math.round(1000 * Math.log(v / c.min) / Math.log(c.max / c.min));
  }
  function fromPosition(c, p) {
    if (c.scale !== 'log') {
      var step = c.step > 0 ? c.step : (c.max - c.min) / 100;
      var decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(step)) + 1));
      return Number(Number(p).toFixed(decimals));
    }
    return Number((c.min * Math.pow(c.max / c.min, Number(p) / 1000)).toPrecision(3));
  }

  function buildControls(setup) {
    var s = setup.scenario;
    $('scenario').textContent = '"' + s.name + '" (' + s.file + '): ' + s.description + ' Every change acts from ' + (setup.baseYear + 1) + ' on; the history (' + setup.startYear + '–' + (setup.baseYear - 1) + ') and the base year ' + setup.baseYear + ' stay the scenario\'s.';
    var levers = $('levers');
    setup.controls.levers.forEach(function (lever) {
      var box = el('input', { type: 'checkbox', id: 'lever-' + lever.lever });
      box.checked = lever.base;
      box.addEventListener('change', function () {
        if (box.checked === lever.base) delete explore.state.levers[lever.lever];
        else explore.state.levers[lever.lever] = box.checked;
        schedule(0);
      });
      levers.appendChild(el('label', { className: 'lever' }, [box, el('span', { text: lever.label + ' (' + lever.path + ')' })]));
    });
    var sliders = $('sliders');
    setup.controls.left.forEach(function (reason) { sliders.appendChild(el('p', { className: 'cost', text: reason + '.' })); });
    if (setup.controls.sliders.length === 0) sliders.appendChild(el('p', { className: 'cost', text: 'This scenario has no explore: section; only the levers can be changed.' }));
    setup.controls.sliders.forEach(function (c) {
      var range = el('input', { type: 'range', 'aria-label': c.label });
      if (c.scale === 'log') { range.min = 0; range.max = 1000; range.step = 1; }
      else { range.min = c.min; range.max = c.max; range.step = c.step > 0 ? c.step : 'any'; }
      range.value = toPosition(c, c.base);
      var text = el('input', { type: 'text', className: 'value', 'aria-label': c.label + ' (type a value: 53% or 0.53)' });
      text.value = inUnit(c, c.base);
      var shown = el('output', { text: inUnit(c, c.base) + unitLabel(c) });
      var reset = el('button', { type: 'button', text: 'reset', title: 'back to the scenario\'s value' });
      var box = el('div', { className: 'control', 'data-path': c.path }, [
        el('div', { className: 'head' }, [el('span', { text: c.label }), shown]),
        el('div', { className: 'row' }, [range, text, reset]),
        el('p', { className: 'base', text: 'scenario: ' + c.baseText + (c.from === 'whole' ? ' (replaced whole when changed)' : ' (changed from ' + (setup.baseYear + 1) + ' on)') + '; slider ' + inUnit(c, c.min) + '–' + inUnit(c, c.max) + (c.scale === 'log' ? ', log scale' : '') + '; ' + c.path }),
        el('p', { className: 'source', text: 'source: ' + (c.citation ? c.source + ': ' + c.citation : c.source || 'none given') }),
      ].concat(c.note ? [el('p', { className: 'note', text: 'Note: ' + c.note + '.' })] : []));
      function set(value, immediate) {
        if (value === '' || value === null) delete explore.state.values[c.path];
        else explore.state.values[c.path] = value;
        var v = explore.state.values[c.path];
        box.classList.toggle('changed', v !== undefined);
        shown.textContent = (v === undefined ? inUnit(c, c.base) : inUnit(c, v)) + unitLabel(c);
        schedule(immediate ? 0 : 150);
      }
      range.addEventListener('input', function () {
        var v = fromPosition(c, range.value);
        text.value = inUnit(c, v);
        set(v, false);
      });
      range.addEventListener('change', function () { set(fromPosition(c, range.value), true); });
      text.addEventListener('change', function () {
        var typed = text.value.trim();
        var percent = /^([-+]?[0-9.]+(e[-+]?[0-9]+)?)\s*%$/i.exec(typed);
        var n = percent ? Number(percent[1]) / 100 : /^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/i.test(typed) ? Number(typed) : NaN;
        if (isFinite(n) && n >= c.min && n <= c.max) range.value = toPosition(c, n);
        set(typed === '' ? '' : typed, true);
      });
      reset.addEventListener('click', function () {
        range.value = toPosition(c, c.base);
        text.value = inUnit(c, c.base);
        set('', true);
      });
      sliders.appendChild(box);
    });
    var scale = $('draft-scale');
    var scales = [setup.draft.scale, 20, 50, 100, 200, 500].filter(function (v, i, all) { return all.indexOf(v) === i && v >= 1; }).sort(function (a, b) { return a - b; });
    scales.forEach(function (v) { scale.appendChild(el('option', { value: String(v), text: '1 agent = ' + v })); });
    scale.value = String(setup.draft.scale);
    $('draft-reps').value = String(setup.draft.replications);
    $('draft-seed').value = String(setup.draft.seed);
    function draftChanged() {
      var reps = Math.round(Number($('draft-reps').value));
      var seed = $('draft-seed').value.trim();
      explore.state.draft = { scale: Number(scale.value), replications: isFinite(reps) && reps >= 1 ? reps : 1, seed: /^[0-9]{1,15}$/.test(seed) ? Number(seed) : seed || setup.draft.seed };
      showCost();
      schedule(0);
    }
    scale.addEventListener('change', draftChanged);
    $('draft-reps').addEventListener('change', draftChanged);
    $('draft-seed').addEventListener('change', draftChanged);
    $('copy-command').addEventListener('click', function () {
      var area = $('command');
      area.select();
      if (navigator.clipboard) navigator.clipboard.writeText(area.value).catch(function () { area.select(); });
    });
    $('save').addEventListener('click', save);
  }

  // The draft's cost as the CLI's plan line estimates it: replications × seconds each (timed on this machine) ÷ threads.
  function showCost() {
    var setup = explore.setup;
    var d = explore.state.draft;
    var runs = 2 * d.replications;
    var text = runs + ' replications at most (' + d.replications + ' of the what-if and ' + d.replications + ' of the scenario on the same seeds; cached ones are not run again) at 1 agent = ' + d.scale + ' persons on ' + setup.threads + ' thread' + (setup.threads === 1 ? '' : 's');
    if (setup.unitCost !== null) text += ': about ' + duration(runs * setup.unitCost / d.scale / Math.min(setup.threads, runs)) + ' at most';
    else text += '; the cost is estimated once the first replications are timed';
    $('draft-cost').textContent = text + '.';
  }

  function schedule(delay) {
    if (debounce !== null) clearTimeout(debounce);
    debounce = setTimeout(function () { debounce = null; run(); }, delay);
  }

  function run() {
    if (current) current.controller.abort();
    var me = { controller: new AbortController(), id: ++explore.runs };
    current = me;
    explore.accepted = null;
    explore.draft = null;
    explore.result = null;
    explore.problem = null;
    setPhase('sent');
    $('status').className = '';
    $('status').textContent = 'asking…';
    fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(explore.state), signal: me.controller.signal, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok || !response.body) throw new Error('the server answered ' + response.status);
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return;
            buffer += decoder.decode(chunk.value, { stream: true });
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              var block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              var event = 'message';
              var data = '';
              block.split('\n').forEach(function (line) {
                if (line.indexOf('event: ') === 0) event = line.slice(7);
                else if (line.indexOf('data: ') === 0) data += line.slice(6);
              });
              if (current === me) handle(event, data ? JSON.parse(data) : null);
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') return;
        if (current !== me) return;
        $('status').className = 'problem';
        $('status').textContent = 'The connection to hiresim explore failed (' + (error && error.message) + '). Is it still running?';
        setPhase('failed');
      });
  }

  function handle(event, data) {
    var horizon = explore.setup.horizon;
    document.querySelectorAll('.control.bad').forEach(function (n) { n.classList.remove('bad'); });
    if (event === 'problem') {
      explore.problem = data;
      $('status').className = 'problem';
      $('status').textContent = data.messages.join('\n');
      data.messages.forEach(function (m) {
        explore.setup.controls.sliders.forEach(function (c) {
          if (m.indexOf(' ' + c.path + ':') >= 0 || m.indexOf(' ' + c.path + '.') >= 0) {
            var node = document.querySelector('.control[data-path="' + c.path + '"]');
            if (node) node.classList.add('bad');
          }
        });
      });
      setPhase('problem');
    } else if (event === 'accepted') {
      explore.accepted = data;
      $('command').value = data.command;
      $('yaml').value = data.yaml;
      $('status').className = '';
      $('status').textContent = 'Agent-based draft: ' + data.plan + '.';
      setPhase('accepted');
    } else if (event === 'expected') {
      explore.expected = data;
      setPhase('expected');
      draw();
    } else if (event === 'draft') {
      explore.draft = data;
      $('status').textContent = 'Agent-based draft: ' + data.done + ' of ' + data.total + ' replications done…';
      setPhase('draft');
      draw();
    } else if (event === 'result') {
      explore.result = data;
      if (data.unitCost !== null) { explore.setup.unitCost = data.unitCost; showCost(); }
      var d = explore.state.draft;
      $('status').textContent = 'Agent-based draft finished: ' + d.replications + ' replication' + (d.replications === 1 ? '' : 's') + ' at 1 agent = ' + d.scale + ' persons, seed ' + d.seed + ' (hiresim run gives the same numbers: see the command).';
      setPhase('result');
      draw();
    }
    void horizon;
  }

  function answerText() {
    var horizon = explore.setup.horizon;
    var source = explore.result || explore.draft;
    var parts = [];
    var describe = function (v) {
      return 'closes in ' + yearText(v.closure.medianYear, horizon) + ' (10–90% of ' + v.replications + ' replication' + (v.replications === 1 ? '' : 's') + ': ' + yearRange(v.closure.p10Year, v.closure.p90Year, horizon) + ')';
    };
    if (source && source.whatIf) {
      var same = explore.result ? explore.result.same : !source.base;
      if (same) parts.push(['scenario', 'The scenario (nothing changed) ' + describe(source.whatIf) + '.']);
      else {
        parts.push(['what-if', 'The what-if ' + describe(source.whatIf) + '.']);
        if (source.base) parts.push(['scenario', ' The scenario ' + describe(source.base) + '.']);
      }
    }
    return parts;
  }

  function draw() {
    var setup = explore.setup;
    var horizon = setup.horizon;
    var answer = $('answer');
    answer.textContent = '';
    answerText().forEach(function (p) { answer.appendChild(el('span', { className: p[0], text: p[1] })); });
    var source = explore.result || explore.draft;
    $('difference').textContent = source && source.difference ? source.difference.words : '';
    var e = explore.expected;
    if (e) {
      var same = Boolean(e && e.same);
      $('expected-answer').textContent = 'Expected-value recursion (the first answer, at once): ' + (same ? 'the scenario closes in ' + yearText(e.base.closingYear, horizon) : 'the what-if closes in ' + yearText(e.whatIf.closingYear, horizon) + ', the scenario in ' + yearText(e.base.closingYear, horizon)) + '.';
    }
    drawCandidates();
    drawClosed();
    drawPay();
  }

  function series(view, key) {
    return view.years.map(function (year, i) { var b = view[key][i]; return { year: year, p10: b.p10, p50: b.p50, p90: b.p90 }; });
  }
  function line(view, key) {
    return view.years.map(function (year, i) { return { year: year, y: view[key][i] }; });
  }
  // Round ends and ticks of a log axis: 1, 2 and 5 times powers of ten.
  function logTicks(lo, hi) {
    var ticks = [];
    for (var e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
      [1, 2, 5].forEach(function (m) { var t = Number((m * Math.pow(10, e)).toPrecision(1)); if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t); });
    }
    return ticks;
  }
  function logDomain(lo, hi) {
    var steps = function (x) { return [0.5, 1, 2, 5, 10, 20].map(function (m) { return Number((m * Math.pow(10, Math.floor(Math.log10(x)))).toPrecision(1)); }); };
    var below = Math.max.apply(null, steps(lo).filter(function (t) { return t <= lo; }));
    var above = Math.min.apply(null, steps(hi).filter(function (t) { return t >= hi && t > below; }));
    return [below, above];
  }
  function width(figure) { return Math.max(420, Math.min(900, figure.clientWidth || 800)); }
  function put(id, svg, caption) {
    var figure = $(id);
    var holder = figure.querySelector('.plot');
    holder.textContent = '';
    holder.appendChild(svg);
    figure.querySelector('figcaption').textContent = caption;
  }
  function views() {
    var source = explore.result || explore.draft;
    var out = { whatIf: null, base: null };
    if (source) {
      var same = explore.result ? explore.result.same : !source.base;
      out.whatIf = same ? null : source.whatIf;
      out.base = same ? source.whatIf : source.base;
    }
    return out;
  }
  function historyMarks(setup, y1, y2) {
    if (setup.startYear >= setup.baseYear) return [];
    return [
      // From the first year shown (not half a year before it: the shade would cover the axis labels).
      Plot.rect([{ x1: setup.startYear, x2: setup.baseYear - 0.5, y1: y1, y2: y2 }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: '#f3f4f6' }),
      Plot.text([{ x: setup.baseYear - 0.5, y: y2 }], { x: 'x', y: 'y', text: function () { return '← history   projection from ' + setup.baseYear + ' →'; }, dy: 10, fill: '#59636e' }),
    ];
  }

  function drawCandidates() {
    var setup = explore.setup;
    var v = views();
    var e = explore.expected;
    var same = Boolean(e && e.same);
    var floor = function (x) { return Math.max(x, 0.5); };
    var rows = [];
    var marks = [];
    var values = [];
    function band(view, color, opacity) {
      var s = series(view, 'candidatesPer100').map(function (r) { return { year: r.year, p10: floor(r.p10), p50: floor(r.p50), p90: floor(r.p90) }; });
      s.forEach(function (r) { values.push(r.p10, r.p90); });
      marks.push(Plot.areaY(s, { x: 'year', y1: 'p10', y2: 'p90', fill: color, fillOpacity: opacity }));
      marks.push(Plot.line(s, { x: 'year', y: 'p50', stroke: color, strokeWidth: 2 }));
    }
    function expected(view, color) {
      var s = line(view, 'candidatesPer100').map(function (r) { return { year: r.year, y: floor(r.y) }; });
      s.forEach(function (r) { values.push(r.y); });
      marks.push(Plot.line(s, { x: 'year', y: 'y', stroke: color, strokeDasharray: '5,4', strokeWidth: 1.5 }));
    }
    if (v.base) band(v.base, SCENARIO, 0.18);
    if (v.whatIf) band(v.whatIf, WHAT_IF, 0.22);
    if (e) { expected(e.base, SCENARIO); if (!same) expected(e.whatIf, WHAT_IF); }
    values.push(100);
    void rows;
    var domain = logDomain(Math.min.apply(null, values), Math.max.apply(null, values));
    var svg = Plot.plot({
      width: width($('chart-candidates')), height: 320, marginLeft: 56, marginTop: 24,
      x: { label: 'year', tickFormat: 'd', domain: [setup.startYear, setup.horizon] },
      y: { type: 'log', domain: domain, ticks: logTicks(domain[0], domain[1]), tickFormat: plain, label: 'qualified candidates per 100 open positions (log scale)', grid: true },
      marks: historyMarks(setup, domain[0], domain[1]).concat([Plot.ruleY([100], { stroke: '#1f2328', strokeDasharray: '2,3' })], marks),
    });
    put('chart-candidates', svg, 'Blue: the what-if; grey: the scenario, on the same seeds. Bands: 10–90% of the replications, line: their median; dashed: the expected-value recursion. 100 (dotted) is balance: as many qualified candidates as open positions; the gap closes at or above it.');
  }

  function drawClosed() {
    var setup = explore.setup;
    var v = views();
    var e = explore.expected;
    var same = Boolean(e && e.same);
    var marks = [Plot.ruleY([0])];
    function step(view, color) {
      marks.push(Plot.line(view.closedBy, { x: 'year', y: 'p', stroke: color, strokeWidth: 2, curve: 'step-after' }));
    }
    if (v.base) step(v.base, SCENARIO);
    if (v.whatIf) step(v.whatIf, WHAT_IF);
    if (e) {
      var rules = [];
      if (e.base.closingYear !== null) rules.push({ x: e.base.closingYear, color: SCENARIO });
      if (!same && e.whatIf.closingYear !== null) rules.push({ x: e.whatIf.closingYear, color: WHAT_IF });
      marks.push(Plot.ruleX(rules, { x: 'x', stroke: 'color', strokeDasharray: '5,4' }));
    }
    var svg = Plot.plot({
      width: width($('chart-closed')), height: 220, marginLeft: 56,
      x: { label: 'year', tickFormat: 'd', domain: [setup.baseYear, setup.horizon] },
      y: { domain: [0, 1], label: 'P(closed by year)', tickFormat: function (p) { return Math.round(p * 100) + '%'; }, grid: true },
      marks: marks,
    });
    var open = [];
    if (v.whatIf) open.push('the what-if ' + Math.round(v.whatIf.closure.censoredShare * 100) + '%');
    if (v.base) open.push('the scenario ' + Math.round(v.base.closure.censoredShare * 100) + '%');
    put('chart-closed', svg, 'Share of replications whose gap has closed (at or below ' + Math.round(setup.closure.threshold * 100) + '% for ' + setup.closure.sustainYears + ' years) by each year, from ' + setup.baseYear + '. Not closed by ' + setup.horizon + ': ' + (open.join(', ') || '…') + '. Dashed: the expected-value recursion\'s closing year.');
  }

  function drawPay() {
    var setup = explore.setup;
    var v = views();
    var e = explore.expected;
    var same = Boolean(e && e.same);
    var marks = [];
    var values = [];
    function band(view, color, opacity) {
      var s = series(view, 'payMedian');
      s.forEach(function (r) { values.push(r.p10, r.p90); });
      marks.push(Plot.areaY(s, { x: 'year', y1: 'p10', y2: 'p90', fill: color, fillOpacity: opacity }));
      marks.push(Plot.line(s, { x: 'year', y: 'p50', stroke: color, strokeWidth: 2 }));
    }
    if (v.base) band(v.base, SCENARIO, 0.18);
    if (v.whatIf) band(v.whatIf, WHAT_IF, 0.22);
    if (e) {
      [[e.base, SCENARIO]].concat(same ? [] : [[e.whatIf, WHAT_IF]]).forEach(function (p) {
        var s = line(p[0], 'payMedian');
        s.forEach(function (r) { values.push(r.y); });
        marks.push(Plot.line(s, { x: 'year', y: 'y', stroke: p[1], strokeDasharray: '5,4', strokeWidth: 1.5 }));
      });
    }
    var hi = values.length ? Math.max.apply(null, values) : 1;
    var svg = Plot.plot({
      width: width($('chart-pay')), height: 240, marginLeft: 72,
      x: { label: 'year', tickFormat: 'd', domain: [setup.startYear, setup.horizon] },
      y: { domain: [0, hi * 1.05], label: 'median GenAI pay (nominal US dollars a year)', tickFormat: function (x) { return '$' + plain(x); }, grid: true },
      marks: historyMarks(setup, 0, hi * 1.05).concat(marks),
    });
    put('chart-pay', svg, 'Median pay of GenAI workers in nominal US dollars of each year: blue the what-if, grey the scenario (bands: 10–90% of the replications\' medians); dashed: the expected-value recursion.');
  }

  function save() {
    var name = $('save-name').value;
    var out = $('saved');
    out.className = 'saved';
    out.textContent = 'saving…';
    fetch('/api/save', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ view: explore.state, name: name }), credentials: 'same-origin' })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (r) {
        explore.saved = r.body;
        if (!r.ok) {
          out.className = 'saved problem';
          out.textContent = (r.body.messages || [r.body.error]).join('\n');
          return;
        }
        out.textContent = 'Saved ' + r.body.file + '. The page\'s draft from it: ' + r.body.command;
        $('yaml').value = r.body.text;
      })
      .catch(function (error) {
        out.className = 'saved problem';
        out.textContent = 'Saving failed: ' + (error && error.message);
      });
  }

  function start() {
    fetch('/api/setup', { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('the server answered ' + r.status); return r.json(); })
      .then(function (setup) {
        explore.setup = setup;
        explore.state = { levers: {}, values: {}, draft: { scale: setup.draft.scale, replications: setup.draft.replications, seed: setup.draft.seed } };
        // The address bar need not show the token once the cookie holds it.
        if (location.search.indexOf('token=') >= 0) history.replaceState(null, '', '/');
        buildControls(setup);
        showCost();
        run();
      })
      .catch(function (error) {
        $('status').className = 'problem';
        $('status').textContent = 'Could not load the scenario from hiresim explore: ' + (error && error.message);
        setPhase('failed');
      });
  }
  window.addEventListener('resize', function () { if (explore.expected) draw(); });
  start();
})();
`;
