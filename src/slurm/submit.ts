/**
 * Submission of a study's two scripts with `sbatch --parsable`: the array job first, then the merge
 * job, which runs only once every array task has succeeded (and is cancelled if one fails).
 */
import { spawnSync } from 'node:child_process';
import { shellQuote } from './sbatch.js';

/** The two job ids, or the sbatch call that failed and why (nothing after it is submitted). */
export type Submission = { readonly arrayJob: string; readonly mergeJob: string } | { readonly failed: string };

/** `sbatch --parsable ARGS…`: the job id (without a `;CLUSTER` suffix), or why sbatch could not submit. */
function sbatch(args: readonly string[]): { readonly jobId: string } | { readonly failed: string } {
  const r = spawnSync('sbatch', ['--parsable', ...args], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return { jobId: r.stdout.trim().split(';')[0] };
  // Quoted as a shell would need it, so the line can be pasted to retry by hand.
  return { failed: `sbatch ${args.map(shellQuote).join(' ')} failed: ${r.error?.message ?? r.stderr.trim()}` };
}

/** Submits `arrayFile`, then `mergeFile` with afterok on the array (and --kill-on-invalid-dep=yes). */
export function submitArrayAndMerge(arrayFile: string, mergeFile: string): Submission {
  const array = sbatch([arrayFile]);
  if ('failed' in array) return array;
  const merge = sbatch([`--dependency=afterok:${array.jobId}`, '--kill-on-invalid-dep=yes', mergeFile]);
  if ('failed' in merge) return merge;
  return { arrayJob: array.jobId, mergeJob: merge.jobId };
}
