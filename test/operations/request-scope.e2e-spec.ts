import express from 'express';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { jsonBodyParser } from '../../src/common/http/body-parsing.middleware.js';
import { assignRequestId, enterRequestScope } from '../../src/common/http/request-id.middleware.js';
import { currentRequestId } from '../../src/common/http/request-scope.js';
import { loggerParams } from '../../src/operations/logging/logger-params.js';

/** Log lines written while a request is handled carry its id, also after its JSON body was read. */
describe('request scope', () => {
  function appLoggingTo(lines: string[]) {
    const options = loggerParams({ logLevel: 'info' }).pinoHttp as pino.LoggerOptions;
    const logger = pino(options, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const app = express();
    app.use(assignRequestId);
    app.use(jsonBodyParser('100kb'));
    app.use(enterRequestScope);
    app.post('/work', async (_request, response) => {
      await nextTurn();
      logger.info('working');
      response.json({ requestId: currentRequestId() ?? null });
    });
    return { app, logger };
  }

  it('gives lines logged after the body was parsed and after awaits the request id', async () => {
    const lines: string[] = [];
    const { app } = appLoggingTo(lines);
    const responses = await Promise.all(
      ['scope-1', 'scope-2', 'scope-3'].map((id) => request(app).post('/work').set('X-Request-Id', id).send({ large: 'x'.repeat(50_000) })),
    );
    expect(responses.map((response) => response.body.requestId)).toEqual(['scope-1', 'scope-2', 'scope-3']);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; requestId?: string });
    expect(logged.map((line) => line.requestId).sort()).toEqual(['scope-1', 'scope-2', 'scope-3']);
  });

  it('logs no request id outside a request', () => {
    const lines: string[] = [];
    const { logger } = appLoggingTo(lines);
    logger.info('outside');
    expect(JSON.parse(lines[0])).not.toHaveProperty('requestId');
  });
});
