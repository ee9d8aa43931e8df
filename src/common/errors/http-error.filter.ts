import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { EventStoreUnavailableError } from '../../eventstore/event-store.errors.js';
import { type IdentifiedRequest, requestLogFields } from '../http/correlation-id.js';
import { recordOutcome } from '../http/response-outcome.js';
import { ReplayedResponse } from '../idempotency/replayed-response.js';
import { DomainError } from './domain-error.js';
import type { ErrorCode } from './error-code.js';
import { type ErrorBody, errorBody } from './error-body.js';

/** Codes for the HTTP errors Nest itself raises (unknown route, etc.). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'STORE_UNAVAILABLE',
};

/**
 * The one place errors become HTTP responses: domain errors by their code, Nest's HTTP errors by status,
 * everything else as a 500 whose details stay in the log (on a line with the request id), never in the
 * response. Each response's code (or `replayed`) is recorded as the request's outcome, for the command metrics.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (exception instanceof ReplayedResponse) {
      recordOutcome(response, 'replayed');
      response.setHeader('Idempotent-Replayed', 'true');
      response.status(exception.statusCode).json(exception.body);
      return;
    }
    const body = this.toBody(exception, http.getRequest<IdentifiedRequest>());
    recordOutcome(response, body.code);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: IdentifiedRequest): ErrorBody {
    if (exception instanceof DomainError) return errorBody(exception.code, exception.message, exception.extra);
    if (exception instanceof EventStoreUnavailableError) {
      this.logger.warn(requestLogFields(request), `Store unavailable: ${String(exception.cause ?? exception.message)}`);
      return errorBody('STORE_UNAVAILABLE', 'The event store is unavailable; retry later');
    }
    if (exception instanceof HttpException) {
      const code = CODE_BY_STATUS[exception.getStatus()];
      if (code) return errorBody(code, code === 'NOT_FOUND' ? 'Route not found' : exception.message);
    }
    this.logger.error(requestLogFields(request), exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return errorBody('INTERNAL_ERROR', 'Internal server error');
  }
}
