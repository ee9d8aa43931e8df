import { IntQueryParam } from '../common/dto/query-params.js';

/** The `minPosition` every projection read accepts. */
export class MinPositionQuery {
  @IntQueryParam({
    description: 'Wait (up to 5 s, else 504) until the projection has applied this global position',
    min: 0,
    example: 42,
  })
  minPosition?: number;
}
