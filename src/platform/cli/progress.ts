import { SingleBar } from 'cli-progress';

/** Reports how far a long piece of work has come. */
export interface Progress {
  /** Records that `done` of `total` units are finished. */
  update(done: number, total: number): void;
  /** Ends the report; the last state stays visible. */
  stop(): void;
}

/** Where progress is written and how its units are named. */
export interface ProgressOptions {
  /** Defaults to stderr, so that stdout carries only the command's result. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** The unit counted, such as "pages" or "rows". */
  unit?: string;
  /** In plain mode, a line is written each time the percentage passes a multiple of this step. */
  stepPercent?: number;
}

/**
 * A progress bar on a terminal and plain lines ("backup: 40% (400/1000 pages)") elsewhere, so
 * that logs of scheduled jobs stay readable.
 */
export function createProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const unit = options.unit ?? 'items';
  if (stream.isTTY === true) return barProgress(label, unit, stream);
  return lineProgress(label, unit, stream, options.stepPercent ?? 10);
}

function barProgress(label: string, unit: string, stream: NodeJS.WritableStream): Progress {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`,
    stream,
    hideCursor: true,
    barsize: 30,
  });
  let isStarted = false;
  return {
    update(done, total) {
      if (!isStarted) {
        bar.start(total, done);
        isStarted = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (isStarted) bar.stop();
    },
  };
}

function lineProgress(label: string, unit: string, stream: NodeJS.WritableStream, stepPercent: number): Progress {
  let lastStep = -1;
  return {
    update(done, total) {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      const step = Math.floor(percent / stepPercent);
      if (step === lastStep) return;
      lastStep = step;
      stream.write(`${label}: ${percent}% (${done}/${total} ${unit})\n`);
    },
    stop() {
      // Plain lines need no closing: the last line written is the last state.
    },
  };
}
