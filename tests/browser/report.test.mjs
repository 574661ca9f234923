// report.test.mjs: the report and the served page in a real browser (Debian's
// chromium, driven by playwright-core): the story list, a story's timeline,
// quote diffs, copies and (on the fixture that carries every story field of
// docs/schema.md) the brief, the provenance graph, coverage and
// disagreements; an article's highlights at the right characters (UTF-8
// offsets mapped to JS strings); phone width; the live page over the API,
// search and an ingest seen by the page. Screenshots go to $OUT/screenshots.
// Run by tests/browser/run.sh (ctest "browser").
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const BIN = process.env.CHORUS_BIN;
const SRC = process.env.CHORUS_SOURCE_DIR;
const OUT = process.env.OUT;
const shots = join(OUT, 'screenshots');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const db = join(OUT, 'browser.db');

execFileSync(BIN, ['analyze', '-q', '--db', db, '-o', join(OUT, 'analysis.json'), '--html', join(OUT, 'report'),
  join(SRC, 'samples')]);
execFileSync(BIN, ['report', '--from', join(SRC, 'tests/data/report/story_fields.json'), '-o', join(OUT, 'fixture')]);
const doc = JSON.parse(readFileSync(join(OUT, 'analysis.json'), 'utf8'));

let failures = 0, passed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log('ok   ' + name); }
  catch (e) { failures++; console.log('FAIL ' + name + '\n     ' + (e.stack || e).toString().split('\n').slice(0, 4).join('\n     ')); }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const errors = [];
page.on('pageerror', e => errors.push(String(e)));
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
const requests = [];
page.on('request', r => requests.push(r.url()));

const reportUrl = 'file://' + join(OUT, 'report', 'index.html');
const fixtureUrl = 'file://' + join(OUT, 'fixture', 'index.html');
const s1 = doc.stories.find(s => s.id === 's1');

await check('static report: story list', async () => {
  await page.goto(reportUrl);
  await page.waitForSelector('#stories li');
  assert.equal(await page.locator('#stories li[data-story]').count(), doc.stories.length);
  const text = await page.locator('#stories').innerText();
  assert.match(text, /Ferry ramp collapse injures 12 at Port Ardent terminal/);
  assert.match(text, /9 articles/);
  assert.match(text, /Meridian Press Agency/);
  for (const l of (doc.storylines || []).filter(x => x.stories.length > 1))
    assert.ok(text.includes('Storyline: ' + l.title), 'storyline ' + l.id + ' groups its stories');
  await page.screenshot({ path: join(shots, 'report-list.png'), fullPage: true });
});

await check('static report: a story, its timeline, quote diffs and copies', async () => {
  await page.click('#stories li[data-story="s1"] a.title');
  await page.waitForSelector('#timeline svg circle');
  // one mark per timeline entry (dated events and publications) once the
  // timeline stage runs; before it, one per dated article
  const dated = s1.timeline ? s1.timeline.length
                            : doc.articles.filter(a => s1.articles.includes(a.id) && a.published).length;
  assert.equal(await page.locator('#timeline svg circle').count(), dated);
  assert.match(await page.locator('#timeline').innerText(), /Walkway collapse at Quayside ferry terminal leaves 12 injured/);
  const quotes = await page.locator('#quotes').innerText();
  assert.match(quotes, /Ilse Brannagh/);
  assert.match(quotes, /Darius Keel/);
  assert.ok(await page.locator('#quotes .diff ins').count() > 0, 'a word-level diff shows an insertion');
  assert.ok(await page.locator('#quotes .diff del').count() > 0, 'a word-level diff shows a deletion');
  const copies = doc.copies.filter(c => s1.articles.includes(c.copy) || s1.articles.includes(c.origin));
  assert.equal(await page.locator('#copies tr.copy-row').count(), copies.length);
  assert.match(await page.locator('#copies').innerText(), /syndicated/);
  assert.ok(await page.locator('#copies svg.graph .edge').count() >= copies.length);
  // the storyline's claims: the Herald's allegation with the inquiry's ruling
  // seven months later, in a graph naming both
  const line = (doc.storylines || []).find(l => l.stories.includes('s1') && l.claims);
  if (line) {
    const prov = await page.locator('#storyline-provenance').innerText();
    assert.match(prov, /The Harbour Herald/);
    assert.match(prov, /ruling/);
    assert.ok(await page.locator('#storyline-provenance svg.graph .edge.rule').count() >= 1);
    // the storyline's timeline holds the story's events and the later story's
    assert.ok(await page.locator('#storyline-timeline svg circle').count() >
              await page.locator('#timeline svg circle').count(), 'the storyline timeline is longer than the story\'s');
    assert.match(await page.locator('#storyline-timeline').innerText(), /Inquiry blames corroded hinge/);
  }
  await page.screenshot({ path: join(shots, 'report-story-s1.png'), fullPage: true });
});

