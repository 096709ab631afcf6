/** `hiresim schema`: the JSON Schema of scenario files, for editors. */
import { defineCommand, usage } from './definition.js';

const USAGE = usage([
  'Examples:',
  '  hiresim schema > scenario.schema.json',
  '',
  'Editors that read a "# yaml-language-server: $schema=…" first line (VS Code with the YAML',
  'extension, among others) then complete and check scenario files as you type.',
  '',
  'Usage: hiresim schema',
]);

export const schema = defineCommand({
  command: 'schema',
  describe: 'Print the JSON Schema (draft-07) of scenario files',
  builder: (y) => y.usage(USAGE),
  run: async () => {
    const { schemaCommand } = await import('../commands/schema.js');
    return schemaCommand();
  },
});
