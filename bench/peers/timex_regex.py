#!/usr/bin/python3
"""bench/peers/timex_regex.py: a small regular-expression TIMEX3 tagger, the
peer bench/time.sh runs beside chorus.

  timex_regex.py IN.jsonl GOLD_DIR OUT_DIR

IN.jsonl is bench/timeml.py's input form ({"id", "text", "published"}); one
OUT_DIR/<id>.tml is written per record (the same TimeML form as chorus's).
What it knows, in the spirit of the regex baselines of TempEval: month-name
dates with or without day and year, years, decades, weekdays (the most recent
one on or before the publication date), today/yesterday/tomorrow/tonight,
now/recently, "N units ago", "last/this/next unit|weekday|month", "N units"
and "N-unit" durations, "every/each unit" and daily/weekly/monthly sets,
clock times. No tense, no anaphora, no quarters. Python standard library only.
"""
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import timeml  # noqa: E402

MONTHS = {m: i + 1 for i, m in enumerate(
    'january february march april may june july august september october november december'.split())}
for k, v in list(MONTHS.items()):
    MONTHS[k[:3]] = v
MONTHS['sept'] = 9
WDAYS = {d: i for i, d in enumerate('monday tuesday wednesday thursday friday saturday sunday'.split())}
NUMS = {w: i + 1 for i, w in enumerate('one two three four five six seven eight nine ten eleven twelve'.split())}
NUMS.update({'a': 1, 'an': 1, 'twenty': 20, 'thirty': 30, 'fifty': 50, 'hundred': 100})
UNITS = {'day': 'D', 'week': 'W', 'month': 'M', 'year': 'Y', 'hour': 'H', 'minute': 'M', 'decade': 'DE'}

MON = r'(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|' \
      r'August|September|October|November|December'
NUM = r'(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred)'
UNIT = r'(?:day|week|month|year|hour|minute|decade)s?'
WD = r'(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
PATTERNS = [
    ('date_mdy', r'\b(' + MON + r')\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*(\d{4}))?\b'),
    ('date_my', r'\b(' + MON + r')\s+(?:of\s+)?(\d{4})\b'),
    ('time', r'\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?'),
    ('ago', r'\b(' + NUM + r')\s+(' + UNIT + r')\s+ago\b'),
    ('rel', r'\b(last|this|next)\s+(' + UNIT + r'|' + WD + r'|' + MON + r')\b'),
    ('set', r'\b(?:every|each)\s+(' + UNIT + r'|' + WD + r')\b|\b(daily|weekly|monthly)\b'),
    ('dur', r'\b(' + NUM + r')[\s-](' + UNIT + r')\b'),
    ('month', r'\b(?:in|since|until|by|of|early|late|last|next)\s+(' + MON + r')\b(?!\s+\d)'),
    ('wd', r'\b(' + WD + r')\b'),
    ('deictic', r'\b([Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Nn]ow|[Rr]ecently|[Cc]urrently)\b'),
    ('decade', r'\b(?:the\s+)?(\d{3})0s\b'),
    ('year', r'\b(1[89]\d\d|20\d\d)\b'),
]
RX = re.compile('|'.join('(?P<%s>%s)' % (n, p) for n, p in PATTERNS))


def month_of(s):
    return MONTHS.get(s.lower().rstrip('.'), 0)


def num_of(s):
    return int(s) if s.isdigit() else NUMS.get(s.lower(), 1)


