/**
 * Prometheus metrics. Each app owns its registry (no global default registry), so several apps in one
 * process — tests — do not collide. Requests are labelled by route pattern, not raw URL, to keep the
 * label set bounded. /metrics also shows prom-client's default registry, where workers running in the
 * same process (npm start) count LLM usage; split deployments scrape the workers' own port.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, register, Registry } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  middleware: RequestHandler;
}

/** The app's own metrics followed by the process-wide default registry's (LLM usage of in-process workers). */
class AppRegistry extends Registry {
  override async metrics(): Promise<string> {
    const [own, shared] = await Promise.all([super.metrics(), register.metrics()]);
    return shared.trim() ? `${own}\n${shared}` : own;
  }
}

export function createHttpMetrics(): HttpMetrics {
  const registry: Registry = new AppRegistry();
  collectDefaultMetrics({ register: registry, prefix: 'ananta_api_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'ananta_http_requests_total', help: 'HTTP requests served', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'ananta_http_request_duration_seconds',
    help: 'HTTP request duration (streams: until closed)',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.once('close', () => {
      const labels = { method: req.method, route: (res.locals.routePath as string | undefined) ?? 'unmatched', status: String(res.statusCode) };
      requests.inc(labels);
      end(labels);
    });
    next();
  };
  return { registry, middleware };
}
