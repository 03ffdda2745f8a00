/** Reads `value.a.b…` from parsed JSON without trusting its shape; undefined when any step is missing. */
export function field(value: unknown, ...path: readonly string[]): unknown {
  let node = value;
  for (const name of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return node;
}

/** The field as a string (numbers accepted, since providers send both), or undefined. */
export function stringField(value: unknown, ...path: readonly string[]): string | undefined {
  const found = field(value, ...path);
  if (typeof found === 'string') return found;
  return typeof found === 'number' ? String(found) : undefined;
}