await check('static report: an article with its highlights at the right characters', async () => {
  const a = doc.articles.find(x => x.id === 'feed-001');
  await page.goto(reportUrl + '#/article/feed-001');
  await page.waitForSelector('#body');
  const spans = await page.locator('#body span.q').allInnerTexts();
  const q0 = a.quotes[0];
  const want = Buffer.from(a.body, 'utf8').subarray(q0.parts[0][0], q0.parts[0][1]).toString('utf8');
  assert.ok(spans.join('').includes(want), 'the first quote is highlighted');
  const dates = await page.locator('#body span.dt').allInnerTexts();
  assert.ok(dates.includes(a.dates[0].text), 'the first date is highlighted: ' + a.dates[0].text);
  assert.ok((await page.locator('#body span.sp').count()) > 0);
  assert.equal(await page.locator('#article-input').innerText(), 'read from ' + a.input);
  await page.screenshot({ path: join(shots, 'report-article.png'), fullPage: true });
});

await check('static report: the text extraction removed, folded under the body', async () => {
  const a = doc.articles.find(x => x.boilerplate && x.boilerplate.some(b => b.kind === 'comments'));
  assert.ok(a, 'a sample article with removed comments');
  await page.goto(reportUrl + '#/article/' + encodeURIComponent(a.id));
  await page.waitForSelector('#boilerplate');
  const box = page.locator('#boilerplate');
  assert.equal(await box.getAttribute('open'), null, 'folded at first');
  assert.match(await box.locator('summary').innerText(),
               new RegExp('Removed by extraction \\(' + a.boilerplate.length + ' blocks: .*comments'));
  await box.locator('summary').click();
  assert.equal(await box.locator('li').count(), a.boilerplate.length);
  const c = a.boilerplate.find(b => b.kind === 'comments');
  assert.ok((await box.innerText()).includes(c.text.slice(0, 40)), 'the comments shown: ' + c.text.slice(0, 40));
  assert.ok(!(await page.locator('#body').innerText()).includes(c.text.slice(0, 40)), 'not in the body');
  await page.screenshot({ path: join(shots, 'report-article-removed.png'), fullPage: true });
});

await check('fixture: brief, timeline, provenance graph, coverage, disagreements', async () => {
  await page.goto(fixtureUrl + '#/story/s1');
  await page.waitForSelector('#provenance svg.graph');
  assert.equal(await page.locator('#brief li').count(), 2);
  assert.ok(await page.locator('#brief li .chip').count() >= 3, 'citation chips');
  assert.equal(await page.locator('#timeline svg circle').count(), 3);
  assert.match(await page.locator('#timeline').innerText(), /An engineering review found the crack cosmetic/);
  const graph = await page.locator('#provenance svg.graph').textContent();
  for (const w of ['North Gazette', 'Valley Courier', 'Bridgeworks Ltd', 'engineering review', 'unfounded', 'disclaims'])
    assert.ok(graph.includes(w), 'provenance graph names ' + w);
  assert.ok(await page.locator('#provenance .edge.deny').count() >= 1);
  assert.ok(await page.locator('#provenance .edge.rule').count() >= 1);
  const ins = await page.locator('#quotes .diff ins').allInnerTexts();
  assert.ok(ins.includes('sooner,'), 'the longer variant shows its extra words: ' + ins.join(' '));
  assert.equal(await page.locator('#coverage td.yes').count(), 3);
  assert.match(await page.locator('#disagreements').innerText(), /60 centimetres/);
  await page.screenshot({ path: join(shots, 'fixture-story.png'), fullPage: true });
});

