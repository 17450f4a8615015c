// Test-only protobuf writer for hand-built bodies (hostile inputs, unknown fields, packed/unpacked forms).
// Deliberately naive: correctness over speed, and it can write what no real encoder would.

export type Bytes = Uint8Array;

export function concat(...parts: readonly Bytes[]): Bytes {
  return Uint8Array.from(Buffer.concat(parts));
}

/** Base-128 varint of a non-negative value (BigInt allows the full 64 bits). */
export function varint(value: number | bigint): Bytes {
  let n = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (n >= 0x80n) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
  return Uint8Array.from(out);
}

export function tag(field: number, wireType: number): Bytes {
  return varint((field << 3) | wireType);
}

export function varintField(field: number, value: number | bigint): Bytes {
  return concat(tag(field, 0), varint(value));
}

export function fixed64Field(field: number, value: bigint): Bytes {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return concat(tag(field, 1), bytes);
}

export function fixed32Field(field: number, value: number): Bytes {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return concat(tag(field, 5), bytes);
}

export function doubleField(field: number, value: number): Bytes {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, true);
  return concat(tag(field, 1), bytes);
}

export function lenField(field: number, ...payload: readonly Bytes[]): Bytes {
  const body = concat(...payload);
  return concat(tag(field, 2), varint(body.length), body);
}

export function stringField(field: number, text: string): Bytes {
  return lenField(field, new TextEncoder().encode(text));
}

export function hexField(field: number, hex: string): Bytes {
  return lenField(field, Uint8Array.from(Buffer.from(hex, "hex")));
}

/** Wraps records into Export*ServiceRequest { 1 resource_* { 2 scope_* { 2 items } } }. */
export function envelope(...items: readonly Bytes[]): Bytes {
  return lenField(1, lenField(2, ...items.map((item) => lenField(2, item))));
}
