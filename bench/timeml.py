#!/usr/bin/python3
"""bench/timeml.py: TimeML <-> chorus JSON Lines for bench/time.sh.

  timeml.py input GOLD_DIR OUT.jsonl
      one record per *.tml: {"id", "text", "published"}; text is the document's
      <TEXT> with its tags removed and entities decoded (what the scorer
      compares offsets in), published its creation time (the DCT value).
  timeml.py output CHORUS.jsonl GOLD_DIR OUT_DIR
      one OUT_DIR/<id>.tml per article (the id of the input line the article's
      "input" names: a store may give a repeated text an earlier article's id): the DCT and the same text with a
      TIMEX3 tag around each dates[] entry (byte offsets into the body turned
      into character offsets).
The text is rebuilt the scorer's way (score_timex.py parse_tml), so offsets
agree with the gold files.
"""
import glob
import html
import json
import os
import re
import sys

TAG = re.compile(r'<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>')


def strip_text(raw):
    m = re.search(r'<TEXT>(.*)</TEXT>', raw, re.S)
    body = m.group(1) if m else ''
    out, pos = [], 0
    for t in TAG.finditer(body):
        out.append(html.unescape(body[pos:t.start()]))
        pos = t.end()
    out.append(html.unescape(body[pos:]))
    return ''.join(out)


def dct_of(raw):
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if not m:
        return None
    v = re.search(r'value="([^"]*)"', m.group(0))
    return v.group(1) if v else None


def base(path):
    return os.path.basename(path)[:-4]


def cmd_input(gold_dir, out_path):
    n = 0
    with open(out_path, 'w', encoding='utf-8') as out:
        for f in sorted(glob.glob(os.path.join(gold_dir, '*.tml'))):
            raw = open(f, encoding='utf-8').read()
            rec = {'id': base(f), 'text': strip_text(raw), 'language': 'en'}
            d = dct_of(raw)
            if d:
                rec['published'] = d
            out.write(json.dumps(rec, ensure_ascii=False) + '\n')
            n += 1
    return n


def write_tml(path, dct, text, tags):
    parts, pos = [], 0
    for k, (s, e, typ, val) in enumerate(sorted(tags)):
        if s < pos:
            continue  # never nest: the scorer's stack would pair them wrongly
        parts.append(html.escape(text[pos:s], quote=False))
        parts.append('<TIMEX3 tid="t%d" type="%s" value="%s">' % (k + 1, typ, html.escape(val)))
        parts.append(html.escape(text[s:e], quote=False))
        parts.append('</TIMEX3>')
        pos = e
    parts.append(html.escape(text[pos:], quote=False))
    dctag = ('<DCT><TIMEX3 tid="t0" type="DATE" value="%s" functionInDocument="CREATION_TIME">'
             '%s</TIMEX3></DCT>\n' % (dct, dct)) if dct else ''
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" ?>\n<TimeML>\n' + dctag + '<TEXT>' + ''.join(parts) + '</TEXT>\n</TimeML>\n')


def cmd_output(chorus_jsonl, gold_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(base(f) for f in glob.glob(os.path.join(gold_dir, '*.tml')))
    n = 0
    for line in open(chorus_jsonl, encoding='utf-8'):
        a = json.loads(line)
        a['id'] = names[int(a['input'].rsplit(':', 1)[1]) - 1]
        body = a['body']
        # byte offset -> character offset
        b2c, b = {}, 0
        for ci, ch in enumerate(body):
            b2c[b] = ci
            b += len(ch.encode('utf-8'))
        b2c[b] = len(body)
        tags = [(b2c[d['start']], b2c[d['end']], d['type'], d['value']) for d in a.get('dates', [])]
        raw = open(os.path.join(gold_dir, a['id'] + '.tml'), encoding='utf-8').read()
        write_tml(os.path.join(out_dir, a['id'] + '.tml'), dct_of(raw), body, tags)
        n += 1
    return n


def main(argv):
    if len(argv) == 4 and argv[1] == 'input':
        print(cmd_input(argv[2], argv[3]))
        return 0
    if len(argv) == 5 and argv[1] == 'output':
        print(cmd_output(argv[2], argv[3], argv[4]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
