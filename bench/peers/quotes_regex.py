#!/usr/bin/env python3
"""quotes_regex.py: the regular-expression floor for bench/quotes.sh.

  quotes_regex.py GOLD.jsonl OUT.jsonl

What a few regular expressions find, in score_quotes.py's prediction format
(char offsets): every span between double quotation marks (straight or curly)
of two words or more, with its speaker taken from a reporting verb and a
capitalised name or pronoun right after the closing mark (", said Jane Roe",
", she said", ", Roe said"); and every "NAME/PRONOUN said|says|told ... that
CLAUSE." as an indirect quote. No entities, no resolution: the floor a C
engine must clear.
"""
import json, re, sys

VERBS = r"(?:said|says|told|added|asked|wrote|tweeted|explained|continued|noted|argued|insisted|stated)"
NAME = r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|he|she|they|He|She|They)"
QUOTE = re.compile(r'[“"]([^“”"\n]{3,}?)[”"]')
AFTER_VN = re.compile(r'\s*,?\s*' + VERBS + r'\s+(' + NAME + r')')
AFTER_NV = re.compile(r'\s*,?\s*(' + NAME + r')\s+' + VERBS + r'\b')
INDIRECT = re.compile(r'(' + NAME + r')\s+' + VERBS + r'(?:\s+\w+)?\s+(that\s+[^.\n“”"]+)')


def run(gold, out):
    with open(out, 'w', encoding='utf-8') as f:
        for ln in open(gold, encoding='utf-8'):
            d = json.loads(ln)
            t = d['text']
            ats = []
            for m in QUOTE.finditer(t):
                if len(m.group(1).split()) < 2:
                    continue
                at = {'content': [[m.start(), m.end()]]}
                rest = t[m.end():m.end() + 80]
                a = AFTER_VN.match(rest) or AFTER_NV.match(rest)
                if a:
                    at['source'] = [[m.end() + a.start(1), m.end() + a.end(1)]]
                    at['speaker'] = a.group(1)
                ats.append(at)
            for m in INDIRECT.finditer(t):
                ats.append({'content': [[m.start(2), m.end(2)]], 'source': [[m.start(1), m.end(1)]],
                            'speaker': m.group(1)})
            f.write(json.dumps({'doc': d['doc'], 'offset_unit': 'char', 'attributions': ats}) + '\n')


if __name__ == '__main__':
    run(sys.argv[1], sys.argv[2])
