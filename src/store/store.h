/*
 * store.h: the SQLite store (stage "store").
 *
 * In:  analysed articles, a batch at a time, each batch one transaction, so a
 *      kill at any moment leaves the database as it was after the last
 *      committed batch and a rerun completes the rest without duplicates.
 * Out: whether an article is already known (same normalised URL; or, for an
 *      article without a URL, same outlet and normalised body), and every
 *      stored article back, in the order it was added, for `chorus show`.
 *
 * The schema is versioned in table meta (key 'schema'); docs/schema.md
 * describes the tables. WAL journal, synchronous=NORMAL.
 */
#ifndef CX_STORE_H
#define CX_STORE_H
#include "cluster/cluster.h"
#include "core/article.h"

typedef struct cx_store cx_store;

/* Opens or creates the store at path (":memory:" for none kept). NULL with
 * err filled on failure. */
cx_store *cx_store_open(const char *path, char *err, size_t errlen);
void cx_store_close(cx_store *s);
/* The message of the last failure. */
const char *cx_store_errmsg(const cx_store *s);

int cx_store_begin(cx_store *s);
int cx_store_commit(cx_store *s);
void cx_store_rollback(cx_store *s);

/* 1 and *id (copied into the article's arena) when the store has the article,
 * 0 when it has not, -1 on failure. */
int cx_store_find(cx_store *s, cx_article *a, char **id);
/* 1 when some stored article has this id, 0 when none, -1 on failure. */
int cx_store_id_taken(cx_store *s, const char *id);
/* Adds the article (and its raw input when keep_raw); its row number goes to
 * *seq. 1 on success. */
int cx_store_put(cx_store *s, const cx_article *a, int keep_raw, int64_t *seq);
/* Compresses the article's raw input ahead of cx_store_put (any thread: it
 * touches only the article). 0 when out of memory. */
int cx_store_compress_raw(cx_article *a);
/* The row number of a stored article by id; 0 when absent, -1 on failure. */
int64_t cx_store_seq(cx_store *s, const char *id);

/* ---- the copies stage ---- */
struct cx_fingerprint;
/* Stores an article's fingerprint (MinHash, keys, sentence signatures). */
int cx_store_fp_put(cx_store *s, int64_t seq, const struct cx_fingerprint *fp);
/* Calls fn for the last `limit` stored fingerprints, oldest first (to refill
 * the in-memory index). fn returns 0 to fail. 1 on success. */
int cx_store_fp_each(cx_store *s, size_t limit,
                     int (*fn)(void *ctx, int64_t seq, const struct cx_fingerprint *fp), void *ctx);
/* Records a copy relation between two stored articles (either order), with
 * the aligned sentence count and, for rewrites, the pairs as JSON text
 * ([[sentence of the lower row, sentence of the higher row], ...]) or NULL. */
int cx_store_edge_put(cx_store *s, int64_t a, int64_t b, int kind, double similarity, uint32_t aligned,
                      const char *pairs);

/* One copy relation with what the origin choice needs of both ends. */
typedef struct cx_copy_edge {
    int64_t a, b; /* a < b */
    int kind;
    double similarity;
    uint32_t aligned;
    char *pairs;  /* JSON text or NULL; pairs are (a's sentence, b's sentence) */
} cx_copy_edge;
typedef struct cx_copy_member {
    int64_t seq;
    char *id, *outlet, *credit;
    int64_t published; /* epoch seconds; INT64_MAX when unknown */
    int64_t length;    /* body bytes */
} cx_copy_member;
/* Every stored copy relation, and the articles they join (malloc'd arrays and
 * strings; free with cx_store_copies_free). 1 on success. */
int cx_store_copies(cx_store *s, cx_copy_edge **edges, size_t *n_edges, cx_copy_member **members,
                    size_t *n_members);
void cx_store_copies_free(cx_copy_edge *edges, size_t n_edges, cx_copy_member *members, size_t n_members);
/* ---- the stories stage ---- */
/* Records that article row seq belongs to story. 1 on success. */
int cx_store_story_put(cx_store *s, int64_t seq, int64_t story);
/* The merge pass joined story from into story into: from's articles move
 * to into and from's row goes (into's state is saved apart). 1 on success. */
