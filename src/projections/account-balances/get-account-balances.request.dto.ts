import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ACCOUNT_ID_PATTERN, IsOptionalNotNull } from '../../common/dto/api-properties.js';
import { IntQueryParam } from '../../common/dto/query-params.js';
import { MinPositionQuery } from '../min-position.query.dto.js';

export class GetAccountBalancesRequestDto extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'Only this account, e.g. acc-123', pattern: ACCOUNT_ID_PATTERN.source })
  @IsOptionalNotNull()
  @IsString()
  @Matches(ACCOUNT_ID_PATTERN, { message: `accountId must match ${ACCOUNT_ID_PATTERN.source}` })
  accountId?: string;

  @ApiPropertyOptional({
    description: 'Page: accounts with an id after this one (ids in ascending order), e.g. the last id of the previous page',
    pattern: ACCOUNT_ID_PATTERN.source,
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(ACCOUNT_ID_PATTERN, { message: `after must be an account id` })
  after?: string;

  @IntQueryParam({ description: 'At most this many accounts', min: 1, max: 10000, default: 1000 })
  limit?: number;

  @ApiPropertyOptional({
    description:
      'Which copy to read: `sql` (the store\'s database) or `redis` (when the service runs with REDIS_URL); default ACCOUNT_BALANCES_SOURCE. ' +
      'Both wait for `minPosition` and read-your-writes alike.',
    enum: ['sql', 'redis'],
  })
  @IsOptionalNotNull()
  @IsIn(['sql', 'redis'], { message: 'source must be sql or redis' })
  source?: 'sql' | 'redis';
}
