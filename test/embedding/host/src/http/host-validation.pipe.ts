import { BadRequestException, ValidationPipe } from '@nestjs/common';

/** The host's own validation: unknown fields refused, every failure listed as an invalid parameter. */
export function hostValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        message: 'Invalid order request',
        invalidParams: errors.map((error) => ({ name: error.property, reasons: Object.values(error.constraints ?? {}) })),
      }),
  });
}
