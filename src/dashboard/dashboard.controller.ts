import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { NotFoundError } from '../common/errors/not-found.error.js';
import { API_TOKEN_SCHEME } from '../common/http/access.decorators.js';

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The dashboard: one page and its plain ES modules and stylesheet, read once from `assets/` (no CDN, no
 * build step). The page reads the API the way any client does (the live feed, `/projections`,
 * `/stats`, the account queries), so it needs the same token: with `API_TOKEN` set a browser is asked
 * for it (Basic credentials, the token as the password).
 */
@ApiTags('Operations')
@ApiBearerAuth(API_TOKEN_SCHEME)
@Controller('dashboard')
export class DashboardController {
  private readonly files = new Map(
    readdirSync(ASSETS)
      .filter((name) => TYPES[extname(name)] !== undefined)
      .map((name) => [name, { body: readFileSync(ASSETS + name), type: TYPES[extname(name)] }] as const),
  );

  @Get()
  @ApiOperation({
    operationId: 'getDashboard',
    summary: 'Dashboard (HTML page)',
    description:
      'A live page over this API: the event log as it commits (filter by type or account), the projections (status, ' +
      'position, lag, events/s, rebuild progress and a rebuild button), an account explorer with a slider over its ' +
      'versions, and the store statistics. Open it in a browser.',
  })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The page', content: { 'text/html': { schema: { type: 'string' }, example: '<!doctype html>…' } } })
  @ApiErrorResponses('UNAUTHORIZED')
  page(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get(':file')
  @ApiExcludeEndpoint()
  asset(@Param('file') file: string, @Res() response: Response): void {
    this.send(response, file);
  }

  private send(response: Response, name: string): void {
    const file = this.files.get(name);
    if (!file) throw new NotFoundError(`The dashboard has no file ${name}`);
    response.setHeader('Content-Type', file.type);
    response.setHeader('Cache-Control', 'no-cache');
    response.end(file.body);
  }
}
