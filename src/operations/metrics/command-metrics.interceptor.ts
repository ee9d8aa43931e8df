import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { type Observable, tap } from 'rxjs';
import { DomainError } from '../../common/errors/domain-error.js';
import { ReplayedResponse } from '../../common/idempotency/replayed-response.js';
import { EventStoreUnavailableError } from '../../eventstore/event-store.errors.js';
import { ServiceMetrics } from './service-metrics.js';

/** Routes of controllers at this path are commands; the route's own path names the command. */
const COMMANDS_PATH = 'commands';

/**
 * Times every command route (`/commands/<command>`), validation included, up to its outcome, into
 * `bank_command_duration_seconds{command, outcome}`: `ok`, `replayed` (an idempotent repeat), or the
 * error code the client gets.
 */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  /** The command of each route handler (null: not a command), worked out on its first request. */
  private readonly commands = new WeakMap<object, string | null>();

  constructor(private readonly metrics: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const command = context.getType() === 'http' ? this.commandOf(context) : undefined;
    if (command === undefined) return next.handle();
    const stop = this.metrics.commandDuration.startTimer({ command });
    return next.handle().pipe(
      tap({
        complete: () => stop({ outcome: 'ok' }),
        error: (error: unknown) => stop({ outcome: outcomeOf(error) }),
      }),
    );
  }

  private commandOf(context: ExecutionContext): string | undefined {
    const handler = context.getHandler();
    let command = this.commands.get(handler);
    if (command === undefined) {
      command = routeCommand(context);
      this.commands.set(handler, command);
    }
    return command ?? undefined;
  }
}

function routeCommand(context: ExecutionContext): string | null {
  const controllerPath = normalise(Reflect.getMetadata(PATH_METADATA, context.getClass()));
  if (controllerPath !== COMMANDS_PATH) return null;
  return normalise(Reflect.getMetadata(PATH_METADATA, context.getHandler())) || null;
}

function normalise(path: unknown): string {
  return (Array.isArray(path) ? String(path[0] ?? '') : String(path ?? '')).replace(/^\/+|\/+$/g, '');
}

function outcomeOf(error: unknown): string {
  if (error instanceof ReplayedResponse) return 'replayed';
  if (error instanceof DomainError) return error.code;
  if (error instanceof EventStoreUnavailableError) return 'STORE_UNAVAILABLE';
  if (error instanceof HttpException) return `HTTP_${error.getStatus()}`;
  return 'INTERNAL_ERROR';
}
