/** Where a stored event is: its stream and its version there. */
export interface EventLocation {
  id: string;
  streamId: string;
  version: number;
}
