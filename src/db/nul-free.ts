/**
 * Every text value a query sends, without NUL characters. PostgreSQL refuses them in text (a NUL
 * typed into a comment, a search or an author's address would be a 500 there, and one in an
 * imported title would fail its whole batch); nobody means one, so both dialects drop them, and a
 * store holds the same text on either.
 */
import { OperationNodeTransformer, type KyselyPlugin, type PrimitiveValueListNode, type ValueNode } from 'kysely';

const clean = (v: unknown): unknown => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '') : v);

class NulFreeTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const out = super.transformValue(node);
    const value = clean(out.value);
    return value === out.value ? out : { ...out, value };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const out = super.transformPrimitiveValueList(node);
    return out.values.some((v) => typeof v === 'string' && v.includes('\u0000')) ? { ...out, values: out.values.map(clean) } : out;
  }
}

/** The plugin both dialects' Kysely instances use. */
export function nulFree(): KyselyPlugin {
  const transformer = new NulFreeTransformer();
  return {
    transformQuery: (args) => transformer.transformNode(args.node),
    transformResult: async (args) => args.result,
  };
}
