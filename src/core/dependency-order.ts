/**
 * An order in which things that depend on others come after them: tables after the tables their
 * foreign keys name, so that a copy inserts every parent row before its children.
 */

/** Names ordered so that each comes after every name in its `after` list (ties by name); throws on a cycle. */
export function dependencyOrder(items: readonly { name: string; after: readonly string[] }[]): string[] {
  const known = new Set(items.map((i) => i.name));
  const waiting = new Map(items.map((i) => [i.name, new Set(i.after.filter((a) => a !== i.name && known.has(a)))]));
  const order: string[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, after]) => after.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) throw new Error(`these depend on each other in a cycle: ${[...waiting.keys()].sort().join(', ')}`);
    for (const name of ready) {
      order.push(name);
      waiting.delete(name);
      for (const after of waiting.values()) after.delete(name);
    }
  }
  return order;
}
