// The shape of a corpus case with secrets, and the one-line builder the case tables use.

export interface SecretCase {
  name: string;
  text: string;
  /** Substrings that must be gone from the output. */
  secrets: string[];
  /** Expected kinds, one entry per secret redacted. */
  kinds: string[];
}

export function secretCase(name: string, kinds: string[], secrets: string[], text: string): SecretCase {
  return { name, text, secrets, kinds };
}
