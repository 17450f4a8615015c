// Test support: protobuf capture bodies (.bin; gRPC files are the bare Export request message) → canonical
// OTLP/JSON, through the ingest decoder, so nothing downstream knows which encoding arrived.
import { decodeExportRequest } from "@/ingest/otlp/decode";
import type { BinaryDecoder } from "./fixture-records";

export const binaryDecoder: BinaryDecoder = (signal, body) =>
  decodeExportRequest(signal, "protobuf", body).request;
