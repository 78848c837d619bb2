import {context, propagation, SpanKind, SpanStatusCode, trace} from '@opentelemetry/api';
import {OTLPTraceExporter} from '@opentelemetry/exporter-trace-otlp-http';
import {resourceFromAttributes} from '@opentelemetry/resources';
import {BatchSpanProcessor, NodeTracerProvider} from '@opentelemetry/sdk-trace-node';
import type {Tracing} from './tracing.ts';

let started: Tracing | undefined;

/**
 * [OP13] Traces over OTLP/HTTP (JSON) to `endpoint/v1/traces`, with the
 * standard `OTEL_EXPORTER_OTLP_HEADERS` honoured by the exporter. Only the
 * SDK, the exporter and spans made by hand (requests in `http/tracing.ts`,
 * jobs in `jobs/observe.ts`): no auto-instrumentation, whose patching of
 * every module costs start-up time and memory. Once per process: the
 * provider registers itself as the global one (context and propagation).
 */
export function startOpenTelemetry(options: {endpoint: string; serviceName: string}): Tracing {
  if (started) return started;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({'service.name': options.serviceName}),
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({url: `${options.endpoint.replace(/\/$/, '')}/v1/traces`}),
      ),
    ],
  });
  provider.register();
  const tracer = trace.getTracer('chorus');

  started = {
    async span(name, options, fn) {
      const parent = options.parent
        ? propagation.extract(context.active(), {traceparent: options.parent})
        : context.active();
      return tracer.startActiveSpan(
        name,
        {
          kind: options.kind === 'server' ? SpanKind.SERVER : SpanKind.CONSUMER,
          attributes: Object.fromEntries(
            Object.entries(options.attributes ?? {}).filter(([, v]) => v !== undefined),
          ) as Record<string, string | number>,
        },
        parent,
        async span => {
          try {
            return await fn({
              setAttribute: (key, value) => span.setAttribute(key, value),
              updateName: value => span.updateName(value),
              fail: message => span.setStatus({code: SpanStatusCode.ERROR, message}),
            });
          } catch (err) {
            span.recordException(err as Error);
            span.setStatus({code: SpanStatusCode.ERROR, message: String(err)});
            throw err;
          } finally {
            span.end();
          }
        },
      );
    },
    traceparent() {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return carrier.traceparent;
    },
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      started = undefined;
      await provider.shutdown();
    },
  };
  return started;
}
