// Answers masterd sends many times unchanged are encoded once: a kept table's Query answer
// (query/table-answer.ts) is 0.7 MB of text at 10,000 instances, and encoding it took 0.7 ms
// and left 0.9 MB of garbage per `gnt-instance list` asked again (docs/scaling.md, round 11).
// gRPC copies the encoding into its own frame, so the kept bytes are never changed.
const marked = new WeakSet<object>();
const encodings = new WeakMap<object, Buffer>();

/** Marks an answer object that will be sent again as it is: its encoding is kept with it. */
export function sentAgain<T extends object>(answer: T): T {
  marked.add(answer);
  return answer;
}

/** A method's serializer that encodes a marked answer once (for as long as it lives). */
export function keepingEncodings<T>(serialize: (value: T) => Buffer): (value: T) => Buffer {
  return (value) => {
    if (typeof value !== 'object' || value === null || !marked.has(value)) return serialize(value);
    let bytes = encodings.get(value);
    if (!bytes) { bytes = serialize(value); encodings.set(value, bytes); }
    return bytes;
  };
}
