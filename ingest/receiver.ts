// One OTLP export request, whatever the transport: decode → canonical JSON → archive (acknowledge) → index.
// "Acknowledged means archived": the promise resolves only after the archive append resolved.
import { IngestStatements } from "@/db/queries/ingest";
import type { Signal } from "@/db/telemetry";
import { ArchiveUnavailableError, type ArchiveAppender } from "./archive/store";
import { toArchiveLine, type RequestMeta } from "./archive/line";
import { IngestError } from "./errors";
import type { IndexSink } from "./indexer";
import { wellFormedJson } from "./otlp/well-formed";
import { decodeExportRequest, OtlpDecodeError, type OtlpEncoding } from "./otlp/decode";

export interface ReceiveInput {
  signal: Signal;
  encoding: OtlpEncoding;
  transport: "http" | "grpc" | "transcript";
  contentEncoding: string | null;
  userAgent: string | null;
  body: Uint8Array;
}

export interface ReceiveResult {
  records: number;
  rejected: number;
  rejectionMessage: string | null;
}

/** Records waiting for the indexer beyond which new requests get 429 + Retry-After (memory stays bounded:
 * ~200k records is ~200 MB of parsed requests at the fixtures' record sizes). */
export const MAX_INDEX_BACKLOG = 200_000;

export class Receiver {
  constructor(
    private readonly archive: ArchiveAppender,
    private readonly indexer: IndexSink,
    /** Bytes of acknowledged requests waiting for the indexer beyond which new requests get "busy": their
     * parsed bodies stay in memory until indexed, so a few huge ones matter as much as many records. */
    private readonly maxBacklogBytes = Number.POSITIVE_INFINITY,
  ) {}

  async receive(input: ReceiveInput): Promise<ReceiveResult> {
    if (!this.indexer.accepting) {
      throw new IngestError("unavailable", "the index is restarting; retry shortly");
    }
    if (this.indexer.backlog > MAX_INDEX_BACKLOG || this.indexer.backlogBytes > this.maxBacklogBytes) {
      throw new IngestError("busy", "the indexer is behind; retry shortly");
    }
    const decoded = decode(input);
    let requestJson = JSON.stringify(decoded.request);
    const fixed = wellFormedJson(requestJson);
    if (fixed !== null) {
      // rare (lone surrogates from OTLP/JSON): re-read so the index gets the same text as the archive
      requestJson = fixed;
      decoded.request = JSON.parse(fixed) as typeof decoded.request;
    }
    const meta: RequestMeta = {
      receivedAt: Date.now(),
      signal: input.signal,
      transport: input.transport,
      encoding: input.encoding,
      contentEncoding: input.contentEncoding,
      userAgent: input.userAgent,
    };
    let position;
    try {
      position = await this.archive.append(input.signal, toArchiveLine(meta, requestJson));
    } catch (error) {
      if (error instanceof ArchiveUnavailableError) throw new IngestError("unavailable", error.message);
      throw error as Error;
    }
    this.indexer.enqueue({
      body: decoded.request,
      json: requestJson,
      records: decoded.records,
      request: {
        ...meta,
        segment: position.segment,
        line: position.line,
        bytes: position.bytes,
        bodyHash: IngestStatements.hashBody(requestJson),
      },
    });
    return {
      records: decoded.records,
      rejected: decoded.rejected,
      rejectionMessage: decoded.rejectionMessage,
    };
  }
}

function decode(input: ReceiveInput): ReturnType<typeof decodeExportRequest> {
  try {
    return decodeExportRequest(input.signal, input.encoding, input.body);
  } catch (error) {
    if (error instanceof OtlpDecodeError) {
      throw new IngestError(
        "bad-request",
        `invalid ${input.encoding} ${input.signal} request: ${error.message}`,
      );
    }
    throw error;
  }
}
