/*
 * wire.h: the byte forms the distributed run (src/scale) keeps in Redis.
 *
 * A record (what submit read: payload, raw input, container metadata), an
 * analysed article (what a worker made of it: the fields the store keeps and
 * the copies fingerprint) and an applied entry (what the stream stages did
 * with it: its row, id, copy relations and story state). Little-endian
 * integers, strings as a 32-bit length (0xffffffff for NULL) and bytes.
 * Readers check every length against the end: a damaged value is refused,
 * never read past.
 */
#ifndef CX_WIRE_H
#define CX_WIRE_H
#include <stddef.h>
#include <stdint.h>

#include "cluster/cluster.h"
#include "core/article.h"
#include "ingest/ingest.h"
#include "util/buf.h"

/* Writers: 1, or 0 when out of memory. */
int cx_wire_record(cx_buf *b, const cx_record *rec);
int cx_wire_article(cx_buf *b, const cx_article *a);

/* A record read back; its strings point into the value given (keep it). */
int cx_wire_record_read(const char *p, size_t n, cx_record *rec);
/* An article read back into a new article (its own arena); NULL on a bad
 * value or out of memory. */
cx_article *cx_wire_article_read(const char *p, size_t n);

/* What the stream stages did with one sequence number. */
enum { CX_AP_REJECTED = 0, CX_AP_STORED = 1, CX_AP_KNOWN = 2 };
typedef struct cx_ap_edge {
    int64_t a, b;
    int kind;
    double similarity;
    uint32_t aligned;
    const char *pairs; /* NULL when none */
} cx_ap_edge;
typedef struct cx_applied {
    int what;          /* CX_AP_* */
    int64_t row;       /* store row (stored or known) */
    const char *id;    /* the id it was stored under */
    int64_t story;
    size_t n_edges;
    cx_ap_edge *edges;
    int has_state;
    cx_story_state state;
    /* the merge pass's merges after it (cx_wire_merge records, in order) */
    uint32_t n_merges;
    const char *merges;
    size_t merges_len;
} cx_applied;
/* One merge of the stories stage's merge pass: story from joined into, with
 * into's state after it (st NULL when none), appended to b. */
int cx_wire_merge(cx_buf *b, int64_t from, int64_t into, const cx_story_state *st);
/* Reads the next merge record of [*p, end); pointers point into it. 1 on
 * success, 0 when damaged. */
int cx_wire_merge_next(const char **p, const char *end, int64_t *from, int64_t *into, int *has_state,
                       cx_story_state *st);
int cx_wire_applied(cx_buf *b, const cx_applied *ap);
/* Reads into *ap; strings point into p; edges are malloc'd (cx_free). */
int cx_wire_applied_read(const char *p, size_t n, cx_applied *ap);

#endif
