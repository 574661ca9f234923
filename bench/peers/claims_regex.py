#!/usr/bin/env python3
"""claims_regex.py: the cue-word regex floor for bench/claims.sh (stdlib only).

  claims_regex.py scu GOLD.jsonl OUT.jsonl   sentences with an attribution cue word, typed by the
                                             words before or after the cue
  claims_regex.py stances TSV OUT.json       one stance per sentence from a cue-word regex, in the
                                             chorus output shape (articles fx000.. with statements)

What a newsroom tool would do without parsing: split sentences on end marks, look for
"said", "says", "told", "according to", "reported" and the like; stances from their best-known
words ("denied", "declined to comment", "has not independently verified", "found ... unfounded").
"""
import json, re, sys

SENT = re.compile(r'[^.!?\n]+(?:[.!?]+["\u201d\u2019]?|\n|$)')
CUE = re.compile(r'\b(said|says|say|told|according to|reported|reports|wrote|stated|added|explained|noted|'
                 r'argued|claimed|announced|estimated|found|shows|showed)\b', re.I)
ANON = re.compile(r'\b(sources?|familiar with|anonymity|not authori[sz]ed|people close to)\b', re.I)
GROUP = re.compile(r'\b(officials|police|residents|experts|analysts|researchers|witnesses|people|critics)\b', re.I)
DOC = re.compile(r'\b(report|filings?|documents?|records?|data|survey|poll|study|lawsuit|letter|memo)\b', re.I)
NAME = re.compile(r'\b[A-Z][a-z]+ [A-Z][a-z]+\b')


def scu(gold, out):
    with open(out, 'w', encoding='utf-8') as f:
        for ln in open(gold, encoding='utf-8'):
            d = json.loads(ln)
            t = d['text']
            st = []
            for m in SENT.finditer(t):
                s = m.group(0)
                c = CUE.search(s)
                if not c:
                    continue
                if ANON.search(s):
                    ty = 'Anonymous Source'
                elif DOC.search(s[:c.start()]) and c.group(1).lower() in ('found', 'shows', 'showed', 'according to'):
                    ty = 'Document'
                elif GROUP.search(s):
                    ty = 'Unnamed Group of People'
                elif NAME.search(s):
                    ty = 'Named Person'
                else:
                    ty = 'Named Organization'
                nm = NAME.search(s)
                st.append({'span': [m.start(), m.end()], 'type': ty, 'name': nm.group(0) if nm else ''})
            f.write(json.dumps({'id': d['id'], 'offset_unit': 'char', 'statements': st}) + '\n')


PATTERNS = [
    ('ruling', re.compile(r'\b(found|concluded|ruled)\b.*\b(unfounded|false|baseless|true|accurate|lawful)\b|'
                          r'earlier version of this', re.I)),
    ('disclaimer', re.compile(r'\bnot (been )?(independently )?(able to )?(verif|confirm)', re.I)),
    ('no_comment', re.compile(r'declined to comment|did not respond|could not be reached|would not comment|'
                              r'no comment', re.I)),
    ('denial', re.compile(r'\b(denied|denies|deny)\b|\bbaseless\b|\bnot true\b', re.I)),
]


def stances(tsv, out):
    arts = []
    i = 0
    for ln in open(tsv, encoding='utf-8'):
        ln = ln.rstrip('\n')
        if not ln or ln.startswith('#'):
            continue
        text = ln.split('\t', 1)[1]
        st = []
        for name, rx in PATTERNS:
            if rx.search(text):
                st.append({'stance': name})
                break
        arts.append({'id': 'fx%03d' % i, 'statements': st})
        i += 1
    json.dump({'articles': arts}, open(out, 'w', encoding='utf-8'))


if __name__ == '__main__':
    {'scu': scu, 'stances': stances}[sys.argv[1]](sys.argv[2], sys.argv[3])
