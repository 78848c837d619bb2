declare module 's3rver' {
  /** The parts of s3rver 3 the embedded store uses. */
  export default class S3rver {
    constructor(options: {
      port?: number;
      address?: string;
      directory: string;
      silent?: boolean;
      configureBuckets?: {name: string; configs?: (string | Buffer)[]}[];
    });
    run(): Promise<{address: string; port: number}>;
    close(): Promise<void>;
  }
}
