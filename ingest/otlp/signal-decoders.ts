// The shape each encoding's decoders share, so decode.ts picks an encoding by lookup, not by branching.
import type { RecordTally } from "./record-tally";
import type { CanonicalRequestBySignal, Signal } from "./types";

export interface Decoded<R> {
  request: R;
  tally: RecordTally;
}

export type SignalDecoders = {
  readonly [S in Signal]: (body: Uint8Array) => Decoded<CanonicalRequestBySignal[S]>;
};
