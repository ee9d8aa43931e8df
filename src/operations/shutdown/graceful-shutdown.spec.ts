import type { HttpAdapterHost } from '@nestjs/core';
import { once } from 'node:events';
import { Agent, createServer, get, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../config/app-config.js';
import { GracefulShutdown } from './graceful-shutdown.js';

/** GET / on a kept-alive connection of `agent`: the response's headers. */
async function headersOf(server: Server, agent: Agent): Promise<IncomingHttpHeaders> {
  const { port } = server.address() as AddressInfo;
  const request = get({ host: '127.0.0.1', port, path: '/', agent });
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  response.resume();
  await once(response, 'end');
  return response.headers;
}

describe('GracefulShutdown', () => {
  let server: Server;
  let agent: Agent;
  let shutdown: GracefulShutdown;

  beforeEach(async () => {
    server = createServer((_request, response) => response.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const adapterHost = { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost;
    shutdown = new GracefulShutdown(adapterHost, { shutdownTimeoutMs: 60_000 } as AppConfig);
  });

  afterEach(async () => {
    shutdown.onApplicationShutdown();
    agent.destroy();
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('given no shutdown, then responses keep the connection alive', async () => {
    expect((await headersOf(server, agent)).connection).toBe('keep-alive');
    expect((await headersOf(server, agent)).connection).toBe('keep-alive');
  });

  it('given shutdown has started, then each response asks to close its connection', async () => {
    expect((await headersOf(server, agent)).connection).toBe('keep-alive');
    shutdown.beforeApplicationShutdown('SIGTERM'); // closes the idle connection
    agent.destroy();
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await headersOf(server, agent)).connection).toBe('close');
    expect((await headersOf(server, agent)).connection).toBe('close');
  });
});
