/**
 * Acronyms and what they stand for: a small curated list of the field's common ones, plus mining
 * of definitions written in the corpus itself ("large language models (LLMs)", "mixture of
 * experts (MoE)"), so expansions generalize past any hand-made list.
 */
import { ACRONYM_GLUE } from './stopwords.ts';

/** Common acronyms of ML and CS papers, with their expansions (several where usage varies). */
export const CURATED_ACRONYMS: ReadonlyArray<readonly [string, string]> = [
  ['LLM', 'large language model'],
  ['LM', 'language model'],
  ['SLM', 'small language model'],
  ['VLM', 'vision language model'],
  ['VLM', 'visual language model'],
  ['LVLM', 'large vision language model'],
  ['MLLM', 'multimodal large language model'],
  ['LMM', 'large multimodal model'],
  ['VLA', 'vision language action'],
  ['KV', 'key value'],
  ['MoE', 'mixture of experts'],
  ['RAG', 'retrieval augmented generation'],
  ['RL', 'reinforcement learning'],
  ['RLHF', 'reinforcement learning from human feedback'],
  ['RLVR', 'reinforcement learning with verifiable rewards'],
  ['DPO', 'direct preference optimization'],
  ['PPO', 'proximal policy optimization'],
  ['GRPO', 'group relative policy optimization'],
  ['ViT', 'vision transformer'],
  ['GNN', 'graph neural network'],
  ['GCN', 'graph convolutional network'],
  ['CNN', 'convolutional neural network'],
  ['RNN', 'recurrent neural network'],
  ['LSTM', 'long short term memory'],
  ['NeRF', 'neural radiance field'],
  ['3DGS', '3d gaussian splatting'],
  ['LoRA', 'low rank adaptation'],
  ['QLoRA', 'quantized low rank adaptation'],
  ['PEFT', 'parameter efficient fine tuning'],
  ['PEFT', 'parameter efficient tuning'],
  ['PETL', 'parameter efficient transfer learning'],
  ['SFT', 'supervised fine tuning'],
  ['CoT', 'chain of thought'],
  ['NLP', 'natural language processing'],
  ['NLU', 'natural language understanding'],
  ['ASR', 'automatic speech recognition'],
  ['TTS', 'text to speech'],
  ['GAN', 'generative adversarial network'],
  ['VAE', 'variational autoencoder'],
  ['SSM', 'state space model'],
  ['MLP', 'multilayer perceptron'],
  ['MLP', 'multi layer perceptron'],
  ['PTQ', 'post training quantization'],
  ['QAT', 'quantization aware training'],
  ['KD', 'knowledge distillation'],
  ['NAS', 'neural architecture search'],
  ['OCR', 'optical character recognition'],
  ['VQA', 'visual question answering'],
  ['QA', 'question answering'],
  ['SOTA', 'state of the art'],
  ['SAM', 'segment anything model'],
  ['DiT', 'diffusion transformer'],
  ['MCTS', 'monte carlo tree search'],
  ['MARL', 'multi agent reinforcement learning'],
  ['SNN', 'spiking neural network'],
  ['PINN', 'physics informed neural network'],
  ['GPU', 'graphics processing unit'],
  ['TPU', 'tensor processing unit'],
  ['FL', 'federated learning'],
  ['ANN', 'approximate nearest neighbor'],
  ['KG', 'knowledge graph'],
  ['NER', 'named entity recognition'],
  ['MT', 'machine translation'],
  ['SLAM', 'simultaneous localization and mapping'],
  ['T2V', 'text to video'],
  ['T2I', 'text to image'],
  ['I2V', 'image to video'],
  ['CPU', 'central processing unit'],
  ['NPU', 'neural processing unit'],
  ['FPGA', 'field programmable gate array'],
  ['PIM', 'processing in memory'],
  ['HPC', 'high performance computing'],
  ['dLLM', 'diffusion large language model'],
  ['LRM', 'large reasoning model'],
  ['ICL', 'in context learning'],
  ['MTP', 'multi token prediction'],
  ['PRM', 'process reward model'],
  ['RM', 'reward model'],
  ['GQA', 'grouped query attention'],
  ['MHA', 'multi head attention'],
  ['MLA', 'multi head latent attention'],
  ['FFN', 'feed forward network'],
  ['OOD', 'out of distribution'],
];

const INSIDE = /^\s*([\p{L}\p{N}-]{2,12})\s*[;,)]/u;
const WORDS_BEFORE = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
// Enough text before "(" for a 12-word expansion; scanning only there keeps mining linear.
const LOOKBACK = 160;

/** Calls `found(acronym, expansion)` for each acronym definition in original-case text. */
export function mineAcronyms(text: string, found: (acronym: string, expansion: string) => void): void {
  for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
    const inside = INSIDE.exec(text.slice(at + 1, at + 20));
    if (!inside) continue;
    const acronym = inside[1]!.replace(/(?<=\p{Lu})s$/u, '');
    // "dLLM" is a kind of LLM, not an acronym of its own words.
    if (!/^[\p{Lu}\p{N}]/u.test(acronym)) continue;
    const letters = [...acronym].filter((c) => /[\p{Lu}\p{N}]/u.test(c)).map((c) => c.toLowerCase());
    const upper = letters.filter((c) => /\p{L}/u.test(c)).length;
    if (upper < 2 || letters.length > 8) continue;
    const before = text.slice(Math.max(0, at - LOOKBACK), at);
    // The expansion must end right before the parenthesis (only spaces between).
    if (!/[\p{L}\p{N}'’]\s*$/u.test(before)) continue;
    const words = (before.match(WORDS_BEFORE) ?? []).slice(-12);
    const expansion = matchInitials(words, letters);
    if (expansion) found(acronym, expansion.join(' '));
  }
}

/** The shortest tail of `words` whose initials spell `letters`, or undefined. */
export function matchInitials(words: string[], letters: string[]): string[] | undefined {
  for (let start = words.length - 1; start >= 0 && words.length - start <= letters.length * 2; start--) {
    const first = words[start]!.toLowerCase();
    if (ACRONYM_GLUE.has(first)) continue;
    if (spells(words, start, letters, 0)) {
      const tail = words.slice(start);
      return tail.filter((w) => !ACRONYM_GLUE.has(w.toLowerCase())).length >= 2 ? tail : undefined;
    }
  }
  return undefined;
}

// Each word gives its initial, or its first two characters when they are the next two letters
// ("3D Gaussian Splatting" is 3DGS); glue words may be skipped.
function spells(words: string[], wi: number, letters: string[], li: number): boolean {
  if (li === letters.length) return wi === words.length;
  if (wi === words.length) return false;
  const word = words[wi]!.toLowerCase();
  if (word[0] === letters[li] && spells(words, wi + 1, letters, li + 1)) return true;
  if (word.length > 1 && word[0] === letters[li] && word[1] === letters[li + 1] && spells(words, wi + 1, letters, li + 2)) return true;
  return ACRONYM_GLUE.has(word) && spells(words, wi + 1, letters, li);
}
