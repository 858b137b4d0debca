#!/usr/bin/env node
// Checks that every relative link and image in the project's documents resolves: the file (or folder) exists, and a
// #fragment names a heading of the target Markdown file by GitHub's slug rules. External URLs are not fetched (CI has
// no network). Usage:
//   node .ci/check-links.mjs               # README.md, docs/**/*.md, bench/RESULTS.md, bench/history/*.md, models/README.md
//   node .ci/check-links.mjs FILE...       # those files only
//   node .ci/check-links.mjs --self-test   # proves the checker fails on each kind of broken link (.ci/link-check-fixtures)
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The Markdown files checked by default, relative to the repository root. */
function defaultFiles() {
  const files = ["README.md", "bench/RESULTS.md", "models/README.md"].filter((f) => existsSync(join(root, f)));
  for (const folder of ["docs", "bench/history"]) {
    files.push(...walk(join(root, folder)).map((f) => relative(root, f)));
  }
  return files;
}

function walk(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** Lines outside fenced code blocks, with their 1-based numbers; inline code spans blanked (links in them are text). */
function proseLines(text) {
  const lines = [];
  let fence = null;
  text.split("\n").forEach((line, index) => {
    const marker = line.match(/^\s{0,3}(`{3,}|~{3,})/);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      return;
    }
    if (fence === null) lines.push({ number: index + 1, text: line.replace(/(`+)[^`]*?\1/g, (m) => " ".repeat(m.length)) });
  });
  return lines;
}

/** GitHub's heading anchors: the rendered text lower-cased, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file) {
  const anchors = new Set();
  const seen = new Map();
  const text = readFileSync(file, "utf8");
  let fence = null;
  for (const line of text.split("\n")) {
    const marker = line.match(/^\s{0,3}(`{3,}|~{3,})/);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
    const heading = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!heading) continue;
    const rendered = heading[1]
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images: their alt text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links: their text
      .replace(/<[^>]+>/g, "") // HTML tags
      .replace(/[`*~]/g, "") // code and emphasis marks (underscores are kept, as GitHub keeps them)
      .trim();
    const slug = rendered.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every link target of a Markdown file: inline links and images, and reference definitions. */
function linksOf(file) {
  const links = [];
  for (const { number, text } of proseLines(readFileSync(file, "utf8"))) {
    for (const m of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line: number, target: m[1].replace(/^<|>$/g, "") });
    }
    const definition = text.match(/^\s{0,3}\[[^\]]+\]:\s*(\S+)/);
    if (definition) links.push({ line: number, target: definition[1].replace(/^<|>$/g, "") });
  }
  return links;
}

/** The problems of one file's links, as "file:line: message". */
function check(file) {
  const problems = [];
  const anchorCache = new Map();
  const anchors = (path) => {
    if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(path));
    return anchorCache.get(path);
  };
  for (const { line, target } of linksOf(file)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // http:, https:, mailto: — not ours to fetch
    const [rawPath, fragment] = target.split("#", 2);
    const path = decodeURIComponent(rawPath);
    const resolved = path === "" ? file : resolve(dirname(file), path);
    const where = `${relative(root, file)}:${line}`;
    if (!existsSync(resolved)) {
      problems.push(`${where}: '${target}' — no such file or folder (${relative(root, resolved)})`);
      continue;
    }
    if (fragment === undefined || fragment === "") continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith(".md")) {
      problems.push(`${where}: '${target}' — a #fragment on something that is not a Markdown file`);
      continue;
    }
    if (!anchors(resolved).has(decodeURIComponent(fragment).toLowerCase())) {
      problems.push(`${where}: '${target}' — no heading '#${fragment}' in ${relative(root, resolved)}`);
    }
  }
  return problems;
}

function run(files) {
  const problems = files.flatMap((f) => check(resolve(root, f)));
  return { files: files.length, links: files.reduce((n, f) => n + linksOf(resolve(root, f)).length, 0), problems };
}

/** Each fixture file names, on its first line, how many problems it must produce: the checker must find exactly those. */
function selfTest() {
  const folder = join(root, ".ci/link-check-fixtures");
  let failed = 0;
  for (const file of walk(folder).sort()) {
    const expected = Number(readFileSync(file, "utf8").match(/<!-- expect (\d+) problems? -->/)?.[1] ?? NaN);
    const found = check(file);
    const ok = found.length === expected;
    failed += ok ? 0 : 1;
    console.log(`${ok ? "ok  " : "FAIL"} ${relative(root, file)}: expected ${expected} problem(s), found ${found.length}`);
    for (const p of found) console.log(`       ${p}`);
  }
  return failed;
}

const args = process.argv.slice(2);
if (args[0] === "--self-test") {
  const failed = selfTest();
  console.log(failed === 0 ? "link checker self-test: passed" : `link checker self-test: ${failed} fixture(s) failed`);
  process.exit(failed === 0 ? 0 : 1);
}
const result = run(args.length > 0 ? args : defaultFiles());
for (const p of result.problems) console.error(p);
console.log(`links: ${result.links} checked in ${result.files} files, ${result.problems.length} broken`);
process.exit(result.problems.length === 0 ? 0 : 1);
