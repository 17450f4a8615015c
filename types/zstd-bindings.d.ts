// @mongodb-js/zstd 1.2.2's JS `compress` ignores its level argument (always 3); its native binding takes it.
declare module "@mongodb-js/zstd/bindings" {
  export function compress(data: Buffer, level: number): Promise<Buffer>;
  export function decompress(data: Buffer): Promise<Buffer>;
}
