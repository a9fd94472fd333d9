import { Invalid, type CatalogMessage, type FieldProblem } from './http/errors.ts';

/** The bounds an uploaded CSV or JSON file is read within, whatever its size. */
export interface UploadLimits {
  /** The most cells of one CSV record, or fields of one JSON entry. */
  maxColumns: number;
  /** The longest CSV record, or JSON entry, in characters (delimiters included). */
  maxRecordChars: number;
  /** The deepest nesting of arrays and objects inside one JSON entry. */
  maxDepth: number;
  /** The most rows of a file: CSV records after the header, entries of the JSON array. */
  maxRows: number;
  /** The most problems an answer lists; the others are counted. */
  maxProblems: number;
}

/**
 * Limits for files of a few dozen columns: no row of an offer, measurement or subscriber file
 * comes near 64 KiB or 256 cells, and a person reads the first 100 problems, not a million.
 */
export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = {
  maxColumns: 256,
  maxRecordChars: 65_536,
  maxDepth: 16,
  maxRows: 1_000_000,
  maxProblems: 100,
};

/**
 * The problems of one file: the first `max` are kept, in the order they are added (the order of
 * the file), and every one is counted, so that a file with a million wrong lines answers with the
 * first problems and the total rather than with megabytes.
 */
export class ProblemList<P extends FieldProblem = FieldProblem> {
  readonly listed: P[] = [];
  private count = 0;

  constructor(readonly max: number = DEFAULT_UPLOAD_LIMITS.maxProblems) {}

  /** Adds one problem: listed while there is room, counted always. */
  add(problem: P): void {
    this.count += 1;
    if (this.listed.length < this.max) this.listed.push(problem);
  }

  /** Every problem added, listed or not. */
  get total(): number {
    return this.count;
  }

  /** Whether no problem was added. */
  get isEmpty(): boolean {
    return this.count === 0;
  }
}

/**
 * A file refused for its problems: 422 listing the first ones; `problemCount` says how many there
 * are in all, and the problem+json answer carries it as `errorCount`.
 */
export class InvalidFile extends Invalid {
  constructor(
    readonly problemCount: number,
    problems: FieldProblem[],
    code: string,
    detail: string | CatalogMessage,
  ) {
    super(problems, code, detail);
  }
}
