/**
 * What a simulating command is about to spend, said before it is spent: one line on stderr (also
 * in pipes, CI and Slurm logs) naming the work and, once the first replications are timed, how long
 * the whole should take; then, on a terminal only, a progress bar.
 */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** "12 s", "3.4 min", "1.2 h". */
export function duration(seconds: number): string {
  if (seconds < 1) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export interface PlanOptions {
  /** Units run at once (worker threads); the estimate waits until that many have finished. */
  readonly parallel?: number;
  /** Unit name for the bar ("replications", "points"). */
  readonly unit?: string;
  readonly stream?: NodeJS.WriteStream;
  /** Clock in milliseconds (tests); defaults to `Date.now`. Never part of a result. */
  readonly now?: () => number;
}

/**
 * Announces `plan` ("run: 40 replications of \"baseline\" on 2 threads") at once, without a line
 * end, and completes the line with an estimate ("… about 24 s in all") from the first units timed.
 * The first `parallel` units also pay for starting workers, and the next few still run slower while
 * the JIT warms up (measured on the baseline: the first four replications take twice the steady
 * time), so the rate is taken from after the first batch up to a fifth of the study (at least one
 * more batch): estimate = t(now) + rate × (total − done).
 * A study that ends before that reports its time instead; one that stops early just ends the line.
 */
/** Plan lines still open (no estimate or end yet), ended by `endOpenPlans` when a command fails. */
const open = new Set<Progress>();

/** Ends every plan line left open, so that a failure's message starts on a line of its own. */
export function endOpenPlans(): void {
  for (const progress of [...open]) progress.finish();
}

export function planProgress(plan: string, options: PlanOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const parallel = Math.max(1, options.parallel ?? 1);
  const unit = options.unit ?? 'done';
  const started = now();
  let firstBatch: { done: number; at: number } | undefined;
  let estimated = false;
  const bar = stream.isTTY ? progressBar(unit, stream, now) : undefined;
  stream.write(`hiresim: ${plan} …`);
  const end = (text: string) => {
    estimated = true;
    open.delete(progress);
    stream.write(`${text}\n`);
  };
  const progress: Progress = {
    update(done, total) {
      if (!estimated) {
        const elapsed = (now() - started) / 1000;
        if (done >= total) end(` done in ${duration(elapsed)}`);
        else if (firstBatch === undefined && done >= parallel) {
          firstBatch = { done, at: elapsed };
          if (total < 3 * parallel) end(` about ${duration((elapsed / done) * total)} in all`);
        } else if (firstBatch !== undefined && done >= Math.max(firstBatch.done + parallel, Math.ceil(total / 5))) {
          const rate = (elapsed - firstBatch.at) / (done - firstBatch.done);
          end(` about ${duration(elapsed + rate * (total - done))} in all (${done} of ${total} ${unit} took ${duration(elapsed)})`);
        }
      }
      if (done < total) bar?.update(done, total);
    },
    finish() {
      // Ends the line without claiming success: a study that stopped on an error says so next.
      if (!estimated) end('');
      bar?.finish();
    },
  };
  open.add(progress);
  return progress;
}

/** A progress bar on stderr, only when stderr is a terminal (quiet in pipes, CI and Slurm logs). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const started = now();
  let last = -1;
  return {
    update(done, total) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      if (filled === last && done !== total) return;
      last = filled;
      const elapsed = (now() - started) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
      stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}  ${duration(eta)} left `);
    },
    finish() {
      stream.write('\r\x1b[K');
    },
  };
}
