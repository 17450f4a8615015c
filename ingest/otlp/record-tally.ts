// Per-request record bookkeeping: records kept, and records dropped for a well-formed but wrong-length id
// (OTLP partial success: one bad record must not fail the whole export). Both decoders use it the same way.

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

/** Distinct reasons kept for the message; more are summarised as "…". */
const MAX_REASONS = 3;

export class RecordTally {
  accepted = 0;
  rejected = 0;
  private readonly reasons: string[] = [];
  private pending: string | null = null;

  /** Marks the record being decoded as bad; the first reason wins. */
  flag(reason: string): void {
    if (this.pending === null) this.pending = reason;
  }

  /** Called once per record after decoding it: true to keep it, false when it was flagged (and is counted). */
  settle(): boolean {
    const reason = this.pending;
    if (reason === null) {
      this.accepted++;
      return true;
    }
    this.pending = null;
    this.rejected++;
    if (!this.reasons.includes(reason) && this.reasons.length <= MAX_REASONS) this.reasons.push(reason);
    return false;
  }

  /** e.g. "1 log record rejected: traceId must be 16 bytes"; null when nothing was rejected. */
  message(singular: string, plural: string): string | null {
    if (this.rejected === 0) return null;
    const reasons =
      this.reasons.length > MAX_REASONS ? [...this.reasons.slice(0, MAX_REASONS), "…"] : this.reasons;
    return `${this.rejected} ${this.rejected === 1 ? singular : plural} rejected: ${reasons.join("; ")}`;
  }
}

/** The rejection reason for an id of `bytes` bytes, or null when its length is right (0 = absent is right). */
export function idLengthProblem(field: string, bytes: number, expected: number): string | null {
  return bytes === 0 || bytes === expected ? null : `${field} must be ${expected} bytes`;
}
