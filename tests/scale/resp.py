#!/usr/bin/env python3
"""A minimal binary-safe Redis client for the tests (redis-cli cannot pass a
stream entry's binary fields on): `resp.py PORT COMMAND ARG...` prints the
reply as JSON (bytes as latin-1 text); `resp.py PORT --save-first STREAM
FILE` saves the first entry's fields to FILE, `--readd STREAM FILE` adds
them back as a new entry."""
import json
import socket
import sys


def cmd(sock, f, *args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    sock.sendall(b"".join(parts))
    return read(f)


def read(f):
    line = f.readline()
    t, rest = line[:1], line[1:-2]
    if t == b"+":
        return rest.decode()
    if t == b"-":
        raise RuntimeError(rest.decode())
    if t == b":":
        return int(rest)
    if t == b"$":
        n = int(rest)
        if n < 0:
            return None
        data = f.read(n + 2)[:-2]
        return data
    if t == b"*":
        n = int(rest)
        return None if n < 0 else [read(f) for _ in range(n)]
    raise RuntimeError("bad reply %r" % line)


def conv(x):
    if isinstance(x, bytes):
        return x.decode("latin-1")
    if isinstance(x, list):
        return [conv(y) for y in x]
    return x


port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
f = s.makefile("rb")
if sys.argv[2] == "--save-first":
    r = cmd(s, f, "XRANGE", sys.argv[3], "-", "+", "COUNT", "1")
    json.dump(conv(r[0][1]), open(sys.argv[4], "w"))
elif sys.argv[2] == "--readd":
    fields = [x.encode("latin-1") for x in json.load(open(sys.argv[4]))]
    print(conv(cmd(s, f, "XADD", sys.argv[3], "*", *fields)))
else:
    print(json.dumps(conv(cmd(s, f, *sys.argv[2:]))))
