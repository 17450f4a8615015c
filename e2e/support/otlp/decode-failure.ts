// Test-only: run a decode that must fail and hand back its OtlpDecodeError (anything else fails the test).
import { OtlpDecodeError } from "@/ingest/otlp/decode";

export function decodeFailure(run: () => unknown): OtlpDecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof OtlpDecodeError) return error;
    throw error;
  }
  throw new Error("expected an OtlpDecodeError, but the body decoded");
}
