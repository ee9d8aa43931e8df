/** A line of an NDJSON body longer than the limit. */
export class LineTooLongError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly maxBytes: number,
  ) {
    super(`line ${lineNumber} is longer than ${maxBytes} bytes`);
    this.name = 'LineTooLongError';
  }
}

/**
 * The non-empty lines of a byte stream (`\n` or `\r\n` separated, UTF-8), with their 1-based numbers,
 * holding at most one line in memory. A newline byte never occurs inside a multi-byte UTF-8 character,
 * so lines are cut on bytes and decoded whole.
 * @throws LineTooLongError for a line longer than `maxBytes`.
 */
export async function* ndjsonLines(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<{ number: number; text: string }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  const line = (bytes: Buffer) => {
    number++;
    const text = bytes.toString('utf8').replace(/\r$/, '');
    return text.trim() === '' ? null : { number, text };
  };
  for await (const chunk of source) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a)) {
      if (pendingBytes + newline > maxBytes) throw new LineTooLongError(number + 1, maxBytes);
      const complete = line(Buffer.concat([...pending, bytes.subarray(0, newline)]));
      pending = [];
      pendingBytes = 0;
      bytes = bytes.subarray(newline + 1);
      if (complete) yield complete;
    }
    pendingBytes += bytes.length;
    if (pendingBytes > maxBytes) throw new LineTooLongError(number + 1, maxBytes);
    if (bytes.length > 0) pending.push(bytes);
  }
  const last = pendingBytes > 0 ? line(Buffer.concat(pending)) : null;
  if (last) yield last;
}
