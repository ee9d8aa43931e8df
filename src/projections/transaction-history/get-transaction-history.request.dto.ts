import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ACCOUNT_ID_PATTERN, IsOptionalNotNull } from '../../common/dto/api-properties.js';
import { IntQueryParam } from '../../common/dto/query-params.js';
import { MinPositionQuery } from '../min-position.query.dto.js';

export class GetTransactionHistoryRequestDto extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'Only this account, e.g. acc-123', pattern: ACCOUNT_ID_PATTERN.source })
  @IsOptionalNotNull()
  @IsString()
  @Matches(ACCOUNT_ID_PATTERN, { message: `accountId must match ${ACCOUNT_ID_PATTERN.source}` })
  accountId?: string;

  @IntQueryParam({ description: 'Page: transactions with a global position after this', min: 0, default: 0 })
  after?: number;

  @IntQueryParam({ description: 'At most this many transactions', min: 1, max: 1000, default: 100 })
  limit?: number;
}
