import { IntQueryParam } from '../../../common/dto/query-params.js';

export class ExportEventsRequestDto {
  @IntQueryParam({ description: 'Export the events with a position greater than this', min: 0, default: 0 })
  after?: number;
}
