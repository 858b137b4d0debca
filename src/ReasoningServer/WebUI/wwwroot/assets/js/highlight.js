// A small syntax highlighter for code blocks: comments, strings, numbers, keywords and literals of the common
// languages. One regular expression per language family, applied left to right; output is spans of text nodes.

import { h } from './dom.js';

const C_LIKE = 'if else for while do switch case break continue return function var let const class new this super extends '
  + 'import export from default try catch finally throw async await yield static public private protected internal '
  + 'interface enum struct namespace using void int long float double bool string char byte object var readonly sealed '
  + 'override virtual abstract fn let mut impl trait pub use mod match where go func package type defer chan select map '
  + 'typeof instanceof in of delete get set record init required';
const PYTHON = 'def class return if elif else for while in not and or is import from as with try except finally raise '
  + 'lambda yield pass break continue global nonlocal assert del async await print';
const SHELL = 'if then else elif fi for in do done case esac while until function return export local echo cd exit set unset curl';
const LITERALS = 'true false null undefined None True False nil NaN Infinity';

const FAMILIES = {
  c: { keywords: C_LIKE, comment: String.raw`\/\/[^\n]*|\/\*[\s\S]*?\*\/` },
  python: { keywords: PYTHON, comment: String.raw`#[^\n]*` },
  shell: { keywords: SHELL, comment: String.raw`#[^\n]*` },
  json: { keywords: '', comment: null },
};

const ALIASES = {
  js: 'c', javascript: 'c', ts: 'c', typescript: 'c', jsx: 'c', tsx: 'c', cs: 'c', csharp: 'c', 'c#': 'c', java: 'c',
  c: 'c', cpp: 'c', 'c++': 'c', h: 'c', go: 'c', rust: 'c', rs: 'c', kotlin: 'c', swift: 'c',
  py: 'python', python: 'python', bash: 'shell', sh: 'shell', shell: 'shell', zsh: 'shell', console: 'shell',
  yaml: 'shell', yml: 'shell', toml: 'shell', json: 'json', jsonc: 'c',
};

function pattern(family) {
  const words = `${family.keywords} ${LITERALS}`.trim().split(/\s+/).join('|');
  const parts = [
    family.comment ? `(?<com>${family.comment})` : null,
    String.raw`(?<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|` + '`(?:[^`\\\\]|\\\\.)*`)',
    String.raw`(?<num>\b(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b)`,
    `(?<word>\\b(?:${words})\\b)`,
  ].filter(Boolean);
  return new RegExp(parts.join('|'), 'g');
}

const literalWords = new Set(LITERALS.split(' '));
const compiled = new Map();

/** Highlighted nodes for code in a language (unknown languages get the C-like rules, which suit most). */
export function highlight(code, language) {
  const name = ALIASES[(language ?? '').toLowerCase()] ?? 'c';
  if (!compiled.has(name)) compiled.set(name, pattern(FAMILIES[name]));
  const regex = compiled.get(name);
  regex.lastIndex = 0;
  const nodes = [];
  let last = 0;
  for (const match of code.matchAll(regex)) {
    if (match.index > last) nodes.push(code.slice(last, match.index));
    const { com, str, num, word } = match.groups;
    const kind = com ? 'com' : str ? 'str' : num ? 'num' : literalWords.has(word) ? 'lit' : 'kw';
    nodes.push(h('span', { class: `tok-${kind}` }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < code.length) nodes.push(code.slice(last));
  return nodes;
}
