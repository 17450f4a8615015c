// Admission on the gRPC side, as a grpc-js server interceptor: the token is checked on the call's metadata
// before any body is read, then the shared ingest budget applies. grpc-js buffers a message whole
// before any handler sees it, so a call reserves the largest message size before its body is read (reading
// is deferred until then, in line behind other calls' reservations; HTTP/2 flow control holds the client
// back), and the reservation becomes the real size when the message is complete. Refusals are RESOURCE_EXHAUSTED (bytes) or UNAVAILABLE (slots).
import * as grpc from "@grpc/grpc-js";
import type { IngestBudget } from "./budget";
import { IngestError } from "./errors";
import { encodeRetryStatus } from "./otlp/encode-response";

function statusOf(error: unknown): grpc.StatusObject {
  const known = error instanceof IngestError ? error : null;
  const code = known?.grpcStatus ?? grpc.status.INTERNAL;
  const details = known?.message ?? "internal error";
  const metadata = new grpc.Metadata();
  if (known?.retryAfter !== undefined)
    metadata.set("grpc-status-details-bin", encodeRetryStatus(code, details, known.retryAfter));
  return { code, details, metadata };
}

export type Authorize = (headers: Record<string, string | string[] | undefined>) => boolean;

export function metadataHeaders(metadata: grpc.Metadata): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(metadata.getMap()).map(([key, value]) => [
      key,
      typeof value === "string" ? value : undefined,
    ]),
  );
}

const UNAUTHENTICATED: grpc.StatusObject = {
  code: grpc.status.UNAUTHENTICATED,
  details: "this tracemark requires its token: send authorization: Bearer <token>",
  metadata: new grpc.Metadata(),
};

/** How long a call waits in line for its reservation before it is refused (RESOURCE_EXHAUSTED, retried by
 * exporters). Waiting, not refusing at once: each reservation is the largest message size, so with a 64 MiB
 * budget only one or two calls hold one at a time, and 8 exporters sending small batches would otherwise be
 * refused most of the time although the message each is about to send is small. */
const RESERVE_WAIT_MS = 2_000;

export function admissionInterceptor(
  budget: IngestBudget,
  reserveBytes: number,
  authorize: Authorize,
): grpc.ServerInterceptor {
  return (_method, call) => {
    const claim = budget.claim();
    let refused = false;
    const intercepted = new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, nextMetadata) => {
            if (!authorize(metadataHeaders(metadata))) return refuse(UNAUTHENTICATED);
            nextMetadata(metadata);
          },
          onReceiveMessage: (message: Buffer, nextMessage) => {
            try {
              claim.resize(message.length);
              claim.startProcessing();
            } catch (error) {
              return refuse(error);
            }
            nextMessage(message);
          },
          onCancel: () => claim.release(),
        }),
      sendStatus: (status, next) => {
        claim.release();
        next(status);
      },
    });
    const refuse = (reason: unknown): void => {
      refused = true;
      claim.release();
      intercepted.sendStatus(reason === UNAUTHENTICATED ? UNAUTHENTICATED : statusOf(reason));
    };
    let reservation: Promise<void> | null = null;
    const startRead = intercepted.startRead.bind(intercepted);
    intercepted.startRead = () => {
      reservation ??= claim.growWhenFree(reserveBytes, RESERVE_WAIT_MS);
      reservation.then(
        () => !refused && startRead(),
        (error: unknown) => !refused && refuse(error),
      );
    };
    return intercepted;
  };
}
