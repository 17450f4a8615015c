// The one error type the API raises; its kind maps to an HTTP status in one place (lib/api/route.ts).
export type AppErrorKind =
  "bad-request" | "not-found" | "forbidden" | "conflict" | "too-large" | "unavailable";

export const STATUS_OF: Record<AppErrorKind, number> = {
  "bad-request": 400,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  unavailable: 503,
};

/** Marks an AppError of any module copy: Next.js bundles the route handlers apart from server.ts, so an
 * AppError thrown by something server.ts registered (the journals) is the other copy's class in a route, and a
 * plain `instanceof` missed it (a full-disk journal answered 500 instead of 503). */
const BRAND = Symbol.for("tracemark.AppError");

export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly kind: AppErrorKind,
    message: string,
  ) {
    super(message);
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