await check('fixture: statements, sources and non-ASCII offsets', async () => {
  await page.goto(fixtureUrl + '#/article/fx-1');
  await page.waitForSelector('#body');
  assert.ok((await page.locator('#body span.sp').allInnerTexts()).includes('Mayor Zoë Halvard'));
  const q = (await page.locator('#body span.q').allInnerTexts()).join('');
  assert.ok(q.includes('We will not reopen the bridge until it is safe — not one hour sooner,'), q);
  assert.ok((await page.locator('#body span.src').allInnerTexts()).includes('Two officials familiar with the inspection'));
  assert.match(await page.locator('#article-statements').innerText(), /anonymous/);
  assert.equal(await page.locator('#article a[href^="https://northgazette.example/"]').count(), 1);
  await page.screenshot({ path: join(shots, 'fixture-article.png'), fullPage: true });
  // a hostile URL is shown, never linked
  await page.goto(fixtureUrl + '#/article/fx-3');
  await page.waitForSelector('#body');
  assert.match(await page.locator('#article').innerText(), /javascript:alert\(1\)/);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  await page.goto(fixtureUrl + '#/story/%E0%A4%A');
  await page.waitForSelector('.err');
});

await check('phone width: no sideways scrolling', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(fixtureUrl + '#/story/s1');
  await page.waitForSelector('#provenance svg.graph');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 392, 'page width ' + w);
  await page.screenshot({ path: join(shots, 'phone-story.png'), fullPage: true });
  await page.locator('#provenance').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'phone-provenance.png') });
  await page.goto(reportUrl + '#/article/feed-001');
  await page.waitForSelector('#body');
  const wa = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wa <= 392, 'article page width ' + wa);
  await page.screenshot({ path: join(shots, 'phone-article.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

await check('static report: nothing fetched from the network', async () => {
  const outside = requests.filter(u => !u.startsWith('file://') && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
});

// the served page
const server = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error('serve did not start: ' + err)), 15000);
  server.stderr.on('data', d => {
    err += d;
    const m = /on (http:\/\/[^ ]+\/)/.exec(err);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', c => reject(new Error('serve exited ' + c + ': ' + err)));
});
try {
  await check('served page: story list, a story, search', async () => {
    await page.goto(base);
    await page.waitForSelector('#stories li');
    assert.match(await page.locator('#mode').innerText(), /live/);
    assert.equal(await page.locator('#stories li[data-story]').count(), doc.stories.length);
    await page.click('#stories li[data-story="s1"] a.title');
    await page.waitForSelector('#timeline svg circle');
    assert.match(await page.locator('#quotes').innerText(), /Ilse Brannagh/);
    assert.ok(await page.locator('#quotes .diff ins').count() > 0);
    assert.ok(await page.locator('#copies tr.copy-row').count() > 0);
    // the storyline's sections, loaded from the API (its other stories' articles included)
    const line = (doc.storylines || []).find(l => l.stories.includes('s1') && l.claims && l.stories.length > 1);
    assert.ok(line, 'the samples hold a storyline of several stories through s1');
    assert.match(await page.locator('#storyline-provenance').innerText(), /The Harbour Herald/);
    assert.match(await page.locator('#storyline-timeline').innerText(), /Inquiry blames corroded hinge/);
    await page.screenshot({ path: join(shots, 'served-story.png'), fullPage: true });
    await page.fill('#q', 'hinge');
    await page.press('#q', 'Enter');
    await page.waitForSelector('#search li');
    assert.ok(await page.locator('#search li').count() >= 2);
    await page.screenshot({ path: join(shots, 'served-search.png'), fullPage: true });
  });
  await check('served page: an article posted to the API appears', async () => {
    const r = await fetch(base + 'api/articles', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'browser-1', outlet: 'Test Wire', published: '2025-03-10T12:00:00Z',
        title: 'Ferry ramp collapse at Port Ardent: twelve injured',
        text: 'A section of the passenger ramp at the Quayside Ferry Terminal in Port Ardent collapsed on Monday morning, injuring 12 people. "This is a dark morning for Port Ardent," said Mayor Ilse Brannagh.' }) });
    assert.equal(r.status, 200);
    const j = await r.json();
    const story = j.articles[0].story;
    await page.goto(base + '#/story/' + story);
    await page.waitForSelector('#articles li');
    assert.match(await page.locator('#articles').innerText(), /Test Wire/);
  });
} finally {
  server.kill('SIGTERM');
}

await check('no script errors in any page', async () => assert.deepEqual(errors, []));
await browser.close();
console.log(`browser: ${passed} passed, ${failures} failed; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
