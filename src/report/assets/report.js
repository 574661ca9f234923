/*
 * report.js: renders the chorus report in the browser, from the JSON document
 * embedded in the page (static report, `chorus report`) or from the JSON API
 * (`chorus serve`). Both give the same shapes (docs/api.md), so one renderer
 * serves both. Every section is drawn only when its field is present: the
 * fields of later stages (docs/schema.md) appear as they land.
 * Offsets in the JSON are UTF-8 byte offsets; JS strings are UTF-16, so the
 * article view maps one to the other before highlighting.
 */
(function () {
  'use strict';

  /* ---------- small DOM helpers ---------- */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v);
    }
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, kid) {
    if (kid == null || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(el, k); }); return; }
    el.appendChild(typeof kid === 'object' ? kid : document.createTextNode(String(kid)));
  }
  var SVGNS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, text) {
    var el = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) el.setAttribute(k, attrs[k]);
    if (text != null) el.textContent = text;
    return el;
  }
  function section(id, title) {
    var sec = h('section', {class: 'card', id: id, 'data-testid': id}, h('h2', {text: title}));
    return sec;
  }
  function hue(name) {
    var x = 0;
    for (var i = 0; i < (name || '').length; i++) x = (x * 31 + name.charCodeAt(i)) >>> 0;
    return x % 360;
  }
  /* "navigation 3, teaser 2": the kinds of removed blocks, most frequent first. */
  function boilerKinds(list) {
    var n = {}, order = [];
    list.forEach(function (x) {
      var k = typeof x === 'string' ? 'removed' : (x.kind || 'removed');
      if (!n[k]) { n[k] = 0; order.push(k); }
      n[k]++;
    });
    order.sort(function (a, b) { return n[b] - n[a]; });
    return order.map(function (k) { return k + ' ' + n[k]; }).join(', ');
  }

  function outletChip(outlet, href, extra) {
    var a = h(href ? 'a' : 'span', {class: 'chip', href: href,
      style: 'background:hsl(' + hue(outlet) + ',70%,90%)'}, outlet || '(no outlet)');
    if (extra) a.setAttribute('title', extra);
    return a;
  }
  function fmtDate(v) {
    if (!v) return '';
    return String(v).replace('T', ' ').replace(/:00Z$/, 'Z');
  }
  function range(a, b) {
    if (!a && !b) return 'undated';
    if (!b || a === b) return fmtDate(a || b);
    return fmtDate(a) + ' – ' + fmtDate(b);
  }
  /* ISO 8601 at any precision -> ms since epoch, or null (TIMEX values such as 2022-W37 give null). */
  function isoMs(v) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v || '');
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  }

  /* ---------- data: embedded document or the API ---------- */
  var dataEl = document.getElementById('chorus-data');
  var DOC = dataEl ? JSON.parse(dataEl.textContent) : null;
  /* an analyze document: articles written before their story was merged into
   * another carry the old id; story_merges says where it went */
  if (DOC && DOC.story_merges && DOC.articles) {
    var into = {};
    DOC.story_merges.forEach(function (m) { into[m.story] = m.into; });
    DOC.articles.forEach(function (a) { if (a.story && into[a.story]) a.story = into[a.story]; });
  }
  var byId = {};
  if (DOC) (DOC.articles || []).forEach(function (a) { byId[a.id] = a; });

  function get(path) {
    return fetch(path, {headers: {Accept: 'application/json'}}).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j && j.error ? j.error.message : 'HTTP ' + r.status);
        return j;
      });
    });
  }
  /* The storyline's timeline and claims for story st, into slot, when its
   * storyline holds several stories: the static report has them all in its
   * document (storylineFill at once); the live page asks for the storylines
   * and for the articles of the storyline's stories first. */
  function storylineFill(st, slot, storylines, list) {
    var line = (storylines || []).filter(function (l) {
      return l.claims && l.stories.length > 1 && l.stories.indexOf(st.id) >= 0;
    })[0];
    if (!line) return;
    var all = {};
    list.forEach(function (a) { all[a.id] = a; });
    var citeAll = function (ids, sentence) {
      return (ids || []).map(function (x) {
        var a = all[x];
        return outletChip(a ? a.outlet : x, '#/article/' + encodeURIComponent(x) + (sentence != null ? '/s' + sentence : ''),
          a ? a.title : x);
      });
    };
    if (line.timeline) {
      var lt = timelineSection({timeline: line.timeline}, list, citeAll);
      lt.id = 'storyline-timeline';
      lt.setAttribute('data-testid', 'storyline-timeline');
      lt.firstChild.textContent = 'Timeline of the storyline (' + line.stories.join(', ') + ')';
      slot.appendChild(lt);
    }
    var ls = claimsSection({claims: line.claims}, all, citeAll);
    ls.id = 'storyline-provenance';
    ls.setAttribute('data-testid', 'storyline-provenance');
    ls.firstChild.textContent = 'Claims across the storyline (' + line.stories.join(', ') + ')';
    slot.appendChild(ls);
  }
  function storylineSections(st, slot) {
    api.stories().then(function (d) {
      var line = (d.storylines || []).filter(function (l) {
        return l.claims && l.stories.length > 1 && l.stories.indexOf(st.id) >= 0;
      })[0];
      if (!line) return;
      return Promise.all(line.stories.map(function (sid) {
        return api.story(sid).then(function (x) { return x.articles || []; }, function () { return []; });
      })).then(function (lists) {
        storylineFill(st, slot, [line], [].concat.apply([], lists));
      });
    }).catch(function () { /* the story itself is shown; the storyline is extra */ });
  }
  function lite(a) {
    return {id: a.id, title: a.title, outlet: a.outlet, published: a.published, story: a.story || null};
  }
  var api = {
    stories: function () {
      if (!DOC) return get('api/stories');
      return Promise.resolve({stories: DOC.stories || [], storylines: DOC.storylines,
        unassigned: (DOC.articles || []).filter(function (a) { return !a.story; }).map(lite)});
    },
    story: function (id) {
      if (!DOC) return get('api/stories/' + encodeURIComponent(id));
      var st = (DOC.stories || []).filter(function (x) { return x.id === id; })[0];
      if (!st) return Promise.reject(new Error('no story ' + id));
      var ids = {};
      st.articles.forEach(function (x) { ids[x] = 1; });
      return Promise.resolve({story: st,
        articles: st.articles.map(function (x) { return byId[x]; }).filter(Boolean),
        copies: DOC.copies ? DOC.copies.filter(function (c) { return ids[c.copy] || ids[c.origin]; }) : undefined});
    },
    article: function (id) {
      if (!DOC) return get('api/articles/' + encodeURIComponent(id));
      var a = byId[id];
      if (!a) return Promise.reject(new Error('no article ' + id));
      var rel = DOC.copies ? DOC.copies.filter(function (c) { return c.copy === id || c.origin === id; }) : undefined;
      var others = {};
      (rel || []).forEach(function (c) { [c.copy, c.origin].forEach(function (x) { if (byId[x]) others[x] = lite(byId[x]); }); });
      return Promise.resolve({article: a, copies: rel, related: others});
    },
    search: function (q) {
      if (!DOC) return get('api/search?q=' + encodeURIComponent(q));
      var words = q.toLowerCase().split(/\s+/).filter(Boolean);
      var res = (DOC.articles || []).filter(function (a) {
        var hay = ((a.title || '') + ' ' + (a.body || '') + ' ' +
          (a.quotes || []).map(function (x) { return (x.speaker || '') + ' ' + x.text; }).join(' ')).toLowerCase();
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      }).map(function (a) { var l = lite(a); l.snippet = (a.body || '').slice(0, 160); return l; });
      return Promise.resolve({query: q, results: res});
    }
  };

  /* ---------- pages ---------- */
  var app = document.getElementById('app');
  function show(node) { app.textContent = ''; add(app, node); window.scrollTo(0, 0); }
  function fail(e) { show(h('p', {class: 'err', text: 'Could not load: ' + (e && e.message || e)})); }

  function storyItem(st) {
    return h('li', {'data-story': st.id},
      h('a', {class: 'title', href: '#/story/' + encodeURIComponent(st.id)}, st.headline || st.title || '(untitled story)'),
      h('div', {class: 'meta'}, st.articles.length + ' article' + (st.articles.length === 1 ? '' : 's') + ' · ' +
        range(st.first_published, st.last_published) + ' · ' + st.id),
      h('div', null, (st.outlets || []).map(function (o) { return outletChip(o); })));
  }

  function pageList() {
    api.stories().then(function (d) {
      var out = [];
      var sec = section('stories', 'Stories (' + d.stories.length + ')');
      var listed = {};
      if (d.storylines && d.storylines.length) {
        d.storylines.forEach(function (l) {
          var members = d.stories.filter(function (x) { return l.stories.indexOf(x.id) >= 0; });
          if (members.length < 2) return;
          sec.appendChild(h('h3', {text: 'Storyline: ' + (l.title || l.id)}));
          sec.appendChild(h('ul', {class: 'plain storylist'}, members.map(function (x) { listed[x.id] = 1; return storyItem(x); })));
        });
      }
      var rest = d.stories.filter(function (x) { return !listed[x.id]; });
      if (rest.length && Object.keys(listed).length) sec.appendChild(h('h3', {text: 'Other stories'}));
      if (rest.length) sec.appendChild(h('ul', {class: 'plain storylist'}, rest.map(storyItem)));
      if (!d.stories.length) sec.appendChild(h('p', {class: 'empty', text: 'No stories (run the analysis without --extract-only).'}));
      out.push(sec);
      if (d.unassigned && d.unassigned.length) {
        var u = section('unassigned', 'Articles in no story (' + d.unassigned.length + ')');
        u.appendChild(articleList(d.unassigned));
        out.push(u);
      }
      show(out);
    }, fail);
  }

  function articleList(arts) {
    return h('ul', {class: 'plain'}, arts.map(function (a) {
      return h('li', null, outletChip(a.outlet), ' ',
        h('a', {href: '#/article/' + encodeURIComponent(a.id)}, a.title || a.id),
        h('span', {class: 'meta'}, ' ' + fmtDate(a.published)));
    }));
  }

  function pageSearch(q) {
    api.search(q).then(function (d) {
      var sec = section('search', 'Search: ' + q + ' (' + d.results.length + ')');
      sec.appendChild(h('ul', {class: 'plain'}, d.results.map(function (r) {
        return h('li', null, outletChip(r.outlet), ' ',
          h('a', {href: '#/article/' + encodeURIComponent(r.id)}, r.title || r.id),
          h('span', {class: 'meta'}, ' ' + fmtDate(r.published) + (r.story ? ' · story ' + r.story : '')),
          r.snippet ? h('div', {class: 'meta', text: r.snippet}) : null);
      })));
      show(sec);
    }, fail);
  }

  /* ----- story ----- */
  function pageStory(id) {
    api.story(id).then(function (d) {
      var st = d.story, arts = d.articles || [];
      var art = {};
      arts.forEach(function (a) { art[a.id] = a; });
      function cite(ids, sentence) {
        return (ids || []).map(function (x) {
          var a = art[x];
          return outletChip(a ? a.outlet : x, '#/article/' + encodeURIComponent(x) + (sentence != null ? '/s' + sentence : ''),
            a ? a.title : x);
        });
      }
      var out = [];
      var head = h('section', {class: 'card', id: 'story-head'},
        h('h1', {text: st.headline || st.title || '(untitled story)'}),
        st.headline && st.title && st.headline !== st.title ? h('div', {class: 'meta', text: st.title}) : null,
        h('div', {class: 'meta'}, arts.length + ' articles · ' + range(st.first_published, st.last_published) +
          ' · ' + st.id + (st.storyline ? ' · storyline ' + st.storyline : '')),
        h('div', null, (st.outlets || []).map(function (o) { return outletChip(o); })));
      out.push(head);
      if (st.summary) out.push(briefSection(st, cite));
      out.push(timelineSection(st, arts, cite));
      out.push(quotesSection(st, arts, art));
      if (st.claims) out.push(claimsSection(st, art, cite));
      /* a storyline of several stories: its claims meet rulings made months
       * later, in another story. The static report's document has every
       * article; the live page asks for the storylines and for the articles
       * of the storyline's other stories, then fills the slot. */
      var slot = h('div', {id: 'storyline-slot'});
      out.push(slot);
      if (DOC) storylineFill(st, slot, DOC.storylines, DOC.articles || []);
      else storylineSections(st, slot);
      if (d.copies) out.push(copiesSection(d.copies, art));
      if (st.coverage) out.push(coverageSection(st, cite));
      if (st.disagreements) out.push(disagreementsSection(st, cite));
      var list = section('articles', 'Articles (' + arts.length + ')');
      list.appendChild(articleList(arts));
      out.push(list);
      show(out);
    }, fail);
  }

  function briefSection(st, cite) {
    var sec = section('brief', 'Brief');
    if (!st.summary.length) { sec.appendChild(h('p', {class: 'empty', text: 'No summary sentences.'})); return sec; }
    sec.appendChild(h('ol', {class: 'brief'}, st.summary.map(function (x) {
      var ids = x.articles && x.articles.length ? x.articles : (x.article ? [x.article] : []);
      return h('li', null, x.text, ' ', cite(ids, ids.length === 1 ? x.sentence : null));
    })));
    return sec;
  }

  function timelineSection(st, arts, cite) {
    var items = st.timeline;
    var derived = !items;
    if (derived) items = arts.filter(function (a) { return a.published; }).map(function (a) {
      return {date: a.published, kind: 'published', text: a.title || '', articles: [a.id], outlets: [a.outlet]};
    }).sort(function (x, y) { return (isoMs(x.date) || 0) - (isoMs(y.date) || 0); });
    var sec = section('timeline', derived ? 'Timeline (publication)' : 'Timeline');
    if (!items.length) { sec.appendChild(h('p', {class: 'empty', text: 'Nothing dated.'})); return sec; }
    var dated = items.filter(function (x) { return isoMs(x.date) != null; });
    if (dated.length) {
      var t0 = Math.min.apply(null, dated.map(function (x) { return isoMs(x.date); }));
      var t1 = Math.max.apply(null, dated.map(function (x) { return isoMs(x.date); }));
      var L = 30, R = 970, span = Math.max(t1 - t0, 1);
      var rows = [];
      var svg = s('svg', {class: 'tl-svg', viewBox: '0 0 1000 100', role: 'img', 'aria-label': 'timeline'});
      svg.appendChild(s('line', {x1: L, x2: R, y1: 70, y2: 70, stroke: '#8a94a6', 'stroke-width': 2}));
      dated.forEach(function (x, i) {
        var px = L + (R - L) * (isoMs(x.date) - t0) / span;
        var row = 0;
        while (rows[row] != null && px - rows[row] < 14) row++;
        rows[row] = px;
        var c = s('circle', {cx: px.toFixed(1), cy: 70 - 12 * Math.min(row, 4), r: 6,
          fill: x.kind === 'event' ? '#2d5fa8' : '#9aa4b5', 'data-index': i});
        c.appendChild(s('title', {}, fmtDate(x.date) + ' ' + (x.text || '')));
        svg.appendChild(c);
      });
      svg.appendChild(s('text', {x: L, y: 92, 'font-size': 13, fill: '#5b6575'}, fmtDate(dated[0].date)));
      svg.appendChild(s('text', {x: R, y: 92, 'font-size': 13, fill: '#5b6575', 'text-anchor': 'end'},
        fmtDate(dated[dated.length - 1].date)));
      sec.appendChild(svg);
    }
    sec.appendChild(h('ul', {class: 'plain tl-list'}, items.map(function (x) {
      return h('li', {class: 'tl-item'}, h('span', {class: 'date', text: fmtDate(x.date)}), ' ',
        h('span', {class: 'badge ' + (x.kind || ''), text: x.kind || ''}), x.precision ? h('span', {class: 'badge', text: x.precision}) : null,
        ' ', x.text || '', ' ', cite(x.articles));
    })));
    return sec;
  }

  /* ----- quotes and the word diff ----- */
  function words(t) { return (t || '').split(/\s+/).filter(Boolean); }
  function normWord(w) { return w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''); }
  /* Word-level diff (LCS on normalised words): [[op, word]], op '=', '-' (only in a), '+' (only in b). */
  function diffWords(a, b) {
    var A = words(a), B = words(b), n = A.length, m = B.length;
    if (n * m > 250000) return [['-', a], ['+', b]];
    var an = A.map(normWord), bn = B.map(normWord);
    var dp = [];
    for (var i = 0; i <= n; i++) dp.push(new Uint16Array(m + 1));
    for (i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--)
      dp[i][j] = an[i] === bn[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    var out = []; i = 0; j = 0;
    while (i < n && j < m) {
      if (an[i] === bn[j]) { out.push(['=', B[j]]); i++; j++; }
      else if (dp[i + 1][j] >= dp[i][j + 1]) out.push(['-', A[i++]]);
      else out.push(['+', B[j++]]);
    }
    while (i < n) out.push(['-', A[i++]]);
    while (j < m) out.push(['+', B[j++]]);
    return out;
  }
  function changed(base, text) {
    return diffWords(base, text).some(function (p) { return p[0] !== '='; });
  }
  function diffNode(base, text) {
    var d = diffWords(base, text);
    var el = h('span', {class: 'diff'});
    d.forEach(function (p, k) {
      if (k) el.appendChild(document.createTextNode(' '));
      el.appendChild(p[0] === '=' ? document.createTextNode(p[1]) : h(p[0] === '+' ? 'ins' : 'del', {text: p[1]}));
    });
    return el;
  }
  function jaccard(a, b) {
    var A = {}, B = {}, inter = 0, na = 0, nb = 0;
    words(a).forEach(function (w) { if (!A[w]) { A[w] = 1; na++; } });
    words(b).forEach(function (w) { if (!B[w]) { B[w] = 1; nb++; if (A[w]) inter++; } });
    return na + nb - inter ? inter / (na + nb - inter) : 0;
  }
  /* Without quote_groups (quotes stage of the story not landed), groups the
   * articles' quotes by speaker and by word overlap of their norm. */
  function deriveGroups(arts) {
    var groups = [];
    arts.forEach(function (a) {
      (a.quotes || []).forEach(function (q) {
        if (!q.speaker || !q.norm) return;
        var g = null;
        for (var i = 0; i < groups.length && !g; i++)
          if (groups[i].speaker === q.speaker && jaccard(groups[i].norm, q.norm) >= 0.5) g = groups[i];
        if (!g) { g = {speaker: q.speaker, norm: q.norm, text: q.text, variants: []}; groups.push(g); }
        g.variants.push({article: a.id, outlet: a.outlet, text: q.text, start: q.start, end: q.end, kind: q.kind});
      });
    });
    groups.forEach(function (g) {
      var count = {};
      g.variants.forEach(function (v) { count[v.text] = (count[v.text] || 0) + 1; });
      g.text = Object.keys(count).sort(function (x, y) { return count[y] - count[x]; })[0];
    });
    return groups.filter(function (g) {
      var outs = {};
      g.variants.forEach(function (v) { outs[v.outlet] = 1; });
      return Object.keys(outs).length > 1;
    });
  }
  function quotesSection(st, arts, art) {
    var groups = st.quote_groups || deriveGroups(arts);
    var sec = section('quotes', 'Quotes by speaker' + (st.quote_groups ? '' : ' (quoted by several outlets)'));
    if (!groups.length) { sec.appendChild(h('p', {class: 'empty', text: 'No quote carried by more than one outlet.'})); return sec; }
    var bySpeaker = {}, order = [];
    groups.forEach(function (g) {
      var k = g.speaker || '(unattributed)';
      if (!bySpeaker[k]) { bySpeaker[k] = []; order.push(k); }
      bySpeaker[k].push(g);
    });
    order.forEach(function (sp) {
      sec.appendChild(h('h3', {class: 'speaker', text: sp}));
      bySpeaker[sp].forEach(function (g) {
        var box = h('div', {class: 'quote-group'}, h('div', {class: 'common', text: '“' + g.text + '”'}));
        (g.variants || []).forEach(function (v) {
          var a = art[v.article];
          var outlet = v.outlet || (a && a.outlet);
          var same = v.text === g.text;
          box.appendChild(h('div', {class: 'variant'},
            outletChip(outlet, '#/article/' + encodeURIComponent(v.article), a && a.title),
            v.kind ? h('span', {class: 'badge', text: v.kind}) : null,
            same || !changed(g.text, v.text) ? h('span', {class: 'meta', text: 'same words'}) : diffNode(g.text, v.text)));
        });
        sec.appendChild(box);
      });
    });
    return sec;
  }

  /* ----- graphs: boxes in columns, arrows between them ----- */
  function drawGraph(cols, edges, label) {
    var colW = 240, gapX = 130, boxH = 40, gapY = 22, pad = 10;
    var nrow = Math.max.apply(null, cols.map(function (c) { return c.length; }).concat([1]));
    var W = cols.length * colW + (cols.length - 1) * gapX + 2 * pad;
    var H = nrow * (boxH + gapY) + 2 * pad;
    var svg = s('svg', {class: 'graph', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': label,
      style: 'max-width:' + W + 'px'});
    var defs = s('defs');
    var mk = s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto'});
    mk.appendChild(s('path', {d: 'M0,0 L10,5 L0,10 z', fill: '#8a94a6'}));
    defs.appendChild(mk);
    svg.appendChild(defs);
    var pos = {};
    cols.forEach(function (col, ci) {
      var top = pad + (H - 2 * pad - col.length * (boxH + gapY) + gapY) / 2;
      col.forEach(function (n, ri) {
        pos[n.key] = {x: pad + ci * (colW + gapX), y: top + ri * (boxH + gapY)};
      });
    });
    edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      var x1 = a.x + colW, y1 = a.y + boxH / 2, x2 = b.x, y2 = b.y + boxH / 2;
      if (a.x > b.x) { x1 = a.x; x2 = b.x + colW; }
      var mx = (x1 + x2) / 2;
      var p = s('path', {class: 'edge ' + (e.cls || ''), d: 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2,
        'marker-end': 'url(#arrow)'});
      svg.appendChild(p);
      if (e.label) svg.appendChild(s('text', {class: 'elabel', x: mx, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle'}, e.label));
    });
    cols.forEach(function (col) {
      col.forEach(function (n) {
        var p = pos[n.key];
        var g = s('g', {class: 'gnode', 'data-key': n.key});
        if (n.href) { var link = s('a', {href: n.href}); g.appendChild(link); g = link; }
        var r = s('rect', {class: 'node ' + (n.cls || ''), x: p.x, y: p.y, width: colW, height: boxH, rx: 6});
        g.appendChild(r);
        g.appendChild(s('text', {x: p.x + 8, y: p.y + 16, 'font-weight': 600}, clip(n.label, 34)));
        if (n.sub) g.appendChild(s('text', {x: p.x + 8, y: p.y + 32, 'font-size': 11, fill: '#5b6575'}, clip(n.sub, 40)));
        if (n.title) r.appendChild(s('title', {}, n.title));
        svg.appendChild(g.parentNode && g.tagName === 'a' ? g.parentNode : g);
      });
    });
    return svg;
  }
  function clip(t, n) { t = t || ''; return t.length > n ? t.slice(0, n - 1) + '…' : t; }

  function claimsSection(st, art, cite) {
    var sec = section('provenance', 'Claims and where they came from');
    if (!st.claims.length) { sec.appendChild(h('p', {class: 'empty', text: 'No claims.'})); return sec; }
    st.claims.forEach(function (c, ci) {
      var box = h('div', {class: 'claim', 'data-claim': ci});
      box.appendChild(h('h3', null, h('span', {class: 'badge', text: c.sourcing || ''}), c.text));
      if (c.sources && c.sources.length)
        box.appendChild(h('div', {class: 'meta'}, 'Sources: ', c.sources.map(function (x) { return x.name + (x.type ? ' (' + x.type + ')' : ''); }).join('; ')));
      var left = [], mid = [], right = [], edges = [];
      var disclaimed = {};
      (c.disclaimers || []).forEach(function (x) { disclaimed[x.article || x.outlet] = x; disclaimed[x.outlet] = x; });
      if (c.origin) left.push({key: 'o', label: c.origin.outlet, sub: 'origin · ' + fmtDate(c.origin.published), cls: 'origin',
        href: c.origin.article ? '#/article/' + encodeURIComponent(c.origin.article) : null, title: c.text});
      (c.relayed_by || []).forEach(function (r, i) {
        var dis = disclaimed[r.article] || disclaimed[r.outlet];
        mid.push({key: 'r' + i, label: r.outlet, sub: (dis ? '⚠ disclaims · ' : '') + fmtDate(r.published),
          href: r.article ? '#/article/' + encodeURIComponent(r.article) : null, title: r.text || '', cls: dis ? 'disclaimer' : ''});
        if (c.origin) edges.push({from: 'o', to: 'r' + i, label: dis ? 'relayed, disclaimed' : 'relayed'});
      });
      (c.denials || []).forEach(function (x, i) {
        right.push({key: 'd' + i, label: x.who || 'denial', sub: 'denied', cls: 'denier', title: x.text,
          href: x.article ? '#/article/' + encodeURIComponent(x.article) : null});
        edges.push({from: 'd' + i, to: 'o', cls: 'deny', label: 'denies'});
      });
      (c.no_comment || []).forEach(function (x, i) {
        right.push({key: 'n' + i, label: x.who || 'no comment', sub: 'declined to comment', title: x.text});
        edges.push({from: 'n' + i, to: 'o', cls: 'deny', label: 'no comment'});
      });
      (c.rulings || []).forEach(function (x, i) {
        right.push({key: 'u' + i, label: x.who || 'ruling', sub: 'ruled ' + (x.verdict || '') + (x.date ? ' · ' + fmtDate(x.date) : ''),
          cls: 'ruler', title: x.text, href: x.article ? '#/article/' + encodeURIComponent(x.article) : null});
        edges.push({from: 'u' + i, to: 'o', cls: 'rule', label: 'ruling: ' + (x.verdict || '')});
      });
      if (!c.origin && (mid.length || right.length)) left.push({key: 'o', label: 'the claim', sub: clip(c.text, 40), cls: 'origin'});
      /* responses first: their arrows reach the origin without crossing the relays */
      var cols = [right, left, mid].filter(function (x) { return x.length; });
      if (cols.length) box.appendChild(drawGraph(cols, edges, 'provenance of claim ' + (ci + 1)));
      var notes = [];
      (c.disclaimers || []).forEach(function (x) { notes.push(h('li', null, h('span', {class: 'badge disclaimer', text: 'disclaimer'}), x.outlet + ': ' + (x.text || ''), ' ', cite([x.article]))); });
      (c.denials || []).forEach(function (x) { notes.push(h('li', null, h('span', {class: 'badge denial', text: 'denial'}), (x.who || '') + ': ' + (x.text || ''), ' ', cite([x.article]))); });
      (c.no_comment || []).forEach(function (x) { notes.push(h('li', null, h('span', {class: 'badge', text: 'no comment'}), (x.who || '') + ': ' + (x.text || ''), ' ', cite([x.article]))); });
      (c.rulings || []).forEach(function (x) { notes.push(h('li', null, h('span', {class: 'badge ruling ' + (x.verdict || ''), text: 'ruling: ' + (x.verdict || '')}), (x.who || '') + (x.date ? ' (' + fmtDate(x.date) + ')' : '') + ': ' + (x.text || ''), ' ', cite([x.article]))); });
      if (notes.length) box.appendChild(h('ul', {class: 'plain'}, notes));
      sec.appendChild(box);
    });
    return sec;
  }

  function copiesSection(copies, art) {
    var sec = section('copies', 'Copies (' + copies.length + ')');
    if (!copies.length) { sec.appendChild(h('p', {class: 'empty', text: 'No article copies another.'})); return sec; }
    var origins = [], copiesCol = [], seen = {};
    function node(id, col) {
      if (seen[id]) return;
      seen[id] = 1;
      var a = art[id];
      col.push({key: id, label: a ? a.outlet || id : id, sub: a ? fmtDate(a.published) + ' · ' + (a.title || '') : '',
        href: '#/article/' + encodeURIComponent(id), title: a ? a.title : id});
    }
    copies.forEach(function (c) { node(c.origin, origins); });
    copies.forEach(function (c) { node(c.copy, copiesCol); });
    sec.appendChild(drawGraph([origins, copiesCol].filter(function (x) { return x.length; }),
      copies.map(function (c) { return {from: c.origin, to: c.copy, label: c.kind + ' ' + c.similarity}; }), 'copies'));
    var t = h('table', null, h('tr', null, h('th', {text: 'origin'}), h('th', {text: 'copy'}), h('th', {text: 'kind'}),
      h('th', {text: 'similarity'}), h('th', {text: 'sentences aligned'})));
    copies.forEach(function (c) {
      var o = art[c.origin], k = art[c.copy];
      t.appendChild(h('tr', {class: 'copy-row'},
        h('td', null, outletChip(o ? o.outlet : c.origin, '#/article/' + encodeURIComponent(c.origin), o && o.title)),
        h('td', null, outletChip(k ? k.outlet : c.copy, '#/article/' + encodeURIComponent(c.copy), k && k.title)),
        h('td', null, h('span', {class: 'badge', text: c.kind})), h('td', {text: c.similarity}), h('td', {text: c.aligned})));
    });
    sec.appendChild(t);
    return sec;
  }

  function coverageSection(st, cite) {
    var sec = section('coverage', 'Coverage');
    var facts = st.summary || [];
    var outlets = st.coverage.map(function (c) { return c.outlet; });
    if (facts.length) {
      var t = h('table', {class: 'matrix'}, h('tr', null, h('th', {text: 'fact'}), outlets.map(function (o) { return h('th', null, outletChip(o)); })));
      facts.forEach(function (f) {
        var has = {};
        (f.outlets || []).forEach(function (o) { has[o] = 1; });
        t.appendChild(h('tr', null, h('td', {text: f.text}), outlets.map(function (o) {
          return h('td', {class: has[o] ? 'yes' : 'no', text: has[o] ? '✓' : '·'});
        })));
      });
      sec.appendChild(t);
    }
    st.coverage.forEach(function (c) {
      if (!(c.only && c.only.length) && !(c.missed && c.missed.length)) return;
      sec.appendChild(h('h3', null, outletChip(c.outlet)));
      if (c.only && c.only.length) sec.appendChild(h('div', null, h('strong', {text: 'Only here: '}),
        h('ul', null, c.only.map(function (x) { return h('li', null, x.text, ' ', cite([x.article], x.sentence)); }))));
      if (c.missed && c.missed.length) sec.appendChild(h('div', null, h('strong', {text: 'Not reported here: '}),
        h('ul', null, c.missed.map(function (x) { return h('li', null, x.text, ' ', (x.outlets || []).map(function (o) { return outletChip(o); })); }))));
    });
    return sec;
  }

  function disagreementsSection(st, cite) {
    var sec = section('disagreements', 'Disagreements');
    if (!st.disagreements.length) { sec.appendChild(h('p', {class: 'empty', text: 'The outlets agree on the facts compared.'})); return sec; }
    st.disagreements.forEach(function (d) {
      sec.appendChild(h('h3', {text: d.fact}));
      sec.appendChild(h('table', null, h('tr', null, h('th', {text: 'value'}), h('th', {text: 'as written'}), h('th', {text: 'reported by'})),
        (d.values || []).map(function (v) {
          return h('tr', null, h('td', null, h('strong', {text: String(v.value)})), h('td', {text: v.text || ''}), h('td', null, cite(v.articles)));
        })));
    });
    return sec;
  }

  /* ----- article ----- */
  /* byte offset (UTF-8) -> index in the JS string (UTF-16) */
  function byteMap(str) {
    var map = [], b = 0;
    for (var i = 0; i < str.length;) {
      var cp = str.codePointAt(i);
      var nb = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      for (var k = 0; k < nb; k++) map[b + k] = i;
      b += nb;
      i += cp > 0xffff ? 2 : 1;
    }
    map[b] = str.length;
    return function (off) { return off >= b ? str.length : off <= 0 ? 0 : map[off]; };
  }
  function highlight(body, anns) {
    var u = byteMap(body);
    var spans = anns.filter(function (x) { return x.s != null && x.e != null && x.e > x.s; })
      .map(function (x) { return {s: u(x.s), e: u(x.e), cls: x.cls, title: x.title}; });
    var cuts = [0, body.length];
    spans.forEach(function (x) { cuts.push(x.s, x.e); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var el = h('div', {class: 'body', id: 'body'});
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var on = spans.filter(function (x) { return x.s <= a && x.e >= b; });
      var text = body.slice(a, b);
      if (!on.length) { el.appendChild(document.createTextNode(text)); continue; }
      var cls = {}, titles = [];
      on.forEach(function (x) { cls[x.cls] = 1; if (x.title && titles.indexOf(x.title) < 0) titles.push(x.title); });
      el.appendChild(h('span', {class: Object.keys(cls).join(' '), title: titles.join('\n') || null, text: text}));
    }
    return el;
  }
  function pageArticle(id) {
    api.article(id).then(function (d) {
      var a = d.article, body = a.body || '';
      var anns = [];
      (a.quotes || []).forEach(function (q) {
        var who = 'quote (' + q.kind + ')' + (q.speaker ? ': ' + q.speaker : '');
        (q.parts || [[q.start, q.end]]).forEach(function (p) { anns.push({s: p[0], e: p[1], cls: 'q', title: who}); });
        if (q.speaker_start != null) anns.push({s: q.speaker_start, e: q.speaker_end, cls: 'sp', title: 'speaker: ' + (q.speaker || '')});
        if (q.cue_start != null) anns.push({s: q.cue_start, e: q.cue_end, cls: 'cue', title: 'cue: ' + (q.cue || '')});
      });
      (a.dates || []).forEach(function (x) { anns.push({s: x.start, e: x.end, cls: 'dt', title: x.type + ' ' + x.value}); });
      (a.statements || []).forEach(function (x) {
        anns.push({s: x.start, e: x.end, cls: 'st', title: 'statement' + (x.stance ? ' (' + x.stance + ')' : '') + (x.source ? ' — source: ' + x.source : ' — unsourced')});
        if (x.source_start != null) anns.push({s: x.source_start, e: x.source_end, cls: 'src', title: 'source: ' + (x.source || '') + (x.source_type ? ' (' + x.source_type + ')' : '')});
      });
      var bodyEl = highlight(body, anns);
      var kinds = [['q', 'quotes', 'var(--q)'], ['sp', 'speakers', 'var(--sp)'], ['dt', 'dates', 'var(--dt)']];
      if (a.statements) kinds.push(['st', 'statements', 'var(--st)'], ['src', 'sources', 'var(--src)']);
      var legend = h('div', {class: 'legend'}, kinds.map(function (k) {
        return h('label', null, h('input', {type: 'checkbox', checked: 'checked', onchange: function (ev) {
          bodyEl.classList.toggle('hide-' + k[0], !ev.target.checked);
        }}), ' ', h('span', {class: 'sw', style: 'background:' + k[2]}), ' ', k[1]);
      }));
      var main = h('section', {class: 'card', id: 'article'},
        h('h1', {text: a.title || '(untitled)'}),
        h('div', {class: 'meta'}, outletChip(a.outlet), ' ', fmtDate(a.published), a.byline ? ' · by ' + a.byline : '',
          a.language ? ' · ' + a.language : '', a.story ? ' · ' : '', a.story ? h('a', {href: '#/story/' + encodeURIComponent(a.story), text: 'story ' + a.story}) : null),
        /* only web links: a javascript: URL from a hostile input must not become clickable */
        a.url && /^https?:\/\//i.test(a.url) ? h('div', {class: 'meta'}, h('a', {href: a.url, rel: 'noreferrer noopener', text: a.url})) :
          a.url ? h('div', {class: 'meta', text: a.url}) : null,
        a.input || a.repairs ? h('div', {class: 'meta', id: 'article-input', text: (a.input ? 'read from ' + a.input : '') +
          (a.repairs ? (a.input ? ' · ' : '') + a.repairs + ' invalid UTF-8 sequence' + (a.repairs > 1 ? 's' : '') + ' repaired' : '')}) : null,
        legend, bodyEl,
        a.credits ? h('p', {class: 'meta', text: a.credits.join(' · ')}) : null,
        a.boilerplate && a.boilerplate.length ? h('details', {class: 'boiler', id: 'boilerplate'},
          h('summary', {text: 'Removed by extraction (' + a.boilerplate.length + ' blocks: ' + boilerKinds(a.boilerplate) + ')'}),
          h('ul', null, a.boilerplate.map(function (x) {
            return typeof x === 'string' ? h('li', {text: x}) :
              h('li', null, h('span', {class: 'badge', text: x.kind || 'removed'}), ' ', x.text || '');
          }))) : null);
      var side = [];
      if (a.quotes && a.quotes.length) {
        var qs = section('article-quotes', 'Quotes (' + a.quotes.length + ')');
        qs.appendChild(h('ul', {class: 'plain'}, a.quotes.map(function (q) {
          return h('li', null, h('strong', {text: q.speaker || 'unknown'}), ' ', h('span', {class: 'badge', text: q.kind}), '“' + q.text + '”');
        })));
        side.push(qs);
      }
      if (a.statements && a.statements.length) {
        var ss = section('article-statements', 'Statements (' + a.statements.length + ')');
        ss.appendChild(h('ul', {class: 'plain'}, a.statements.map(function (x) {
          return h('li', null, x.stance ? h('span', {class: 'badge ' + x.stance, text: x.stance}) : null,
            h('strong', {text: x.source || 'unsourced'}), x.source_type ? h('span', {class: 'meta', text: ' (' + x.source_type + ')'}) : null, ' ', x.text);
        })));
        side.push(ss);
      }
      if (a.entities && a.entities.length) {
        var es = section('article-entities', 'Named');
        es.appendChild(h('div', null, a.entities.map(function (e) { return h('span', {class: 'chip', title: e.type + (e.title ? ', ' + e.title : ''), text: e.name}); })));
        side.push(es);
      }
      if (a.dates && a.dates.length) {
        var ds = section('article-dates', 'Dates (' + a.dates.length + ')');
        ds.appendChild(h('table', null, a.dates.map(function (x) { return h('tr', null, h('td', {text: x.text}), h('td', {text: x.value})); })));
        side.push(ds);
      }
      if (d.copies && d.copies.length) {
        var cs = section('article-copies', 'Copies');
        cs.appendChild(h('ul', {class: 'plain'}, d.copies.map(function (c) {
          var other = c.copy === a.id ? c.origin : c.copy, o = (d.related || {})[other] || {};
          return h('li', null, c.copy === a.id ? 'copies ' : 'copied by ', outletChip(o.outlet || other, '#/article/' + encodeURIComponent(other), o.title),
            ' ', h('span', {class: 'badge', text: c.kind}), String(c.similarity));
        })));
        side.push(cs);
      }
      show(h('div', {class: 'grid2'}, h('div', null, main), h('div', null, side)));
    }, fail);
  }

  /* ---------- router ---------- */
  function route() {
    var m, hsh = location.hash.replace(/^#\/?/, '');
    try { hsh = decodeURIComponent(hsh); } catch (e) { /* a malformed escape: used as written */ }
    if ((m = /^story\/(.+)$/.exec(hsh))) pageStory(m[1]);
    else if ((m = /^article\/([^/]+)/.exec(hsh))) pageArticle(m[1]);
    else if ((m = /^search\/(.*)$/.exec(hsh))) pageSearch(m[1]);
    else pageList();
  }
  document.getElementById('mode').textContent = DOC ? 'static report' : 'live';
  var q = document.getElementById('q');
  q.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && q.value.trim()) location.hash = '#/search/' + encodeURIComponent(q.value.trim());
  });
  window.addEventListener('hashchange', route);
  route();
})();
