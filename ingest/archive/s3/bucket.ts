// The bucket an archive lives in (TRACEMARK_ARCHIVE_URL): put / get / list / delete of keys under its prefix,
// through the AWS SDK, whose own resolution finds the endpoint, credentials and region (AWS_* variables,
// profiles), and one place that turns an S3 failure into a sentence naming what to fix.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { BucketError } from "./errors";

/** Where a bucket archive lives (`s3://<bucket>/<prefix>`), as lib/config.ts parses TRACEMARK_ARCHIVE_URL and
 * server.ts hands it in. */
export interface BucketLocation {
  /** As configured, for messages. */
  url: string;
  bucket: string;
  /** Key prefix without leading or trailing slash; "" for the bucket's root. */
  prefix: string;
  /** Path-style addressing (`endpoint/bucket/key`) rather than virtual-hosted (`bucket.endpoint/key`). */
  pathStyle: boolean;
}

export interface BucketObject {
  /** Key relative to the archive's prefix. */
  rel: string;
  size: number;
}

/** Region when neither the AWS variables nor a profile name one: MinIO, Ceph and s3rver accept any, and
 * us-east-1 is AWS's default. */
const FALLBACK_REGION = "us-east-1";
/** A PUT of a pending object is on the acknowledgement path: connect within 5 s, answer within 30 s (then
 * the SDK's own retries, 3 attempts), else the request is refused (503) rather than held. */
const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

async function sdkRegion(): Promise<string> {
  const probe = new S3Client({});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}

export class Bucket {
  private constructor(
    readonly location: BucketLocation,
    private readonly client: S3Client,
  ) {}

  static open(location: BucketLocation): Bucket {
    let region: Promise<string> | null = null;
    const client = new S3Client({
      region: () => (region ??= sdkRegion()), // resolved once: the SDK asks on every request
      forcePathStyle: location.pathStyle,
      requestHandler: {
        connectionTimeout: CONNECT_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
      },
    });
    return new Bucket(location, client);
  }

  /** The full key of a key relative to the prefix. */
  key(rel: string): string {
    return this.location.prefix ? `${this.location.prefix}/${rel}` : rel;
  }

  /** `s3://bucket/key`, for messages (and `aws s3 cp`). */
  url(rel: string): string {
    return `s3://${this.location.bucket}/${this.key(rel)}`;
  }

  async put(rel: string, body: Buffer): Promise<void> {
    await this.attempt((c) =>
      c.send(new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel), Body: body })),
    );
  }

  /** The object's bytes, or null when there is no such key. */
  async get(rel: string): Promise<Buffer | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel) }),
      );
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (error) {
      if ((error as Error).name === "NoSuchKey") return null;
      throw this.explain(error);
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel) }));
      return true;
    } catch (error) {
      if ((error as Error).name === "NotFound" || (error as Error).name === "NoSuchKey") return false;
      throw this.explain(error);
    }
  }

  async delete(rel: string): Promise<void> {
    await this.attempt((c) =>
      c.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(rel) })),
    );
  }

  /** Every object whose key starts with `relPrefix`, in key order. */
  async list(relPrefix: string): Promise<BucketObject[]> {
    const objects: BucketObject[] = [];
    const base = this.key("");
    let token: string | undefined;
    do {
      const page = await this.attempt((c) =>
        c.send(
          new ListObjectsV2Command({
            Bucket: this.location.bucket,
            Prefix: this.key(relPrefix),
            ContinuationToken: token,
          }),
        ),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key?.startsWith(base))
          objects.push({ rel: item.Key.slice(base.length), size: item.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  /** Reachable, the bucket exists, and these credentials may write and delete under the prefix. */
  async check(): Promise<void> {
    await this.attempt((c) => c.send(new HeadBucketCommand({ Bucket: this.location.bucket })));
    const probe = `.tracemark-probe-${process.pid}-${Date.now()}`;
    await this.put(probe, Buffer.from("ok"));
    await this.delete(probe);
  }

  destroy(): void {
    this.client.destroy();
  }

  private async attempt<T>(work: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await work(this.client);
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** One sentence per way a bucket fails, naming the setting to fix. */
  explain(error: unknown): BucketError {
    if (error instanceof BucketError) return error;
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string; Code?: string };
    const name = e.name || e.code || "Error";
    const status = e.$metadata?.httpStatusCode;
    const where = `bucket ${this.location.bucket} (TRACEMARK_ARCHIVE_URL=${this.location.url})`;
    const detail = e.message && e.message !== name ? `: ${e.message}` : "";
    if (name === "NoSuchBucket" || (name === "NotFound" && status === 404))
      return new BucketError(`${where} does not exist; create it, or fix the bucket name`, name);
    if (
      [
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "AccessDenied",
        "Forbidden",
        "CredentialsProviderError",
      ].includes(name) ||
      status === 403 ||
      status === 401
    )
      return new BucketError(
        `${where} refused these credentials (${name}${detail}); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE`,
        name,
      );
    const network =
      /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up|TimeoutError|RequestTimeout/i;
    if (network.test(`${name} ${e.code ?? ""} ${e.message ?? ""}`))
      return new BucketError(
        `${where} is unreachable (${name}${detail}); check AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and the network`,
        name,
      );
    return new BucketError(`${where} failed (${name}${status ? `, HTTP ${status}` : ""}${detail})`, name);
  }
}
