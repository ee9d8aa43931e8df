import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { Logger as PinoNestLogger, type PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';
import { EventStoreUnavailableError } from '../../src/eventstore/event-store.errors.js';
import { loggerParams } from '../../src/operations/logging/logger-params.js';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

/** The lines the service writes while it handles a request name the request's id. */
describe('log lines of a request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('given the store fails during a command, then its warning carries the request id', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(t.store, 'append').mockRejectedValue(new EventStoreUnavailableError('disk I/O error'));
    await request(t.server).post('/commands/open-account').set('X-Request-Id', 'req-503').send({ accountId: 'acc-503' }).expect(503);
    expect(warn).toHaveBeenCalledWith({ requestId: 'req-503' }, expect.stringContaining('disk I/O error'));
  });

  it('given an unexpected error, then the 500 is logged with its stack and the request id', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(t.store, 'append').mockRejectedValue(new Error('unexpected'));
    await request(t.server).post('/commands/open-account').set('X-Request-Id', 'req-500').send({ accountId: 'acc-500' }).expect(500);
    expect(error).toHaveBeenCalledWith({ requestId: 'req-500' }, expect.stringMatching(/^Error: unexpected\n\s+at /));
  });

  it('given the health check fails, then its warning carries the request id', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(t.store, 'ping').mockRejectedValue(new EventStoreUnavailableError('connect ECONNREFUSED'));
    await request(t.server).get('/health').set('X-Request-Id', 'req-health').expect(503);
    expect(warn).toHaveBeenCalledWith({ requestId: 'req-health' }, expect.stringContaining('ECONNREFUSED'));
  });

  it('writes the fields passed before the message into the JSON line, beside the message and context', () => {
    const lines: string[] = [];
    const options = loggerParams({ logLevel: 'info' }).pinoHttp as pino.LoggerOptions;
    const root = pino(options, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const logger = new PinoNestLogger(root as unknown as PinoLogger, {});
    logger.warn({ requestId: 'req-line' }, 'Store unavailable: disk I/O error', 'HttpErrorFilter');
    logger.log('no request here', 'ProjectionRunner');
    const [withRequest, without] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(withRequest).toMatchObject({ level: 'warn', requestId: 'req-line', msg: 'Store unavailable: disk I/O error', context: 'HttpErrorFilter' });
    expect(without).toMatchObject({ level: 'info', msg: 'no request here', context: 'ProjectionRunner' });
    expect(without).not.toHaveProperty('requestId');
  });
});
