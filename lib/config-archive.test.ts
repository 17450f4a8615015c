import { describe, expect, test } from "vitest";
import { parseArchiveUrl } from "./config";

describe("TRACEMARK_ARCHIVE_URL", () => {
  test("bucket and prefix, taken literally, slashes trimmed", () => {
    expect(parseArchiveUrl("s3://tracemark/archive/", true)).toEqual({
      url: "s3://tracemark/archive/",
      bucket: "tracemark",
      prefix: "archive",
      pathStyle: true,
    });
    expect(parseArchiveUrl("s3://my.bucket-1", false).prefix).toBe("");
    expect(parseArchiveUrl("s3://b12/a b/c+d%20é", false).prefix).toBe("a b/c+d%20é");
  });

  test.each([
    ["https://tracemark/archive", /is not an s3:\/\/ address/],
    ["s3:/tracemark", /is not an s3:\/\/ address/],
    ["s3://", /not a valid bucket name/],
    ["s3://Upper/x", /"Upper", which is not a valid bucket name/],
    ["s3://ab/x", /not a valid bucket name/],
    ["s3://tracemark/a//b", /empty, '.' or '..' part/],
    ["s3://tracemark/a/../b", /empty, '.' or '..' part/],
    ["s3://tracemark/a\u0000b", /control characters/],
    ["s3://tracemark/a\\b", /backslash/],
    [`s3://tracemark/${"x".repeat(600)}`, /over 512 bytes/],
  ])("%s is refused with a message naming the setting", (raw, why) => {
    expect(() => parseArchiveUrl(raw, true)).toThrow(why);
    expect(() => parseArchiveUrl(raw, true)).toThrow(
      /^TRACEMARK_ARCHIVE_URL=.*expected s3:\/\/<bucket>\/<prefix>/s,
    );
  });
});
