#!/usr/bin/env python3
"""Build samples/crawl.warc.gz from the HTML pages in tools/sample-warc/warc-src/.

Standard library only. The output is deterministic: fixed record ids, fixed
dates and gzip members written with mtime=0, so running the script twice gives
byte-identical files.

Layout of the output (one gzip member per record, members concatenated):

  1. warcinfo
  2. request   for the first page (a crawler artefact; readers should skip it)
  3. response  01-harbourherald-quayside-collapse.html
  4. response  02-harbourherald-quayside-inquiry.html

Usage:  python3 tools/sample-warc/make_warc.py            (writes samples/crawl.warc.gz)
        python3 tools/sample-warc/make_warc.py --verify   (also re-reads and checks it)
"""

import base64
import gzip
import hashlib
import io
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "warc-src")
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "samples", "crawl.warc.gz"))

# (source file, target URI, WARC-Date, response record id)
PAGES = [
    (
        "01-harbourherald-quayside-collapse.html",
        "https://harbourherald.example/news/2025/03/10/quayside-ferry-ramp-collapse-fourteen-treated",
        "2025-03-11T08:00:00Z",
        "Tue, 11 Mar 2025 08:00:00 GMT",
        "urn:uuid:6f1c2a10-0c1e-4b6e-9a51-3d2f7b1a0001",
    ),
    (
        "02-harbourherald-quayside-inquiry.html",
        "https://harbourherald.example/news/2025/10/14/quayside-inquiry-inspection-did-take-place",
        "2025-10-15T06:00:00Z",
        "Wed, 15 Oct 2025 06:00:00 GMT",
        "urn:uuid:6f1c2a10-0c1e-4b6e-9a51-3d2f7b1a0002",
    ),
]

WARCINFO_ID = "urn:uuid:6f1c2a10-0c1e-4b6e-9a51-3d2f7b1a0000"
REQUEST_ID = "urn:uuid:6f1c2a10-0c1e-4b6e-9a51-3d2f7b1a00a1"
WARC_FILENAME = "crawl.warc.gz"


def block_digest(block: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode("ascii")


def record(headers, block: bytes) -> bytes:
    """Serialise one WARC/1.1 record (uncompressed)."""
    lines = ["WARC/1.1"]
    for name, value in headers:
        lines.append(f"{name}: {value}")
    lines.append(f"WARC-Block-Digest: {block_digest(block)}")
    lines.append(f"Content-Length: {len(block)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def gz_member(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as g:
        g.write(data)
    return buf.getvalue()


def build() -> bytes:
    members = []

    info = (
        "software: chorus-samples make_warc.py\r\n"
        "format: WARC File Format 1.1\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        "description: Sample crawl for the chorus test corpus (fictional sites)\r\n"
        "operator: chorus sample corpus\r\n"
        "robots: obey\r\n"
    ).encode("utf-8")
    members.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", f"<{WARCINFO_ID}>"),
        ("WARC-Date", "2025-03-11T08:00:00Z"),
        ("WARC-Filename", WARC_FILENAME),
        ("Content-Type", "application/warc-fields"),
    ], info))

    for i, (name, uri, warc_date, http_date, rec_id) in enumerate(PAGES):
        with open(os.path.join(SRC, name), "rb") as f:
            body = f.read()
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]

        if i == 0:
            req = (
                f"GET {path} HTTP/1.1\r\n"
                f"Host: {host}\r\n"
                "User-Agent: chorus-sample-crawler/0.1 (+https://crawler.example/about)\r\n"
                "Accept: text/html,application/xhtml+xml\r\n"
                "Accept-Encoding: identity\r\n"
                "\r\n"
            ).encode("ascii")
            members.append(record([
                ("WARC-Type", "request"),
                ("WARC-Record-ID", f"<{REQUEST_ID}>"),
                ("WARC-Date", warc_date),
                ("WARC-Target-URI", uri),
                ("WARC-Concurrent-To", f"<{rec_id}>"),
                ("WARC-Warcinfo-ID", f"<{WARCINFO_ID}>"),
                ("Content-Type", "application/http;msgtype=request"),
            ], req))

        http_head = (
            "HTTP/1.1 200 OK\r\n"
            f"Date: {http_date}\r\n"
            "Server: nginx\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Cache-Control: max-age=300\r\n"
            "Connection: close\r\n"
            "\r\n"
        ).encode("ascii")
        block = http_head + body
        members.append(record([
            ("WARC-Type", "response"),
            ("WARC-Record-ID", f"<{rec_id}>"),
            ("WARC-Date", warc_date),
            ("WARC-Target-URI", uri),
            ("WARC-IP-Address", "192.0.2.10"),
            ("WARC-Warcinfo-ID", f"<{WARCINFO_ID}>"),
            ("WARC-Payload-Digest", block_digest(body)),
            ("Content-Type", "application/http;msgtype=response"),
        ], block))

    return b"".join(gz_member(m) for m in members)


def split_members(data: bytes):
    """Decompress concatenated gzip members one by one."""
    out = []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data) + d.flush())
        data = d.unused_data
    return out


def verify(path: str) -> None:
    with open(path, "rb") as f:
        raw = f.read()
    members = split_members(raw)
    types = []
    for n, rec in enumerate(members, 1):
        head, sep, rest = rec.partition(b"\r\n\r\n")
        assert sep, f"record {n}: no header terminator"
        lines = head.decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.1", f"record {n}: bad version line {lines[0]!r}"
        fields = dict(l.split(": ", 1) for l in lines[1:])
        length = int(fields["Content-Length"])
        block = rest[:length]
        assert len(block) == length, f"record {n}: block shorter than Content-Length"
        assert rest[length:] == b"\r\n\r\n", f"record {n}: bad record trailer"
        assert fields["WARC-Block-Digest"] == block_digest(block), f"record {n}: digest"
        if fields["WARC-Type"] == "response":
            hh, _, body = block.partition(b"\r\n\r\n")
            hl = dict(l.split(": ", 1) for l in hh.decode("ascii").split("\r\n")[1:])
            assert int(hl["Content-Length"]) == len(body), f"record {n}: HTTP Content-Length"
        types.append((fields["WARC-Type"], length))
    print(f"{path}: {len(members)} records OK: {types}")


def main() -> None:
    data = build()
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    if "--verify" in sys.argv:
        verify(OUT)


if __name__ == "__main__":
    main()
