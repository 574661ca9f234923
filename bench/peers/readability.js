#!/usr/bin/env node
// bench/peers/readability.js: Mozilla Readability (npm @mozilla/readability
// 0.6.0 on jsdom 27.0.0, both pinned in bench/peers/package.json and installed
// by bench/extraction.sh into bench/node_modules) as the live peer of
// `chorus extract` on the Zyte article-extraction pages.
//
//   node bench/peers/readability.js GROUND_TRUTH.json HTML_DIR OUT_DIR
//
// For each HTML_DIR/<id>.html.gz (or <id>.html): gunzip, decode as UTF-8 (the
// benchmark stores every page as UTF-8, and its published peers read them so;
// given raw bytes without a declared charset, jsdom would fall back to
// windows-1252 and garble them), parse with JSDOM (the page's url from the
// ground truth when it has one; no scripts, no subresources), run Readability, write OUT_DIR/<id>.txt. The text is the article element's
// blocks (p, h1-h6, li, blockquote, pre, td, ...) one per paragraph, joined
// by blank lines, white space collapsed, like the ground truth's layout. A
// page Readability gives up on (or throws on) gets an empty file.
//
// The last line on stdout is machine-readable:
//   pages=N seconds=S failed=F
// where S is the wall time of the loop over the pages (read, gunzip, parse,
// extract, format, write), node's start-up and the module loading excluded.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function die(msg) {
  process.stderr.write(`readability.js: ${msg}\n`);
  process.exit(2);
}

if (process.argv.length !== 5) {
  die("usage: node readability.js GROUND_TRUTH.json HTML_DIR OUT_DIR");
}
const [truthPath, htmlDir, outDir] = process.argv.slice(2);

let JSDOM, VirtualConsole, Readability;
try {
  ({ JSDOM, VirtualConsole } = require("jsdom"));
  ({ Readability } = require("@mozilla/readability"));
} catch (e) {
  die(`cannot load jsdom / @mozilla/readability (${e.message}); run bench/extraction.sh, which installs them`);
}

let urls = {};
try {
  const gt = JSON.parse(fs.readFileSync(truthPath, "utf8"));
  for (const [id, rec] of Object.entries(gt.output || gt)) {
    if (rec && typeof rec.url === "string") urls[id] = rec.url;
  }
} catch (e) {
  die(`cannot read ${truthPath}: ${e.message}`);
}

// Elements whose content starts a new paragraph in the output.
const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "CAPTION", "DD", "DETAILS",
  "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1",
  "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P",
  "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD",
  "TR", "UL",
]);

// The element's text, one paragraph per block, paragraphs joined by "\n\n".
function blocksText(root) {
  const paras = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/\s+/g, " ").trim();
    if (t) paras.push(t);
    cur = "";
  };
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        cur += n.data;
      } else if (n.nodeType === 1) {
        const tag = n.tagName;
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "NOSCRIPT") continue;
        const block = BLOCK.has(tag);
        if (block) flush();
        walk(n);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return paras.join("\n\n");
}

const names = fs.readdirSync(htmlDir).filter((f) => /\.html(\.gz)?$/.test(f)).sort();
fs.mkdirSync(outDir, { recursive: true });
const virtualConsole = new VirtualConsole(); // swallow the pages' CSS/script noise

let failed = 0;
const t0 = process.hrtime.bigint();
for (const name of names) {
  const id = name.replace(/\.html(\.gz)?$/, "");
  let text = "";
  try {
    let bytes = fs.readFileSync(path.join(htmlDir, name));
    if (name.endsWith(".gz")) bytes = zlib.gunzipSync(bytes);
    const opts = { virtualConsole };
    if (urls[id]) opts.url = urls[id];
    const dom = new JSDOM(bytes.toString("utf8"), opts);
    const article = new Readability(dom.window.document, { serializer: (el) => el }).parse();
    if (article && article.content) text = blocksText(article.content);
    else failed++;
    dom.window.close();
  } catch (e) {
    failed++;
    process.stderr.write(`readability.js: ${id}: ${e.message}\n`);
  }
  fs.writeFileSync(path.join(outDir, id + ".txt"), text ? text + "\n" : "");
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(`pages=${names.length} seconds=${seconds.toFixed(3)} failed=${failed}\n`);