int cx_store_story_merge(cx_store *s, int64_t from, int64_t into);
/* The story of article row seq: 0 when none, -1 on failure. */
int64_t cx_store_story_of(cx_store *s, int64_t seq);
/* Writes (or replaces) a story's state. 1 on success. */
int cx_store_story_save(cx_store *s, const cx_story_state *st);
/* Calls fn for the `limit` stories of highest id (the most recent), to
 * refill the clustering state; fn returns 0 to fail. 1 on success. */
int cx_store_story_each(cx_store *s, size_t limit, int (*fn)(void *ctx, const cx_story_state *st),
                        void *ctx);
/* The stories that hold any of the article rows only[0..n_only) (all stories
 * when only is NULL), by id, each with its articles in row order, the first
 * and last publication and the distinct outlets. Free with
 * cx_store_stories_free. 1 on success. */
int cx_store_stories(cx_store *s, const int64_t *only, size_t n_only, cx_story_out **out, size_t *n);
void cx_store_stories_free(cx_story_out *st, size_t n);
/* Story id alone, as cx_store_stories: *n is 0 when there is no such story. */
int cx_store_story(cx_store *s, int64_t id, cx_story_out **out, size_t *n);

/* Calls fn for every stored article in insertion order, with its row and
 * story (fn owns nothing: the article is freed after fn returns). Stops when fn returns non-zero.
 * Returns 1 on success, 0 on a store failure, -1 when fn stopped it. */
int cx_store_each(cx_store *s, int (*fn)(void *ctx, cx_article *a), void *ctx);
/* Calls fn for each article of a story, in row order; fn takes ownership of
 * the article (frees it or keeps it). Returns as cx_store_each. */
int cx_store_story_articles(cx_store *s, int64_t story, int (*fn)(void *ctx, cx_article *a), void *ctx);
/* Calls fn for the article of that id (not at all when there is none); fn
 * takes ownership. Returns as cx_store_each. */
int cx_store_article_by_id(cx_store *s, const char *id, int (*fn)(void *ctx, cx_article *a), void *ctx);

/* ---- search (src/store/search.c): an FTS5 index of titles, bodies, quotes
 * and speakers, one row per article (rowid = its seq) ---- */
/* Indexes an article just stored (its quotes when analysed). 1 on success.
 * Call it for a transaction's articles after its other writes: FTS5 flushes
 * its pending terms at every statement savepoint (INSERT OR REPLACE takes
 * one), so indexing between other writes turns each article into an index
 * segment of its own, at many times the cost. */
int cx_store_fts_put(cx_store *s, int64_t seq, const cx_article *a);
/* 1 when articles stored before schema 3 still need their quotes indexed
 * (cx_store_fts_quotes for each, then cx_store_fts_done), 0 when not. */
int cx_store_fts_pending(cx_store *s);
int cx_store_fts_quotes(cx_store *s, int64_t seq, const cx_article *a);
int cx_store_fts_done(cx_store *s);
/* One search hit (strings malloc'd; free with cx_store_hits_free). */
typedef struct cx_search_hit {
    char *id, *title, *outlet, *published, *snippet;
    int64_t story; /* 0 when none */
    double score;  /* bm25: lower is better */
} cx_search_hit;
/* Articles matching every word of query (free text: words are matched as
 * terms, a trailing '*' as a prefix), best first, at most limit. 1 on
 * success (0 hits included), 0 on a store failure. */
int cx_store_search(cx_store *s, const char *query, size_t limit, cx_search_hit **hits, size_t *n);
void cx_store_hits_free(cx_search_hit *hits, size_t n);

/* For the store's own modules: the connection and the message buffer. */
struct sqlite3;
struct sqlite3_stmt;
struct sqlite3 *cx_store_db(cx_store *s);
struct sqlite3_stmt *cx_store_fts_put_stmt(cx_store *s);
char *cx_store_errbuf(cx_store *s, size_t *len);

#endif
