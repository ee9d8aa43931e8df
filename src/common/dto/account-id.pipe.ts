import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors/validation-failed.error.js';
import { ACCOUNT_ID_PATTERN } from './api-properties.js';

/** Validates an `accountId` path parameter. */
@Injectable()
export class AccountIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ACCOUNT_ID_PATTERN.test(value)) {
      throw new ValidationFailedError(`accountId must match ${ACCOUNT_ID_PATTERN.source}`, [
        { field: 'accountId', problems: [`must match ${ACCOUNT_ID_PATTERN.source}`] },
      ]);
    }
    return value;
  }
}
