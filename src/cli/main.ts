#!/usr/bin/env node
/** The `hiresim` executable: parse, dispatch, and set the exit code (0 ok, 1 failure, 2 bad input). */
import { runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2));
