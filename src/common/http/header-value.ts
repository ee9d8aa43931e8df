/** 1-128 printable ASCII characters: what the service takes as a client-chosen id in a header. */
const PRINTABLE_ID = /^[\x20-\x7e]{1,128}$/;

/** Whether a header's value is one client-chosen id (a repeated header arrives as an array: not one). */
export function isPrintableId(value: unknown): value is string {
  return typeof value === 'string' && PRINTABLE_ID.test(value);
}
