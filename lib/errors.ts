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

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
  ) {
    super(message);
  }
}
