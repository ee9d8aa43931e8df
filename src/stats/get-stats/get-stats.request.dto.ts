import { IntQueryParam } from '../../common/dto/query-params.js';
import { MinPositionQuery } from '../../projections/min-position.query.dto.js';

export class GetStatsRequestDto extends MinPositionQuery {
  @IntQueryParam({ description: 'How many of the busiest aggregates to list', min: 0, max: 1000, default: 100 })
  limit?: number;
}
