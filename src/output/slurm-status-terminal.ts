import type { StudyStatus } from '../slurm/status.js';
import { percent, table } from './format.js';

/** The status of a Slurm study: points per task, then what is left to do. */
export function formatStudyStatus(s: StudyStatus): string {
  const { plan } = s;
  const rows = s.shards.map((shard) => [
    String(shard.task),
    String(shard.done),
    String(shard.expected),
    shard.badLines > 0 ? `${shard.badLines} bad line(s): hiresim merge names them` : shard.done === shard.expected ? 'complete' : shard.done === 0 ? 'not started' : `${shard.expected - shard.done} to go`,
  ]);
  const incomplete = s.shards.filter((shard) => shard.done < shard.expected || shard.badLines > 0).map((shard) => shard.task);
  const arrayScript = `${s.dir}/${plan.study}.sbatch`;
  const next =
    incomplete.length > 0
      ? [`Tasks not complete: ${incomplete.length > 20 ? `${incomplete.slice(0, 20).join(', ')}, …` : incomplete.join(', ')}. While the array job runs they are filling; if it has ended (squeue shows no tasks), re-submit ${arrayScript} (finished points are skipped), then ${s.dir}/merge.sbatch.`]
      : s.merged === null
        ? [`Every shard is complete: the merge job writes ${s.dir}/merged.jsonl (or submit ${s.dir}/merge.sbatch).`]
        : plan.study === 'sensitivity' && !s.indices
          ? [`merged.jsonl holds ${s.merged} runs; the merge job's second step writes ${s.dir}/sensitivity.json (see its log in ${s.dir}/logs).`]
          : [`Done: ${s.dir}/${plan.study === 'sensitivity' ? 'sensitivity.json' : 'merged.jsonl'}${plan.study === 'sensitivity' ? ` (points in ${s.dir}/merged.jsonl)` : ` (${s.merged} runs)`}.`];
  return [
    `hiresim slurm status: ${s.dir}: ${plan.study}, ${plan.runs} runs in ${plan.tasks} task(s); ${s.done} done (${percent(plan.runs === 0 ? 1 : s.done / plan.runs)})`,
    '',
    table(['task', 'done', 'of', 'state'], rows)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n'),
    '',
    ...next,
    '',
  ].join('\n');
}
