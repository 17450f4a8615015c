// Wrong-token throttling: failures counted per client address and overall in a sliding minute. Past either
// limit, token attempts are answered 429 without comparing the token, so guessing runs at a few per minute.
// Hand-written: it is two counters over one map, and it must share the process with the gate it protects.

/** Failed attempts one address may make per minute before it must wait; a person mistyping needs a few. */
export const FAILURES_PER_ADDRESS = 10;
/** Failed attempts from all addresses together per minute: bounds a guesser spread over many addresses. */
export const FAILURES_OVERALL = 100;
const WINDOW_MS = 60_000;
/** Addresses remembered at most; past it the oldest are forgotten (memory stays bounded under a flood). */
const MAX_ADDRESSES = 10_000;

export class TokenThrottle {
  private readonly byAddress = new Map<string, number[]>();
  private overall: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds the client must wait before its next attempt, or 0 when it may try now. */
  retryAfter(address: string): number {
    const now = this.now();
    this.overall = recent(this.overall, now);
    const mine = recent(this.byAddress.get(address) ?? [], now);
    const waits: number[] = [];
    if (mine.length >= FAILURES_PER_ADDRESS)
      waits.push(mine[mine.length - FAILURES_PER_ADDRESS]! + WINDOW_MS - now);
    if (this.overall.length >= FAILURES_OVERALL)
      waits.push(this.overall[this.overall.length - FAILURES_OVERALL]! + WINDOW_MS - now);
    return waits.length === 0 ? 0 : Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  }

  fail(address: string): void {
    const now = this.now();
    const mine = recent(this.byAddress.get(address) ?? [], now);
    mine.push(now);
    this.byAddress.delete(address); // re-insert so the map's order is oldest-first
    this.byAddress.set(address, mine);
    this.overall.push(now);
    while (this.byAddress.size > MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value!);
  }
}

function recent(times: number[], now: number): number[] {
  const from = times.findIndex((time) => time > now - WINDOW_MS);
  return from === -1 ? [] : from === 0 ? times : times.slice(from);
}
