/**
 * British to American spelling before stemming, so "quantisation" and "quantization" (or
 * "behaviour" and "behavior") index as one term. Rules cover suffix families; exceptions keep
 * words whose "-ise" is not a verb ending ("precise", "noise", "pairwise").
 */

const ISE_EXCEPTIONS = new Set(
  (
    'precise concise noise wise otherwise likewise exercise expertise comprise surprise advise raise rise arise premise ' +
    'revise supervise improvise devise paradise franchise merchandise enterprise compromise disguise cruise praise poise ' +
    'televise promise incise excise concise chemise treatise mortise anise reprise despise apprise circumcise'
  ).split(' '),
);

const OUR_WORDS = new Set(['colour', 'behaviour', 'neighbour', 'favour', 'labour', 'honour', 'humour', 'vapour', 'rumour', 'harbour', 'flavour', 'endeavour', 'armour', 'odour', 'tumour', 'savour', 'vigour', 'rigour']);

const WHOLE: Record<string, string> = {
  centre: 'center',
  centres: 'centers',
  centred: 'centered',
  metre: 'meter',
  metres: 'meters',
  fibre: 'fiber',
  fibres: 'fibers',
  litre: 'liter',
  grey: 'gray',
  catalogue: 'catalog',
  dialogue: 'dialog',
  dialogues: 'dialogs',
  analogue: 'analog',
  programme: 'program',
  programmes: 'programs',
  defence: 'defense',
  licence: 'license',
  aluminium: 'aluminum',
  modelling: 'modeling',
  modelled: 'modeled',
  labelling: 'labeling',
  labelled: 'labeled',
  travelling: 'traveling',
  signalling: 'signaling',
  cancelling: 'canceling',
  tokenise: 'tokenize',
};

// Suffix match: "unsupervised" and "self-promise" keep their spelling like the bare words.
function isException(verb: string): boolean {
  for (const e of ISE_EXCEPTIONS) if (verb.endsWith(e)) return true;
  return false;
}

/** The American spelling of a lower-case word (the word itself when no rule applies). */
export function americanize(word: string): string {
  if (word.length < 5) return word;
  const whole = WHOLE[word];
  if (whole) return whole;
  const ise = /^(.{2,}?)(is)(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
  if (ise && !ise[1]!.endsWith('w') && !isException(`${ise[1]}ise`)) return `${ise[1]}iz${ise[3]}`;
  const yse = /^(.+l)ys(e|es|ed|ing)$/.exec(word);
  if (yse) return `${yse[1]}yz${yse[2]}`;
  const our = /^([a-z]+our)(s|ed|ing|ite|ites|able)?$/.exec(word);
  if (our && OUR_WORDS.has(our[1]!)) return `${our[1]!.slice(0, -2)}r${our[2] ?? ''}`;
  return word;
}
