import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';

export interface ServerOptions extends AppOptions {
  port: number;
  host: string;
}

/**
 * Builds the app with its clock scheduler and listens. `close()` stops taking requests and waits for those in flight;
 * it does not close the store (its owner does, which signs the final checkpoint).
 */
export async function startServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; url: string; close: () => Promise<void> }> {
  const { port, host, ...appOptions } = options;
  const app = await buildApp({ logger: true, scheduler: true, integrityWatch: true, ...appOptions });
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${boundPort}`, close: () => app.close() };
}
