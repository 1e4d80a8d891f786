/**
 * A card's abstract snippet. In search results it shows the words that answer the query, marked:
 * when the first of them comes late in the abstract, the snippet starts at its sentence.
 */
import { tidy } from './format.ts';
import { renderInlineMath, truncateMath } from './math.ts';

/** Characters of abstract a card shows. */
export const SNIPPET_CHARS = 240;
/** A first marked word past this share of the snippet's length moves the snippet to its sentence. */
const LATE = 0.6;

/** The snippet of an abstract, with the words `mark` accepts marked. */
export function Snippet(props: { abstract: string; mark?: ((word: string) => boolean) | undefined }) {
  const text = tidy(props.abstract);
  const mark = props.mark;
  if (!mark) return <p class="snippet">{renderInlineMath(truncateMath(text, SNIPPET_CHARS))}</p>;
  const start = sentenceOfFirstMark(text, mark);
  return (
    <p class="snippet">
      {start > 0 ? '…' : ''}
      {renderInlineMath(truncateMath(text.slice(start), SNIPPET_CHARS), mark)}
    </p>
  );
}

/** Where the sentence holding the first marked word starts, if that word comes late (else 0). */
function sentenceOfFirstMark(text: string, mark: (word: string) => boolean): number {
  let at = -1;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (mark(m[0])) {
      at = m.index;
      break;
    }
  }
  if (at < SNIPPET_CHARS * LATE) return 0;
  let start = 0;
  for (const m of text.slice(0, at).matchAll(/[.!?]\s+(?=\S)/g)) start = m.index + m[0].length;
  // Never inside math: an odd number of unescaped dollars before it means it is.
  const dollars = text.slice(0, start).match(/(?<!\\)\$/g)?.length ?? 0;
  return dollars % 2 === 0 ? start : 0;
}
