// The one error a bucket archive raises when it cannot be used, apart from the SDK (which takes ~1 s to load):
// server.ts and the scripts recognize it without loading the SDK when the archive is local.

/** A bucket that cannot be used (missing, credentials refused, unreachable): the message says what to fix. */
export class BucketError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
