#!/usr/bin/env python3
"""claims_tools.py: format converters for bench/claims.sh (stdlib only).

  scu-in GOLD.jsonl OUT.jsonl        SCU texts -> chorus JSON Lines input ({"id", "title": "", "text"})
  scu-out CHORUS.json OUT.jsonl GOLD chorus statements -> score_sourcing.py predictions (byte offsets;
                                     one per sourced statement: span = the sentence, type, name)
  fixtures-in TSV OUT.jsonl          tests/data/claims_fixtures.tsv -> one article per sentence
  fixtures-score TSV CHORUS.json     F1 per stance (sentence labelled with the stance or not)
"""
import json, sys

TYPES = {'named_person': 'Named Person', 'named_organization': 'Named Organization',
         'outlet': 'Named Organization', 'document': 'Document', 'anonymous': 'Anonymous Source',
         'unnamed_person': 'Unnamed Person', 'unnamed_group': 'Unnamed Group of People'}
STANCES = ('disclaimer', 'denial', 'no_comment', 'ruling', 'confirmation')


def scu_in(gold, out):
    with open(out, 'w', encoding='utf-8') as f:
        for ln in open(gold, encoding='utf-8'):
            d = json.loads(ln)
            f.write(json.dumps({'id': 'scu%d' % d['id'], 'title': '', 'text': d['text']}) + '\n')


def scu_out(chorus, out, gold=None):
    doc = json.load(open(chorus, encoding='utf-8'))
    texts = {}
    if gold:
        for ln in open(gold, encoding='utf-8'):
            d = json.loads(ln)
            texts[d['id']] = d['text']
    with open(out, 'w', encoding='utf-8') as f:
        for a in doc['articles']:
            st = []
            # the reader drops a leading byte-order mark: shift back onto the gold text
            t = texts.get(int(a['id'][3:]), a['body'])
            shift = len(t.encode('utf-8')) - len(a['body'].encode('utf-8')) if t.endswith(a['body']) else 0
            for s in a.get('statements', []):
                if s['source_type'] is None:
                    continue
                st.append({'span': [s['start'] + shift, s['end'] + shift], 'type': TYPES[s['source_type']],
                           'name': s['source'] or ''})
            f.write(json.dumps({'id': int(a['id'][3:]), 'offset_unit': 'byte', 'statements': st}) + '\n')


def read_fixtures(tsv):
    rows = []
    for ln in open(tsv, encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln or ln.startswith('#'):
            continue
        label, text = ln.split('\t', 1)
        rows.append((label, text))
    return rows


def fixtures_in(tsv, out):
    with open(out, 'w', encoding='utf-8') as f:
        for i, (label, text) in enumerate(read_fixtures(tsv)):
            f.write(json.dumps({'id': 'fx%03d' % i, 'title': '', 'language': 'en', 'text': text}) + '\n')


def family(s):
    return 'ruling' if s == 'correction' else s


def fixtures_score(tsv, chorus):
    rows = read_fixtures(tsv)
    doc = json.load(open(chorus, encoding='utf-8'))
    got = {a['id']: {family(s['stance']) for s in a.get('statements', [])} for a in doc['articles']}
    res = {}
    for st in STANCES:
        tp = fp = fn = 0
        for i, (label, _) in enumerate(rows):
            want = family(label) == st
            have = st in got.get('fx%03d' % i, set())
            tp += want and have
            fp += have and not want
            fn += want and not have
        if tp + fp + fn == 0:
            continue
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        res[st] = (sum(1 for l, _ in rows if family(l) == st), tp, fp, fn, p, r, f1)
    for st, (n, tp, fp, fn, p, r, f1) in res.items():
        print('%-13s positives %3d  tp %3d fp %3d fn %3d  P %.3f R %.3f F1 %.3f' % (st, n, tp, fp, fn, p, r, f1))
    if '--errors' in sys.argv:
        for i, (label, text) in enumerate(rows):
            g = got.get('fx%03d' % i, set())
            if (family(label) in STANCES and family(label) not in g) or (g & set(STANCES)) - {family(label)}:
                print('ERR want=%s got=%s  %s' % (label, sorted(g), text))


if __name__ == '__main__':
    cmd = sys.argv[1]
    {'scu-in': scu_in, 'scu-out': scu_out, 'fixtures-in': fixtures_in,
     'fixtures-score': fixtures_score}[cmd](*sys.argv[2:5 if cmd == 'scu-out' else 4])
