#!/usr/bin/env python3
"""quotes_tools.py: format converters for bench/quotes.sh (stdlib only).

  polnear-in GOLD.jsonl OUT.jsonl       PolNeAR texts -> chorus JSON Lines input
                                        ({"id", "title": "", "text"}; body = text)
  polnear-out CHORUS.json OUT.jsonl     chorus output -> score_quotes.py predictions
                                        (byte offsets; one attribution per quote:
                                        content = its parts, source = the speaker
                                        mention, cue = the cue span)
  wikigold-in CONLL OUT.jsonl GOLD.json WikiGold CoNLL -> one article per document
                                        (tokens joined by spaces) and gold spans
  ner-score GOLD.json CHORUS.json       entity F1 per type (exact span and type)
"""
import json, sys

TYPES = {'person': 'PER', 'organization': 'ORG', 'outlet': 'ORG', 'place': 'LOC'}


def polnear_in(gold, out):
    with open(out, 'w', encoding='utf-8') as f:
        for ln in open(gold, encoding='utf-8'):
            d = json.loads(ln)
            f.write(json.dumps({'id': d['doc'], 'title': '', 'text': d['text']}) + '\n')


MARKS = ('\u201c', '\u201d', '"', '\u2018', '\u2019', "'", '\u00ab', '\u00bb', '\u201e')


def with_marks(body, parts):
    """A direct quote's parts widened to their quotation marks (PolNeAR's content
    spans hold the marks; the scorer tells direct from indirect by them)."""
    b = body.encode('utf-8')
    out = []
    for s, e in parts:
        for m in MARKS:
            mb = m.encode('utf-8')
            if s >= len(mb) and b[s - len(mb):s] == mb:
                s -= len(mb)
                break
        for m in MARKS:
            mb = m.encode('utf-8')
            if b[e:e + len(mb)] == mb:
                e += len(mb)
                break
        out.append([s, e])
    return out


def polnear_out(chorus, out):
    doc = json.load(open(chorus, encoding='utf-8'))
    with open(out, 'w', encoding='utf-8') as f:
        for a in doc['articles']:
            ats = []
            for q in a.get('quotes', []):
                parts = with_marks(a['body'], q['parts']) if q['kind'] == 'direct' else q['parts']
                at = {'content': parts, 'kind': q['kind']}
                if q.get('speaker_start') is not None:
                    at['source'] = [[q['speaker_start'], q['speaker_end']]]
                if q.get('cue_start') is not None:
                    at['cue'] = [[q['cue_start'], q['cue_end']]]
                if q.get('speaker'):
                    at['speaker'] = q['speaker']
                ats.append(at)
            f.write(json.dumps({'doc': a['id'], 'offset_unit': 'byte', 'attributions': ats}) + '\n')


def wikigold_in(conll, out, gold_out):
    docs, cur, sent = [], None, []
    for ln in open(conll, encoding='utf-8'):
        ln = ln.rstrip('\n')
        if ln.startswith('-DOCSTART-'):
            if cur is not None:
                if sent:
                    cur.append(sent)
                docs.append(cur)
            cur, sent = [], []
            continue
        if not ln.strip():
            if sent and cur is not None:
                cur.append(sent)
            sent = []
            continue
        tok, tag = ln.rsplit(' ', 1)
        sent.append((tok, tag))
    if cur is not None:
        if sent:
            cur.append(sent)
        docs.append(cur)
    gold = {}
    with open(out, 'w', encoding='utf-8') as f:
        for i, d in enumerate(docs):
            text, spans = '', []
            for s in d:
                prev = None
                for tok, tag in s:
                    if text:
                        text += ' '
                    st = len(text.encode('utf-8'))
                    text += tok
                    en = len(text.encode('utf-8'))
                    typ = tag[2:] if tag != 'O' else None
                    if typ and prev and prev[0] == typ:
                        prev[2] = en
                    elif typ:
                        prev = [typ, st, en]
                        spans.append(prev)
                    else:
                        prev = None
                text += ''
            if not text.strip():
                continue
            did = 'wg%03d' % i
            gold[did] = spans
            f.write(json.dumps({'id': did, 'title': '', 'text': text}) + '\n')
    json.dump(gold, open(gold_out, 'w'))


def ner_score(gold_path, chorus, label='chorus'):
    gold = json.load(open(gold_path))
    doc = json.load(open(chorus, encoding='utf-8'))
    pred = {}
    for a in doc['articles']:
        s = set()
        for e in a.get('entities', []):
            t = TYPES.get(e['type'])
            for m in e['mentions']:
                s.add((t, m[0], m[1]))
        pred[a['id']] = s
    report(gold, pred, label)


def report(gold, pred, label):
    rows = {}
    for t in ('PER', 'ORG', 'LOC', 'ALL'):
        tp = fp = fn = 0
        for did, spans in gold.items():
            g = set((x[0], x[1], x[2]) for x in spans if x[0] in ('PER', 'ORG', 'LOC'))
            p = pred.get(did, set())
            if t != 'ALL':
                g = set(x for x in g if x[0] == t)
                p = set(x for x in p if x[0] == t)
            tp += len(g & p); fp += len(p - g); fn += len(g - p)
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        rows[t] = (P, R, F, tp + fn)
    print('%-28s' % label + '  '.join('%s P %.3f R %.3f F1 %.3f (gold %d)' % ((t,) + rows[t])
                                      for t in ('PER', 'ORG', 'LOC', 'ALL')))


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'polnear-in':
        polnear_in(sys.argv[2], sys.argv[3])
    elif cmd == 'polnear-out':
        polnear_out(sys.argv[2], sys.argv[3])
    elif cmd == 'wikigold-in':
        wikigold_in(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'ner-score':
        ner_score(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else 'chorus')
    else:
        sys.exit('unknown command ' + cmd)
