/** The explore page's style sheet (served as /style.css: the page's policy allows no inline style element). */
export const PAGE_STYLE = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --what-if: #0b6bcb; --scenario: #6e7781; --problem: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 18px; }
header p { margin: 2px 0 0; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(320px, 400px) 1fr; gap: 0; }
aside { padding: 12px 20px; border-right: 1px solid var(--line); }
aside h2, #results h2 { font-size: 14px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.lever { display: flex; gap: 8px; align-items: baseline; margin: 4px 0; }
.control { margin: 10px 0 14px; }
.control .head { display: flex; justify-content: space-between; gap: 8px; font-weight: 600; }
.control .row { display: flex; gap: 6px; align-items: center; }
.control input[type=range] { flex: 1; }
.control input.value { width: 7.5em; }
.control .base, .control .source, .control .note { margin: 2px 0 0; font-size: 12px; color: var(--muted); }
.control .note { color: var(--problem); }
.control.changed .head { color: var(--what-if); }
.control.bad input.value { border-color: var(--problem); outline: 1px solid var(--problem); }
.draft label { display: flex; justify-content: space-between; align-items: center; margin: 4px 0; }
.draft input, .draft select { width: 9em; }
.cost { font-size: 12px; color: var(--muted); }
textarea { width: 100%; font: 12px/1.4 ui-monospace, monospace; }
button { font: inherit; }
#results { padding: 12px 20px; min-width: 0; }
#status { min-height: 1.5em; color: var(--muted); }
#status.problem { color: var(--problem); white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; }
#answer { font-size: 15px; }
#answer .what-if { color: var(--what-if); font-weight: 600; }
#answer .scenario { color: var(--scenario); font-weight: 600; }
#difference { font-size: 15px; font-weight: 600; }
#expected-answer { color: var(--muted); }
figure { margin: 12px 0 20px; }
figure h3 { margin: 0 0 4px; font-size: 14px; }
figcaption { font-size: 12px; color: var(--muted); max-width: 60em; }
.saved { font-size: 12px; }
.saved.problem { color: var(--problem); white-space: pre-wrap; }
`;
