import { IntQueryParam } from '../../../common/dto/query-params.js';

export class GetAccountEventsRequestDto {
  @IntQueryParam({ description: 'First stream version to return', min: 1, default: 1 })
  fromVersion?: number;

  @IntQueryParam({ description: 'At most this many events', min: 1, max: 10000, default: 1000 })
  limit?: number;
}
