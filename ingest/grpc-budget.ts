// The shared ingest budget on the gRPC side, as a grpc-js server interceptor. grpc-js buffers a message whole
// before any handler sees it, so a call reserves the largest message size before its body is read (reading
// is deferred until then; HTTP/2 flow control holds the client back), and the reservation becomes the real
// size when the message is complete. Refusals are RESOURCE_EXHAUSTED (bytes) or UNAVAILABLE (slots).
import * as grpc from "@grpc/grpc-js";
import type { IngestBudget } from "./budget";
import { IngestError } from "./errors";
import { encodeRetryStatus } from "./otlp/encode-response";

function statusOf(error: unknown): grpc.StatusObject {
  const known = error instanceof IngestError ? error : null;
  const code = known?.grpcStatus ?? grpc.status.INTERNAL;
  const details = known?.message ?? "internal error";
  const metadata = new grpc.Metadata();
  if (known?.retryAfter !== undefined) metadata.set("grpc-status-details-bin", encodeRetryStatus(code, details, known.retryAfter));
  return { code, details, metadata };
}

export function budgetInterceptor(budget: IngestBudget, reserveBytes: number): grpc.ServerInterceptor {
  return (_method, call) => {
    const claim = budget.claim();
    let refused = false;
    const intercepted = new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
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
    const refuse = (error: unknown): void => {
      refused = true;
      claim.release();
      intercepted.sendStatus(statusOf(error));
    };
    let reserved = false;
    const startRead = intercepted.startRead.bind(intercepted);
    intercepted.startRead = () => {
      if (!reserved) {
        reserved = true;
        try {
          claim.grow(reserveBytes);
        } catch (error) {
          return refuse(error);
        }
      }
      if (!refused) startRead();
    };
    return intercepted;
  };
}