def value(kind, m, dct):
    g = [x for x in m.groups() if x is not None]
    t = m.group(0)
    if kind == 'date_mdy':
        mo, d = month_of(g[1]), int(g[2])
        y = int(g[3]) if len(g) > 3 else (dct.year if dct else None)
        return 'DATE', '%s-%02d-%02d' % (y or 'XXXX', mo, d)
    if kind == 'date_my':
        return 'DATE', '%s-%02d' % (g[2], month_of(g[1]))
    if kind == 'month':
        return 'DATE', '%s-%02d' % (dct.year if dct else 'XXXX', month_of(g[1]))
    if kind == 'year':
        return 'DATE', t
    if kind == 'decade':
        return 'DATE', g[1]
    if kind == 'time':
        h = int(g[1]) % 12 + (12 if t.lower().rstrip('. ').endswith('p.m') or 'p' in t.lower() else 0)
        mi = int(m.group(m.re.groupindex['time'] + 2) or 0)
        return 'TIME', '%sT%02d:%02d' % (dct.isoformat() if dct else 'XXXX-XX-XX', h, mi)
    if kind == 'deictic':
        w = t.lower()
        if w in ('now', 'currently'):
            return 'DATE', 'PRESENT_REF'
        if w == 'recently':
            return 'DATE', 'PAST_REF'
        if not dct:
            return 'DATE', 'XXXX-XX-XX'
        d = dct + datetime.timedelta(days={'yesterday': -1, 'tomorrow': 1}.get(w, 0))
        return ('TIME', d.isoformat() + 'TNI') if w == 'tonight' else ('DATE', d.isoformat())
    if kind == 'wd':
        if not dct:
            return 'DATE', 'XXXX-WXX-%d' % (WDAYS[t.lower()] + 1)
        back = (dct.weekday() - WDAYS[t.lower()]) % 7
        return 'DATE', (dct - datetime.timedelta(days=back)).isoformat()
    if kind in ('ago', 'rel'):
        n = -num_of(g[1]) if kind == 'ago' else {'last': -1, 'this': 0, 'next': 1}[g[1].lower()]
        u = g[2].lower().rstrip('s')
        if not dct:
            return 'DATE', 'XXXX'
        if u in WDAYS:
            d = dct + datetime.timedelta(days=(WDAYS[u] - dct.weekday()) + 7 * n)
            return 'DATE', d.isoformat()
        if month_of(u):
            return 'DATE', '%d-%02d' % (dct.year + n, month_of(u))
        if u == 'day':
            return 'DATE', (dct + datetime.timedelta(days=n)).isoformat()
        if u == 'week':
            y, w, _ = (dct + datetime.timedelta(weeks=n)).isocalendar()
            return 'DATE', '%d-W%02d' % (y, w)
        if u == 'month':
            k = dct.year * 12 + dct.month - 1 + n
            return 'DATE', '%d-%02d' % (k // 12, k % 12 + 1)
        if u == 'year':
            return 'DATE', str(dct.year + n)
        return 'DATE', 'PAST_REF' if n < 0 else 'PRESENT_REF'
    if kind == 'dur':
        u = g[2].lower().rstrip('s')
        code = UNITS[u]
        return 'DURATION', ('PT%d%s' if u in ('hour', 'minute') else 'P%d%s') % (num_of(g[1]), code)
    if kind == 'set':
        w = t.lower().split()[-1].rstrip('s')
        if w in WDAYS:
            return 'SET', 'XXXX-WXX-%d' % (WDAYS[w] + 1)
        code = {'daily': 'D', 'weekly': 'W', 'monthly': 'M'}.get(w) or UNITS.get(w, 'D')
        return 'SET', 'P1' + code
    return 'DATE', 'XXXX'


def tag(text, dct):
    out = []
    for m in RX.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == 'month':  # the preposition or modifier is not part of it
            s = m.start(m.re.groupindex['month'] + 1)
        typ, val = value(kind, m, dct)
        out.append((s, e, typ, val))
    return out


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    os.makedirs(argv[3], exist_ok=True)
    n = 0
    for line in open(argv[1], encoding='utf-8'):
        rec = json.loads(line)
        pub = rec.get('published')
        dct = datetime.date.fromisoformat(pub[:10]) if pub and len(pub) >= 10 else None
        timeml.write_tml(os.path.join(argv[3], rec['id'] + '.tml'), pub, rec['text'], tag(rec['text'], dct))
        n += 1
    print(n)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
