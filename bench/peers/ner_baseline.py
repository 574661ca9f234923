#!/usr/bin/env python3
"""ner_baseline.py: the capitalised-sequence baseline for bench/quotes.sh.

  ner_baseline.py GAZETTEER.c ARTICLES.jsonl OUT.json

Every maximal run of capitalised words (a sentence's first word dropped when
it is a common function word) is a name; its type comes from the same
gazetteer chorus compiles in (src/quotes/gazetteer.c: outlets and
organisations, places, organisations' generic last words), and a run the
gazetteer does not type is a person when it has two words or more, else left
out. Output: chorus's JSON shape ({"articles": [{"id", "entities": [{"type",
"mentions"}]}]}) with UTF-8 byte offsets, so one scorer reads both.
"""
import json, re, sys

STOP = set('the a an and or but in on at to of for by with from as if when while after before '
           'this that these those it he she they we i his her their its our there here then '
           'however meanwhile also'.split())


def load_gazetteer(path):
    src = open(path, encoding='utf-8').read()
    names = dict((n, t) for n, t in re.findall(r'"([^"|]+)\|([PON])"', src))
    heads = set()
    m = re.search(r'\{LX_ORGHEAD,\s*((?:\s*"[^"]*")+)', src)
    if m:
        heads = set(''.join(re.findall(r'"([^"]*)"', m.group(1))).split())
    return names, heads


def main(gaz, arts, out):
    names, heads = load_gazetteer(gaz)
    typ = {'P': 'place', 'O': 'organization', 'N': 'outlet'}
    res = []
    word = re.compile(r"[A-Za-z][\w'’.&-]*")
    for ln in open(arts, encoding='utf-8'):
        d = json.loads(ln)
        t = d['text']
        ents = []
        toks = [(m.start(), m.end(), m.group()) for m in word.finditer(t)]
        i = 0
        while i < len(toks):
            s, e, w = toks[i]
            first = s == 0 or t[:s].rstrip()[-1:] in '.!?'
            if not w[0].isupper() or (first and w.lower() in STOP):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and toks[j][2][0].isupper() and t[toks[j - 1][1]:toks[j][0]] == ' ':
                j += 1
            run = t[toks[i][0]:toks[j - 1][1]]
            key = run.lower()
            ty = names.get(key) or names.get(key[4:] if key.startswith('the ') else '')
            if ty:
                ty = typ[ty]
            elif toks[j - 1][2].lower() in heads:
                ty = 'organization'
            elif j - i >= 2:
                ty = 'person'
            if ty:
                b0 = len(t[:toks[i][0]].encode('utf-8'))
                b1 = b0 + len(run.encode('utf-8'))
                ents.append({'type': ty, 'mentions': [[b0, b1]]})
            i = j
        res.append({'id': d['id'], 'entities': ents})
    json.dump({'articles': res}, open(out, 'w'))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
