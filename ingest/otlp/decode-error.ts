// The one error the OTLP decoders throw. Its field path is filled in while it unwinds through the decoders
// (each level prepends its segment in a catch), so the hot path never builds path strings.

export class OtlpDecodeError extends Error {
  override name = "OtlpDecodeError";
  /** Field path segments, outermost first, e.g. ["resourceLogs[0]", "scopeLogs[1]", "logRecords[7]", "body"]. */
  readonly path: string[] = [];

  /**
   * @param problem what is wrong, without the location
   * @param wire true for byte-level faults ("truncated buffer ... in <path>"); false for field values
   *   ("<path>: not hex")
   */
  constructor(
    readonly problem: string,
    readonly wire = false,
  ) {
    super(problem);
  }

  /** Prepends a path segment (`name` or `name[index]`) and refreshes the message. */
  within(name: string, index?: number): this {
    this.path.unshift(index === undefined ? name : `${name}[${index}]`);
    const where = this.path.join(".").replace(/\.\[/g, "[");
    this.message = this.wire ? `${this.problem} in ${where}` : `${where}: ${this.problem}`;
    return this;
  }
}

/** Adds a path segment to an OtlpDecodeError; anything else passes through untouched for the caller. */
export function within(error: unknown, name: string, index?: number): unknown {
  return error instanceof OtlpDecodeError ? error.within(name, index) : error;
}
