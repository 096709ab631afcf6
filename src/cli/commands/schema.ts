import { scenarioJsonSchema } from '../../scenario/schema.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { out } from '../io.js';

/** `hiresim schema`: the JSON Schema of scenario files on stdout. */
export async function schemaCommand(): Promise<ExitCode> {
  await out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
