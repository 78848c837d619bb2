/**
 * [OP13] What the app needs of tracing. The OpenTelemetry implementation
 * (`otel.ts`) is imported only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set:
 * without it, no tracing module is even loaded and no middleware runs.
 */
export type Tracing = {
  /**
   * Runs `fn` in a span (a child of `parent`, a W3C `traceparent`, when
   * given); the span ends when `fn` settles, failed if it threw.
   */
  span<T>(
    name: string,
    options: {
      kind: 'server' | 'consumer';
      parent?: string | undefined;
      attributes?: Record<string, string | number | undefined>;
    },
    fn: (span: SpanHandle) => Promise<T>,
  ): Promise<T>;
  /** The current span's `traceparent`, to carry into a job queued now. */
  traceparent(): string | undefined;
  /** Sends what is buffered (before exit, and in tests). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
};

export type SpanHandle = {
  setAttribute(name: string, value: string | number): void;
  updateName(name: string): void;
  fail(message: string): void;
};

/** Tracing when the environment asks for it, else undefined (zero cost). */
export async function startTracing(
  env: {OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined; OTEL_SERVICE_NAME?: string | undefined},
  defaultServiceName: string,
): Promise<Tracing | undefined> {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const {startOpenTelemetry} = await import('./otel.ts');
  return startOpenTelemetry({
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
  });
}
