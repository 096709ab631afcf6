/** `hiresim explore <file>`: a local what-if page with sliders, live bands and "save as scenario". */
import { checkWholeNumber, scenarioFile, setOption, threadsOption } from '../options.js';
import { UsageError, quote } from '../usage-error.js';
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim explore scenarios/baseline.yaml',
  '  hiresim explore scenarios/baseline.yaml --open --port 8765',
  '  hiresim explore scenarios/tool-breakthrough.yaml --set demand.shockSd=0.1 --threads 2',
  '',
  'Serves a page on this machine (127.0.0.1 unless --host says otherwise) and prints its URL, which',
  'carries a random access token: requests without it, or from another site, are refused. The page',
  'has a switch for every lever and a slider for each input of the scenario\'s explore: section',
  '(with its source); each change acts after the base year, history stays as fitted. On every',
  'change the expected-value recursion answers at once, then the agent-based draft streams in',
  'replication by replication, against the unchanged scenario on the same seeds: qualified',
  'candidates per 100 open positions (10–50–90% bands, log axis), P(closed by year), median pay',
  '(nominal US dollars) and the paired closing-year difference in words. "Copy command" gives the',
  'hiresim run line that reproduces the view exactly; "Save as scenario" writes a file that extends',
  'this one with only the changed values, beside it. Runs until Ctrl-C (SIGINT) or SIGTERM.',
  '',
  'Usage: hiresim explore <file> [options]',
]);

/** Addresses that mean "every interface": refused, since the Host check needs the one address served. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '*']);

export const explore = defineCommand({
  command: 'explore <file>',
  describe: 'A local what-if page: sliders, live bands against the scenario, save as scenario',
  builder: (y) =>
    setOption(threadsOption(scenarioFile(y.usage(USAGE)), 'Worker threads for the draft (default: all cores)'), 'Override a scenario field for the whole session: path=value (repeatable); the saved scenario keeps it')
      .option('port', { type: 'string', requiresArg: true, description: 'Port to listen on (default: any free port)' })
      .option('host', { type: 'string', requiresArg: true, description: 'Address to listen on (default 127.0.0.1, this machine only)' })
      .option('open', { type: 'boolean', description: 'Open the page with xdg-open' })
      .check((args) => {
        checkWholeNumber('--threads', args.threads);
        if (args.port !== undefined && (!/^\d{1,5}$/.test(args.port) || Number(args.port) > 65535)) throw new UsageError('--port', 'a port number from 0 to 65535 (0: any free port)', quote(args.port));
        if (args.host !== undefined) {
          const host = args.host.trim();
          if (host === '' || WILDCARDS.has(host)) throw new UsageError('--host', 'one address of this machine to listen on (127.0.0.1, ::1, or a network address), not every interface', quote(args.host));
          if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) throw new UsageError('--host', 'a host name or IP address', quote(args.host));
        }
        return true;
      }),
  run: async (args) => {
    const { exploreCommand } = await import('../../explore/command.js');
    return exploreCommand({
      file: args.file,
      overrides: args.set ?? [],
      host: args.host?.trim(),
      port: args.port === undefined ? undefined : Number(args.port),
      threads: args.threads === undefined ? undefined : Number(args.threads),
      open: args.open === true,
    });
  },
});
