/**
 * Reads a body of newline-delimited JSON as it arrives: `push` takes a decoded chunk and returns the
 * complete lines it closed (a line may span chunks); `end` returns the last unterminated one, if any.
 */
export function ndjsonSplitter() {
  let pending = '';
  const parse = (line: string): unknown[] => (line.trim() === '' ? [] : [JSON.parse(line)]);
  return {
    push(chunk: string): unknown[] {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      return parts.flatMap(parse);
    },
    end(): unknown[] {
      const last = pending;
      pending = '';
      return parse(last);
    },
  };
}
