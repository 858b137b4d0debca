// Markdown to DOM, for model answers: the subset chat models write (headings, paragraphs, lists, quotes, fenced
// code, tables, rules; inline code, bold, italic, strikethrough, links). Built as nodes, never as HTML, so an
// answer cannot inject markup; links are kept only for http(s) and mailto. An unclosed fence (a stream still
// arriving) renders as a code block so far.

import { h } from './dom.js';
import { highlight } from './highlight.js';

const FENCE = /^\s*(```+|~~~+)\s*([\w#+.-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  fragment.append(...blocks(text.replace(/\r\n?/g, '\n').split('\n')));
  return fragment;
}

function blocks(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') { i++; continue; }

    const fence = FENCE.exec(line);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++; // the closing fence, if it has arrived
      out.push(codeBlock(body.join('\n'), fence[2]));
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      out.push(h(`h${heading[1].length}`, null, inline(heading[2])));
      i++;
      continue;
    }

    if (RULE.test(line)) { out.push(h('hr')); i++; continue; }

    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && QUOTE.test(lines[i])) body.push(QUOTE.exec(lines[i++])[1]);
      out.push(h('blockquote', null, blocks(body)));
      continue;
    }

    if (LIST_ITEM.test(line)) {
      const [list, next] = listAt(lines, i);
      out.push(list);
      i = next;
      continue;
    }

    if (line.includes('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1])) {
      const rows = [line];
      i += 2;
      while (i < lines.length && lines[i].includes('|') && lines[i].trim() !== '') rows.push(lines[i++]);
      out.push(table(rows));
      continue;
    }

    const paragraph = [];
    while (i < lines.length && lines[i].trim() !== '' && !startsBlock(lines[i])) paragraph.push(lines[i++]);
    if (paragraph.length === 0) paragraph.push(lines[i++]);
    const children = [];
    paragraph.forEach((text, n) => {
      if (n > 0) children.push(h('br'));
      children.push(...inline(text.trim()));
    });
    out.push(h('p', null, children));
  }
  return out;
}

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || QUOTE.test(line) || LIST_ITEM.test(line) || RULE.test(line);
}

/** A list and the nested lists of its more indented items; returns the list and the next line's index. */
function listAt(lines, start) {
  const first = LIST_ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const list = h(ordered ? 'ol' : 'ul', ordered && parseInt(first[2], 10) !== 1 ? { start: parseInt(first[2], 10) } : null);
  let i = start;
  let item = null;
  while (i < lines.length) {
    const line = lines[i];
    const match = LIST_ITEM.exec(line);
    if (match && match[1].length === indent && /\d/.test(match[2]) !== ordered) break; // the other kind of list starts
    if (match && match[1].length === indent) {
      item = h('li', null, inline(match[3]));
      list.append(item);
      i++;
    } else if (match && match[1].length > indent && item) {
      const [nested, next] = listAt(lines, i);
      item.append(nested);
      i = next;
    } else if (!match && line.trim() !== '' && /^\s+/.test(line) && item) {
      item.append(' ', ...inline(line.trim())); // a continuation line of the item
      i++;
    } else {
      break;
    }
  }
  return [list, i];
}

function table(rows) {
  const cells = (row) => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const [head, ...body] = rows.map(cells);
  return h('table', null,
    h('thead', null, h('tr', null, head.map((c) => h('th', null, inline(c))))),
    h('tbody', null, body.map((row) => h('tr', null, head.map((_, n) => h('td', null, inline(row[n] ?? '')))))));
}

function codeBlock(code, language) {
  const copy = h('button', { type: 'button', title: 'Copy code' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Copy failed';
    }
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  return h('div', { class: 'code-block' },
    h('div', { class: 'code-head' }, h('span', null, language || 'text'), copy),
    h('pre', null, h('code', { class: language ? `language-${language}` : null }, highlight(code, language))));
}

// Inline spans, first match wins at each position: code, links, bold, strikethrough, italic.
const INLINE = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+?)\*\*|__([^_]+?)__|~~([^~]+?)~~|(?<![\w*])\*([^*\s][^*]*?)\*(?!\w)|(?<![\w_])_([^_\s][^_]*?)_(?![\w])/g;

function inline(text) {
  const nodes = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) nodes.push(text.slice(last, m.index));
    if (m[1] !== undefined) nodes.push(h('code', null, m[1]));
    else if (m[2] !== undefined) nodes.push(link(m[2], m[3]));
    else if (m[4] !== undefined || m[5] !== undefined) nodes.push(h('strong', null, inline(m[4] ?? m[5])));
    else if (m[6] !== undefined) nodes.push(h('del', null, inline(m[6])));
    else nodes.push(h('em', null, inline(m[7] ?? m[8])));
    last = m.index + m[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

function link(label, href) {
  let url;
  try { url = new URL(href, location.href); } catch { return `[${label}](${href})`; }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return label;
  return h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, inline(label));
}
