import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ConcurrencyRetriesExhaustedError, IdempotencyFingerprintMismatchError } from 'event-sourced-bank/eventsourcing';
import { WrongExpectedVersionError } from 'event-sourced-bank/eventstore';
import type { Response } from 'express';
import { OrderError } from '../orders/order-errors.js';

/** The host's own error format: RFC 9457 problem details, for its own errors and the toolkit's. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = this.problemOf(exception);
    host.switchToHttp().getResponse<Response>().status(problem.status).type('application/problem+json').json(problem);
  }

  private problemOf(exception: unknown): { type: string; title: string; status: number; [extra: string]: unknown } {
    if (exception instanceof OrderError) return { type: `/problems/${exception.problem}`, title: exception.message, status: exception.status };
    if (exception instanceof WrongExpectedVersionError) {
      return { type: '/problems/version-conflict', title: exception.message, status: 409, currentVersion: exception.currentVersion };
    }
    if (exception instanceof IdempotencyFingerprintMismatchError) return { type: '/problems/idempotency-key-reused', title: exception.message, status: 422 };
    if (exception instanceof ConcurrencyRetriesExhaustedError) return { type: '/problems/busy', title: exception.message, status: 503 };
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const extra = typeof response === 'object' && response !== null && 'invalidParams' in response ? { invalidParams: response.invalidParams } : {};
      return { type: `/problems/http-${exception.getStatus()}`, title: exception.message, status: exception.getStatus(), ...extra };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { type: '/problems/internal', title: 'Internal error', status: 500 };
  }
}
