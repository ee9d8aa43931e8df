/** What the store knows about a stream without reading its events. */
export interface StreamInfo {
  streamId: string;
  streamType: string;
  version: number;
}
