// The one budget OTLP/HTTP and OTLP/gRPC share: body bytes held in memory (decompressed, counted as they grow)
// and requests being decoded and archived at once. Past either, the request is refused with a retryable error
// (429 + Retry-After / RESOURCE_EXHAUSTED or UNAVAILABLE) instead of memory growing with the load.
import { IngestError } from "./errors";

export interface BudgetLimits {
  /** Body bytes (decompressed) held by all requests together. */
  maxBytes: number;
  /** Requests past receiving (decode, archive, answer) at once. */
  maxInflight: number;
  /** The largest single body (TRACEMARK_MAX_BODY); one such body must always fit the budget alone. */
  maxBodyBytes: number;
}

/** Every request may claim its first this-many bytes from the headroom, so small exports still get through
 * while large bodies fill the rest of the budget. */
const SMALL_BODY_BYTES = 2 ** 20;

/**
 * One request's share. Bytes are claimed while the body arrives, so a slow sender holds only what it sent;
 * an in-flight slot is taken only once the body is complete, so slow senders never hold slots (issue 12:
 * 64 trickling senders made every other client wait ~65 s).
 */
export class BodyClaim {
  private held = 0;
  private slot = false;
  private released = false;

  constructor(private readonly budget: IngestBudget) {}

  /** Claims `bytes` more; throws `over-budget` when all requests together would pass the byte budget. */
  grow(bytes: number): void {
    if (this.released) return;
    this.budget.take(bytes, this.held + bytes > SMALL_BODY_BYTES);
    this.held += bytes;
  }

  /** Claims `bytes` more once the budget has room, waiting up to `waitMs` in line with other waiters
   * (a gRPC call's reservation: its reader is held back meanwhile); rejects with `over-budget` after that. */
  async growWhenFree(bytes: number, waitMs: number): Promise<void> {
    if (this.released) return;
    await this.budget.takeWhenFree(bytes, this.held + bytes > SMALL_BODY_BYTES, waitMs);
    if (this.released) return this.budget.give(bytes); // cancelled while waiting
    this.held += bytes;
  }

  /** Sets the claim to exactly `bytes` (e.g. a reservation replaced by the real size); may throw like grow. */
  resize(bytes: number): void {
    if (bytes > this.held) this.grow(bytes - this.held);
    else if (!this.released) {
      this.budget.give(this.held - bytes);
      this.held = bytes;
    }
  }

  /** Takes an in-flight slot for decoding and archiving; throws `busy` when all are taken. */
  startProcessing(): void {
    if (this.slot || this.released) return;
    this.budget.takeSlot();
    this.slot = true;
  }

  /** Gives everything back; safe to call more than once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.give(this.held);
    this.held = 0;
    if (this.slot) this.budget.giveSlot();
  }
}

interface Waiter {
  bytes: number;
  large: boolean;
  grant: () => void;
}

export class IngestBudget {
  private bytes = 0;
  private inflight = 0;
  private readonly waiters: Waiter[] = [];
  /** Kept for the first bytes of every request (see SMALL_BODY_BYTES): an eighth of the budget, less if the
   * largest body would not fit beside it. */
  private readonly headroom: number;

  constructor(readonly limits: BudgetLimits) {
    this.headroom = Math.max(0, Math.min(limits.maxBytes / 8, limits.maxBytes - limits.maxBodyBytes));
  }

  claim(): BodyClaim {
    return new BodyClaim(this);
  }

  /** For /api/stats and tests: what is held now. */
  get usage(): { bytes: number; inflight: number } {
    return { bytes: this.bytes, inflight: this.inflight };
  }

  private fits(bytes: number, large: boolean): boolean {
    return this.bytes + bytes <= this.limits.maxBytes - (large ? this.headroom : 0);
  }

  private overBudget(): IngestError {
    return new IngestError(
      "over-budget",
      `request bodies in flight would pass ${this.limits.maxBytes} bytes; retry shortly`,
    );
  }

  take(bytes: number, large: boolean): void {
    if (!this.fits(bytes, large)) throw this.overBudget();
    this.bytes += bytes;
  }

  /** Like take, but waits (first come, first served) up to `waitMs` for the room. */
  takeWhenFree(bytes: number, large: boolean, waitMs: number): Promise<void> {
    if (this.waiters.length === 0 && this.fits(bytes, large)) {
      this.bytes += bytes;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        large,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(this.overBudget());
        this.grantWaiters(); // a large waiter that gave up may have held back smaller ones
      }, waitMs);
      this.waiters.push(waiter);
    });
  }

  give(bytes: number): void {
    this.bytes = Math.max(0, this.bytes - bytes);
    this.grantWaiters();
  }

  private grantWaiters(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.bytes, this.waiters[0]!.large)) {
      const waiter = this.waiters.shift()!;
      this.bytes += waiter.bytes;
      waiter.grant();
    }
  }

  takeSlot(): void {
    if (this.inflight >= this.limits.maxInflight) {
      throw new IngestError("busy", `more than ${this.limits.maxInflight} requests at once; retry shortly`);
    }
    this.inflight++;
  }

  giveSlot(): void {
    this.inflight = Math.max(0, this.inflight - 1);
  }
}
