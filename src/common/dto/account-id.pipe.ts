import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors/validation-failed.error.js';
import { ACCOUNT_ID_PATTERN } from './api-properties.js';

/** Validates an identifier path parameter (an account's or a transfer's) against the identifier pattern. */
export class IdentifierPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!ACCOUNT_ID_PATTERN.test(value)) {
      throw new ValidationFailedError(`${this.field} must match ${ACCOUNT_ID_PATTERN.source}`, [
        { field: this.field, problems: [`must match ${ACCOUNT_ID_PATTERN.source}`] },
      ]);
    }
    return value;
  }
}

/** Validates an `accountId` path parameter. */
@Injectable()
export class AccountIdPipe extends IdentifierPipe {
  constructor() {
    super('accountId');
  }
}
