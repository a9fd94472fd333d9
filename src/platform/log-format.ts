import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Fields every line carries or that the time and level already say.
const HIDDEN_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/**
 * One JSON log line as a person reads it at a terminal: local time, level, message, then the other
 * fields as `name=value`, such as `10:13:08 INFO  job done jobId=0190… jobType=devices.classify`.
 * A line that is not JSON is given back as it is.
 */
export function prettyLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return line.endsWith('\n') ? line : `${line}\n`;
    entry = parsed as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry['time'] === 'number' ? new Date(entry['time']).toTimeString().slice(0, 8) : '--:--:--';
  const level = (typeof entry['level'] === 'number' ? LEVEL_NAMES[entry['level']] : undefined) ?? 'LOG';
  const fields = Object.entries(entry)
    .filter(([name]) => !HIDDEN_FIELDS.has(name))
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const message = typeof entry['msg'] === 'string' ? entry['msg'] : '';
  return `${[`${time} ${level.padEnd(5)}`, message, ...fields].filter((part) => part !== '').join(' ')}\n`;
}

/** A pino destination that writes {@link prettyLogLine} lines through `write` (standard output by default). */
export function prettyLogDestination(write: (text: string) => void = (text) => void process.stdout.write(text)): DestinationStream {
  return {
    write(line: string) {
      write(prettyLogLine(line));
    },
  };
}
