// A real S3-compatible server for tests (s3rver, from npm: path-style, SigV4-checked credentials, files in a
// temp dir) on 127.0.0.1 and a free port, with the AWS variables a tracemark process needs to reach it. It
// can be stopped and started again on the same port and data (a bucket that goes away and comes back).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { freePort } from "./server";

/** s3rver's fixed credentials: anything else is refused with InvalidAccessKeyId / SignatureDoesNotMatch. */
const ACCESS_KEY = "S3RVER";
const SECRET_KEY = "S3RVER";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** The environment a tracemark process needs for `s3://<bucket>/<prefix>`. */
  env(prefix: string, overrides?: Record<string, string>): Record<string, string>;
  /** A client of our own, to look into the bucket (keys relative to the bucket). */
  client: S3Client;
  list(prefix?: string): Promise<string[]>;
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer): Promise<void>;
  /** Stops answering (connections cut) until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes its files. */
  close(): Promise<void>;
}

/** Points this process's AWS SDK at `s3` (endpoint, credentials, region), as the environment does in production,
 * for tests that open buckets in-process. */
export function useS3InThisProcess(s3: TestS3): void {
  const env = s3.env("");
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: env.AWS_ENDPOINT_URL_S3,
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
    AWS_REGION: env.AWS_REGION,
  });
}

export async function startS3(bucket = "tracemark-test"): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracemark-s3-"));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let server: S3rver | null = null;
  const start = async (): Promise<void> => {
    server = new S3rver({
      address: "127.0.0.1",
      port,
      directory: dir,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    await server.run();
  };
  const stop = async (): Promise<void> => {
    const running = server;
    server = null;
    if (!running) return;
    const closed = running.close();
    running.httpServer?.closeAllConnections();
    await closed;
  };
  await start();
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  });
  const list = async (prefix = ""): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((item) => item.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  };
  return {
    endpoint,
    bucket,
    client,
    env: (prefix, overrides = {}) => ({
      TRACEMARK_ARCHIVE_URL: `s3://${bucket}/${prefix}`,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET_KEY,
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...overrides,
    }),
    list,
    get: async (key) => {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    },
    put: async (key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    stop,
    start,
    close: async () => {
      await stop();
      client.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
