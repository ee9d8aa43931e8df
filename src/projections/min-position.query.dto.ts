import { IntQueryParam } from '../common/dto/query-params.js';

/** The `minPosition` every projection read accepts. */
export class MinPositionQuery {
  @IntQueryParam({
    description:
      'Read-your-writes: wait (up to 5 s, else 504 TIMEOUT) until the projection has applied this global position, ' +
      'e.g. the `position` a command returned',
    min: 0,
  })
  minPosition?: number;
}
