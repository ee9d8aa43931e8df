import type { LoggerService } from '@nestjs/common';

/** The host's own logger: one JSON line per entry on stdout, tagged with the application's name. */
export class HostLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    this.write('log', message, context);
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context ?? trace);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  private write(level: string, message: unknown, context: string | undefined): void {
    process.stdout.write(`${JSON.stringify({ app: 'order-host', level, context, message })}\n`);
  }
}
