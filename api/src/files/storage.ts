import {mkdir} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {getSignedUrl} from '@aws-sdk/s3-request-presigner';

export type StorageConfig = {
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** s3rver and MinIO want path-style URLs; R2 and AWS take either. */
  forcePathStyle?: boolean | undefined;
};

/** Presigned URLs live this long [FL1]. */
export const PRESIGN_SECONDS = 5 * 60;

/**
 * [FL1] Files in S3-compatible storage (Cloudflare R2 in production, s3rver by
 * default), only through `@aws-sdk/client-s3`: one code path for both.
 */
export class Storage {
  readonly bucket: string;
  /** Where browsers PUT and GET, for the page's Content-Security-Policy. */
  readonly origin: string;
  readonly #client: S3Client;

  constructor(config: StorageConfig) {
    this.bucket = config.bucket;
    // Path-style under an endpoint (R2, s3rver); AWS's own hosts are virtual-hosted.
    this.origin = config.endpoint
      ? new URL(config.endpoint).origin
      : `https://${config.bucket}.s3.${config.region}.amazonaws.com`;
    this.#client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      credentials: {accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey},
      // A presigned PUT must not carry a checksum of a body the SDK never saw.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** A PUT the browser may make for 5 minutes: its type and length are part of the signature. */
  presignPut(key: string, contentType: string, contentLength: number): Promise<string> {
    return getSignedUrl(
      this.#client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: contentLength,
      }),
      {expiresIn: PRESIGN_SECONDS, signableHeaders: new Set(['content-type', 'content-length'])},
    );
  }

  /** A GET for 5 minutes that downloads under `fileName`, with a type that cannot run as a page. */
  presignGet(key: string, fileName: string, contentType: string, inline: boolean): Promise<string> {
    const disposition = `${inline ? 'inline' : 'attachment'}; filename="${asciiName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    return getSignedUrl(
      this.#client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: disposition,
        ResponseContentType: contentType,
      }),
      {expiresIn: PRESIGN_SECONDS},
    );
  }

  /** The object's real size, or undefined when it is not there. */
  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.#client.send(new HeadObjectCommand({Bucket: this.bucket, Key: key}));
      return head.ContentLength;
    } catch (err) {
      if ((err as {$metadata?: {httpStatusCode?: number}}).$metadata?.httpStatusCode === 404)
        return undefined;
      throw err;
    }
  }

  /** The object's first `bytes` (to sniff its real type). */
  async head(key: string, bytes = 4100): Promise<Uint8Array> {
    const res = await this.#client.send(
      new GetObjectCommand({Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}`}),
    );
    return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({Bucket: this.bucket, Key: key, Body: body, ContentType: contentType}),
    );
  }

  async read(key: string): Promise<Uint8Array> {
    const res = await this.#client.send(new GetObjectCommand({Bucket: this.bucket, Key: key}));
    return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  /** [FL7] The whole object as it arrives, chunk by chunk (for the virus scanner). */
  async *stream(key: string): AsyncIterable<Uint8Array> {
    const res = await this.#client.send(new GetObjectCommand({Bucket: this.bucket, Key: key}));
    // In Node the SDK hands over the HTTP response itself; any other body is read whole.
    if (res.Body instanceof Readable) yield* res.Body;
    else if (res.Body) yield await res.Body.transformToByteArray();
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({Bucket: this.bucket, Key: key}));
  }

  /** [OP5] Throws unless the bucket answers with these credentials (for `/readyz`). */
  async checkBucket(signal?: AbortSignal): Promise<void> {
    await this.#client.send(new HeadBucketCommand({Bucket: this.bucket}), {abortSignal: signal});
  }

  /** Makes the bucket when it is missing (the embedded store; a deployment makes its own). */
  async ensureBucket(): Promise<void> {
    await this.#client.send(new CreateBucketCommand({Bucket: this.bucket})).catch((err: {name?: string}) => {
      if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
    });
  }
}

/** A file name fit for the quoted `filename=` fallback: printable ASCII, no quotes or backslashes. */
export function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
}

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * The embedded S3 stand-in (s3rver) on loopback, with CORS so the browser
 * can PUT to it. It does not check signatures or signed lengths
 * (`../shared/local-standins.md`): the API checks every object itself.
 */
export async function startLocalS3(options: {port: number; directory: string; bucket: string}) {
  await mkdir(options.directory, {recursive: true});
  const {default: S3rver} = await import('s3rver');
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.directory,
    silent: true,
    configureBuckets: [{name: options.bucket, configs: [CORS]}],
  });
  const {port} = await server.run();
  return {url: `http://127.0.0.1:${port}`, close: () => server.close()};
}
