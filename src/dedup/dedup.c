/*
 * dedup.c: fingerprints and copy kinds (see dedup.h).
 *
 * The sketch is one-permutation MinHash with rotation densification (Li, Owen
 * and Zhang 2012; Shrivastava 2017): each shingle hashes once, its top 7 bits
 * pick one of 128 bins and the rest compete for that bin's minimum; empty bins
 * borrow from the next filled one. One hash per shingle instead of 128 keeps
 * fingerprinting far cheaper than classic MinHash at the same accuracy.
 *
 * The index keys are bottom-k samples (the k smallest hashes) rather than LSH
 * bands: two texts share a key as soon as one of the few smallest shingles of
 * their union is in both, which finds a copy that keeps a third of its origin
 * (Jaccard 0.3) nearly always, where bands of 4 rows would find it one time in
 * three, and costs 12 keys per article instead of 32.
 */
#include "dedup/dedup.h"
#include "util/buf.h"
#include "util/str.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
/* XXH3 inlined: long words hash without a call through the shared library
 * (the same function, the same values). */
#define XXH_INLINE_ALL
#include <xxhash.h>

/* A word's bytes for hashing: ASCII letters lower-cased, the typographic
 * apostrophe (U+2019) made a straight one, other bytes as they are. Case
 * folding beyond ASCII (utf8proc) would cost forty times more per word and
 * matters little here: a copy keeps its words' case. At most cap bytes are
 * written; returns the length used. */
static inline uint64_t load64(const char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void store64(char *s, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(s, &v, 8);
}

#define ONES 0x0101010101010101ull
/* Eight bytes with their ASCII capitals lowered, in the register (SWAR): a
 * byte gets 0x20 when it lies in 'A'..'Z'. Only for ASCII bytes (a byte with
 * its high bit set could carry into the next): the callers send other words
 * down the byte path. */
static inline uint64_t lower8(uint64_t v)
{
    uint64_t upper = (v + (0x80 - 'A') * ONES) & ~(v + (0x80 - 'Z' - 1) * ONES) & (0x80 * ONES);
    return v | (upper >> 2);
}

static size_t word_key(const char *s, size_t n, char *out, size_t cap)
{
    if (n > cap)
        n = cap;
    uint64_t high = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { /* the common case: ASCII, eight bytes at a time */
        uint64_t v = load64(s + i);
        high |= v;
        store64(out + i, lower8(v & ~(0x80 * ONES))); /* redone below if not ASCII */
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        high |= c;
        out[i] = (char)(c | (((unsigned)(c - 'A') < 26u) << 5));
    }
    if (!(high & (0x80 * ONES)))
        return n;
    size_t k = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            out[k++] = '\'';
            i += 2;
        } else {
            out[k++] = cx_lower((char)c);
        }
    }
    return k;
}

/* 1 when t[i..k) starts "with files from " or "this report by " (any case). */
static int credit_at(const char *t, size_t i, size_t k)
{
    char c = cx_lower(t[i]);
    return (c == 'w' && k - i >= 16 && cx_ascii_ncaseeq(t + i, "with files from ", 16)) ||
           (c == 't' && k - i >= 15 && cx_ascii_ncaseeq(t + i, "this report by ", 15));
}

/* The first place in t[0..k) where a credit line starts, k when none: eight
 * bytes at a time, only the rare 'w' and 't' (either case) looked at. */
static size_t tail_credit(const char *t, size_t k)
{
    const uint64_t with8 = load64("with fil"), this8 = load64("this rep");
    size_t i = 0;
    for (; i + 8 <= k; i += 8) {
        uint64_t v = load64(t + i) | (0x20 * ONES); /* 'W' -> 'w', 'T' -> 't'; nothing else becomes them */
        uint64_t xw = v ^ ('w' * ONES), xt = v ^ ('t' * ONES);
        /* a byte of 0x80 where xw or xt has a zero byte (exact, no borrow) */
        uint64_t zw = ~(((xw & (0x7F * ONES)) + 0x7F * ONES) | xw) & (0x80 * ONES);
        uint64_t zt = ~(((xt & (0x7F * ONES)) + 0x7F * ONES) | xt) & (0x80 * ONES);
        for (uint64_t z = zw | zt; z; z &= z - 1) {
            size_t j = i + (size_t)__builtin_ctzll(z) / 8;
            if (k - j < 15)
                break;
            /* the next eight bytes, lowered as above, decide almost all */
            uint64_t w8 = load64(t + j) | (0x20 * ONES);
            if ((w8 == with8 || w8 == this8) && credit_at(t, j, k))
                return j;
        }
    }
    for (; i < k; i++)
        if (credit_at(t, i, k))
            return i;
    return k;
}

/* The agency a body credits: "With files from X", "This report by X was first
 * published" among the article's credits or in the last 400 bytes of a body
 * that kept the line (pages keep it in their text), or a dateline "(MPA) —" /
 * "(AP) -" at the start. */
static void find_credit(const cx_article *a, cx_fingerprint *fp)
{
    const char *tail_lines[1];
    const char *const *lines = (const char *const *)a->credits;
    int n_lines = a->n_credits;
    char tail[401];
    if (n_lines == 0 && a->body_len) {
        /* One pass over the tail for "with files from " / "this report by ":
         * the rare 'w' and 't' starts are checked, nothing else. */
        size_t k = a->body_len < 400 ? a->body_len : 400;
        const char *t = a->body + a->body_len - k;
        size_t at = tail_credit(t, k);
        if (at < k) {
            memcpy(tail, t + at, k - at);
            tail[k - at] = '\0';
            tail_lines[0] = tail;
            lines = tail_lines;
            n_lines = 1;
        }
    }
    for (int i = 0; i < n_lines; i++) {
        const char *c = lines[i];
        const char *from = cx_memcasemem(c, strlen(c), "files from ");
        size_t skip = 11;
        if (!from) {
            from = cx_memcasemem(c, strlen(c), "report by ");
            skip = 10;
        }
        if (!from) {
            from = cx_memcasemem(c, strlen(c), "reporting by ");
            skip = 13;
        }
        if (from) {
            const char *p = from + skip;
            size_t k = 0;
            while (p[k] && p[k] != '.' && p[k] != ',' && k + 1 < sizeof fp->credit &&
                   !(p[k] == ' ' && cx_ascii_ncaseeq(p + k, " was ", 5)))
                k++;
            for (size_t j = 0; j < k; j++)
                fp->credit[j] = cx_lower(p[j]);
            fp->credit[k] = '\0';
            fp->credited = 1;
            return;
        }
        fp->credited = 1;
    }
    /* A dateline credit in the first 120 bytes: "PORT ARDENT (MPA) —". */
    const char *b = a->body ? a->body : "";
    size_t n = a->body_len < 120 ? a->body_len : 120;
    const char *open = memchr(b, '(', n);
    if (open) {
        const char *close = memchr(open, ')', n - (size_t)(open - b));
        size_t k = close ? (size_t)(close - open - 1) : 0;
        int caps = k >= 2 && k <= 8;
        for (size_t j = 0; caps && j < k; j++)
            caps = (open[1 + j] >= 'A' && open[1 + j] <= 'Z') || open[1 + j] == '.';
        const char *after = close ? close + 1 : NULL;
        while (after && after < b + n && *after == ' ')
            after++;
        /* followed by a dash: "-", "—" (E2 80 94) or "–" (E2 80 93) */
        if (caps && after && after < b + n &&
            (*after == '-' || ((unsigned char)after[0] == 0xE2 && after + 2 < b + n))) {
            for (size_t j = 0, o = 0; j < k && o + 1 < sizeof fp->credit; j++)
                if (open[1 + j] != '.') {
                    fp->credit[o++] = cx_lower(open[1 + j]);
                    fp->credit[o] = '\0';
                }
            fp->credited = 1;
        }
    }
}

/* English function words of three letters or more: left out of sentence
 * word sets, which should hold what a sentence is about. */
static const char *const stopwords[] = {
    "about", "above", "after", "again", "against", "all", "also", "although", "among", "and",
    "another", "any", "are", "around", "because", "been", "before", "being", "between", "both",
    "but", "can", "could", "did", "does", "down", "during", "each", "even", "ever", "every",
    "few", "for", "from", "had", "has", "have", "having", "her", "here", "hers", "him", "his",
    "how", "however", "into", "its", "itself", "just", "last", "least", "less", "like", "made",
    "many", "may", "more", "most", "much", "must", "near", "never", "not", "now", "off", "once",
    "one", "only", "onto", "other", "our", "ours", "out", "over", "own", "per", "said", "same",
    "say", "says", "she", "should", "since", "some", "still", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "though", "through",
    "told", "too", "under", "until", "upon", "very", "was", "way", "well", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your"};

/* A word of up to 8 ASCII letters packed into an integer, lower case, for
 * comparisons without strcmp. */
static uint64_t pack(const char *s, size_t n)
{
    uint64_t v = 0; /* little-endian: the first letter in the low byte */
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(unsigned char)cx_lower(s[i]) << (8 * i);
    return v;
}

/* The stopwords packed, in 256 buckets of 4 (0: empty), so that the test is
 * one bucket's four comparisons and no branch: about half the words of a
 * text are tested, and which ones are stopwords is a coin toss to the branch
 * predictor. The multiplier that spreads the words is found once (the first
 * in a fixed sequence that puts at most four in a bucket: the golden ratio
 * does). */
#define STOP_BUCKETS 256
static _Alignas(32) uint64_t stop_set[STOP_BUCKETS][4];
static uint64_t stop_mul = 0x9E3779B97F4A7C15ull;
static pthread_once_t packed_once = PTHREAD_ONCE_INIT;

static inline size_t stop_slot(uint64_t v) { return (size_t)((v * stop_mul) >> 56); }

static void pack_stopwords(void)
{
    for (;;) {
        int ok = 1;
        memset(stop_set, 0, sizeof stop_set);
        for (size_t i = 0; ok && i < sizeof stopwords / sizeof *stopwords; i++) {
            uint64_t v = pack(stopwords[i], strlen(stopwords[i]));
            uint64_t *b = stop_set[stop_slot(v)];
            size_t k = 0;
            while (k < 4 && b[k])
                k++;
            if (k == 4)
                ok = 0;
            else
                b[k] = v;
        }
        if (ok)
            return;
        stop_mul += 2 * 0x9E3779B97F4A7C15ull; /* odd still */
    }
}

/* 1 when the word packed into v (3 to 8 bytes, see key_hash) is a stopword. */
static inline int is_stopword(uint64_t v)
{
    const uint64_t *b = stop_set[stop_slot(v)];
    return (b[0] == v) | (b[1] == v) | (b[2] == v) | (b[3] == v);
}

/* A rewrite: at least this many aligned sentences, and this share of the
 * shorter text's signed sentences (docs/copies.md says how they were set). */
#define CX_REWRITE_MIN_ALIGNED 4
#define CX_REWRITE_SHARE 0.6

/* Inserts h into the ascending bottom-k sample keys[0..*n) of capacity k. */
static inline void bottom_k(uint64_t *keys, uint8_t *n, unsigned k, uint64_t h)
{
    unsigned m = *n;
    if (m == k && h >= keys[m - 1])
        return;
    unsigned i = m;
    while (i > 0 && keys[i - 1] > h)
        i--;
    if (i > 0 && keys[i - 1] == h)
        return; /* a repeated shingle */
    if (m == k)
        m--;
    for (unsigned j = m; j > i; j--) /* a few keys: no call to memmove */
        keys[j] = keys[j - 1];
    keys[i] = h;
    *n = (uint8_t)(m + 1);
}

/* Per-sentence state: its content words and the names/numbers ("anchors")
 * seen outside quotes. */
#define MAX_ANCHORS 8
typedef struct sent_state {
    uint16_t word[CX_SENT_WORDS + 1]; /* + 1: a word is stored before it is known to count */
    unsigned n_word;
    uint64_t bits[4]; /* one bit per word held: most repeats are ruled out here */
    uint64_t anchor[MAX_ANCHORS + 1];
    unsigned n_anchor;
    uint64_t anchor_bits; /* the same for anchors */
} sent_state;

/* MurmurHash3's 64-bit finaliser: spreads a combination of word hashes over
 * all 64 bits. */
static inline uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ull;
    k ^= k >> 33;
    return k;
}

static inline uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

/* Hash of a word's first five letters packed into pre (n of them: a
 * multiply-shift is enough for 5 bytes). */
static inline uint64_t prefix_hash(uint64_t pre, size_t n)
{
    uint64_t v = (pre ^ ((uint64_t)n << 56)) * 0x9E3779B97F4A7C15ull;
    return v ^ (v >> 31);
}

/* The hash of a word of n <= 8 bytes packed into v: unique per word. */
static inline uint64_t packed_hash(uint64_t v, size_t n) { return fmix64(v ^ ((uint64_t)n << 60) ^ 0x2545F4914F6CDD1Dull); }

/* The hash of a word's key low[0..n). A word of up to 8 bytes (most are) is
 * packed into an integer, which the finaliser mixes: unique per word, no XXH3
 * call; longer words go through XXH3. *packed receives the packed word (0 when
 * longer: the stopword test reads it), *pre its first five bytes packed. */
static inline uint64_t key_hash(const char *low, size_t n, uint64_t *packed, uint64_t *pre)
{
    uint64_t v = 0;
    if (n <= 8) {
        for (size_t i = 0; i < n; i++)
            v |= (uint64_t)(unsigned char)low[i] << (8 * i);
        *packed = v;
        *pre = v & 0xFFFFFFFFFFull;
        return packed_hash(v, n);
    }
    for (size_t i = 0; i < 5; i++)
        v |= (uint64_t)(unsigned char)low[i] << (8 * i);
    *packed = 0;
    *pre = v;
    return XXH3_64bits(low, n);
}

uint64_t cx_word_hash(const char *s, size_t n)
{
    char low[256];
    uint64_t packed, pre;
    return key_hash(low, word_key(s, n, low, sizeof low), &packed, &pre);
}

/* Adds w to the sentence's word set when add (a content word, room left)
 * and it is not there already. The word is written in any case and counted
 * only when it is added: no branch on whether the word is a content word. */
static inline void add_word(sent_state *ss, uint16_t w, unsigned add)
{
    uint64_t bit = 1ull << (w & 63), *bits = &ss->bits[(w >> 6) & 3];
    if (add & ((*bits & bit) != 0)) /* maybe held: look (a few in a hundred) */
        for (unsigned i = 0; i < ss->n_word; i++)
            if (ss->word[i] == w) {
                add = 0;
                break;
            }
    ss->word[ss->n_word] = w;
    ss->n_word += add;
    *bits |= bit & (0 - (uint64_t)add);
}

/* The same for an anchor (add: the word is one, and there is room). */
static inline void add_anchor(sent_state *ss, uint64_t h, unsigned add)
{
    uint64_t bit = 1ull << (h >> 58);
    if (add & ((ss->anchor_bits & bit) != 0))
        for (unsigned i = 0; i < ss->n_anchor; i++)
            if (ss->anchor[i] == h) {
                add = 0;
                break;
            }
    ss->anchor[ss->n_anchor] = h;
    ss->n_anchor += add;
    ss->anchor_bits |= bit & (0 - (uint64_t)add);
}

/* Closes sentence si: its word set (unique, in text order; kept from three
 * words up) and its anchor pairs. *nw counts the words kept so far. */
static void end_sentence(cx_fingerprint *fp, sent_state *ss, size_t si, size_t *nw, size_t cap)
{
    if (si < fp->n_sents) {
        size_t u = ss->n_word;
        fp->sent_off[si] = (uint16_t)*nw;
        if (u >= 3 && *nw + u <= cap) {
            memcpy(fp->sent_words + *nw, ss->word, u * sizeof *ss->word);
            *nw += u;
        }
        fp->sent_off[si + 1] = (uint16_t)*nw;
    }
    for (unsigned i = 0; i < ss->n_anchor; i++)
        for (unsigned j = i + 1; j < ss->n_anchor; j++) {
            uint64_t a = ss->anchor[i], b = ss->anchor[j];
            if (a == b)
                continue;
            uint64_t k = fmix64((a ^ b) + (a < b ? a : b) * 3);
            if (fp->n_rkeys < CX_RKEYS || k < fp->rkeys[CX_RKEYS - 1])
                bottom_k(fp->rkeys, &fp->n_rkeys, CX_RKEYS, k);
        }
    ss->n_word = ss->n_anchor = 0;
    memset(ss->bits, 0, sizeof ss->bits);
    ss->anchor_bits = 0;
}

/* A word the fast path in cx_fingerprint_make does not take: within 8 bytes
 * of the end of the text, not ASCII, or longer than 8 bytes. The same hash,
 * packed form and prefix as the fast path would give. */
static uint64_t slow_word(const char *w, size_t wn, uint64_t *packed, uint64_t *pre, size_t *lw)
{
    if (wn <= 8) {
        uint64_t v = 0;
        unsigned char high = 0;
        for (size_t q = 0; q < wn; q++) {
            unsigned char c = (unsigned char)w[q];
            high |= c;
            v |= (uint64_t)(c | (((unsigned)(c - 'A') < 26u) << 5)) << (8 * q);
        }
        if (!(high & 0x80)) {
            *packed = v;
            *pre = v & 0xFFFFFFFFFFull;
            *lw = wn;
            return packed_hash(v, wn);
        }
    }
    char low[256];
    *lw = word_key(w, wn, low, sizeof low);
    return key_hash(low, *lw, packed, pre);
}

int cx_fingerprint_make(cx_article *a, cx_fingerprint *fp)
{
    memset(fp, 0, sizeof *fp);
    find_credit(a, fp);
    const cx_text *t = a->text;
    if (!t)
        return 1;
    pthread_once(&packed_once, pack_stopwords);
    /* Sentence word sets: offsets are 16-bit, so at most 65,535 words. */
    size_t ns = t->n_sents < CX_MAX_SENTS ? t->n_sents : CX_MAX_SENTS;
    size_t wcap = t->n_words < 65535 ? t->n_words : 65535, nw = 0;
    if (!(fp->sent_off = cx_arena_calloc(&a->arena, ns + 1, sizeof *fp->sent_off)) ||
        (wcap && !(fp->sent_words = cx_arena_alloc(&a->arena, wcap * sizeof *fp->sent_words))))
        return 0;
    fp->n_sents = (uint16_t)ns;
    uint64_t g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0; /* the last five word hashes, oldest first */
    size_t have = 0;
    uint64_t bh = 0x243F6A8885A308D3ull; /* body hash: a multiply-xor chain over the word hashes */
    for (size_t i = 0; i < CX_MH; i++)
        fp->mh[i] = UINT32_MAX;
    uint8_t filled[CX_MH];
    memset(filled, 0, sizeof filled);
    uint64_t key_max = UINT64_MAX; /* keys[CX_KEYS - 1] once the sample is full */
    uint32_t quoted = 0, shingles = 0;
    sent_state ss;
    ss.n_word = ss.n_anchor = 0;
    memset(ss.bits, 0, sizeof ss.bits);
    ss.anchor_bits = 0;
    const cx_token *toks = t->toks;
    const char *text = t->s;
    size_t len = t->len;
    for (size_t p = 0; p < t->n_paras; p++) {
        int depth = 0; /* inside quotation marks; a paragraph starts outside */
        for (size_t si = t->paras[p].sent_begin; si < t->paras[p].sent_end && si < t->n_sents; si++) {
            const cx_sentence *sn = &t->sents[si];
            unsigned first_word = 1;
            for (size_t k = sn->tok_begin; k < sn->tok_end; k++) {
                const cx_token *tk = &toks[k];
                unsigned kind = tk->kind;
                if (kind - CX_TOK_WORD > CX_TOK_NUMBER - CX_TOK_WORD) { /* not a word or number */
                    if (kind == CX_TOK_QUOTE && !(tk->flags & CX_TF_APOS)) {
                        if (tk->quote == CX_Q_OPEN)
                            depth = 1;
                        else if (tk->quote == CX_Q_CLOSE)
                            depth = 0;
                        else
                            depth = !depth;
                        have = 0; /* a shingle does not run across a quote's edge */
                    }
                    continue;
                }
                size_t wn = tk->end - tk->start;
                /* Lower case once: the word's hash, its stopword test and
                 * its five-letter prefix all read it. Most words: eight
                 * bytes loaded at once and lowered in the register (SWAR). */
                uint64_t packed, pre, h;
                size_t lw = wn;
                uint64_t v = 0;
                if (wn <= 8 && tk->start + 8 <= len) {
                    v = load64(text + tk->start) & (~0ull >> (64 - 8 * wn)); /* wn >= 1 */
                }
                if (wn <= 8 && tk->start + 8 <= len && !(v & (0x80 * ONES))) {
                    packed = lower8(v);
                    pre = packed & 0xFFFFFFFFFFull;
                    h = packed_hash(packed, wn);
                } else {
                    h = slow_word(text + tk->start, wn, &packed, &pre, &lw);
                }
                bh = (bh ^ h) * 0x100000001B3ull + (bh >> 29);
                unsigned was_first = first_word;
                first_word = 0;
                if (depth) {
                    quoted++;
                    continue;
                }
                /* Sentence word set: content words by their first five
                 * letters (a cheap stem: injured, injuries). */
                size_t ln = lw < 5 ? lw : 5;
                uint64_t ph = prefix_hash(pre, ln);
                unsigned is_num = kind == CX_TOK_NUMBER;
                unsigned content = is_num | ((lw >= 3) & ((lw > 8) | !is_stopword(packed)));
                add_word(&ss, (uint16_t)(ph >> 48), content & (ss.n_word < CX_SENT_WORDS));
                /* Anchors: numbers, and capitalised words past the first,
                 * each by its first five letters (Ardent's and Ardent’s
                 * alike), so a rewrite that reorders or rewords a name
                 * still pairs the same words. */
                unsigned anchor = is_num | (((tk->flags & CX_TF_CAP) != 0) & !was_first & (wn >= 2));
                add_anchor(&ss, ph, anchor & (ss.n_anchor < MAX_ANCHORS));
                /* The five word hashes, each rotated by its place, mixed;
                 * computed for every word and counted from the fifth on (no
                 * branch: a quote's edge restarts the count anywhere). */
                g0 = g1;
                g1 = g2;
                g2 = g3;
                g3 = g4;
                g4 = h;
                uint64_t sh = g0 ^ rotl64(g1, 13) ^ rotl64(g2, 26) ^ rotl64(g3, 39) ^ rotl64(g4, 52);
                sh = (sh ^ (sh >> 32)) * 0xD6E8FEB86659FD93ull; /* one round: the words are mixed already */
                sh ^= sh >> 32;
                unsigned full = ++have >= 5;
                unsigned bin = (unsigned)(sh >> 57);
                uint32_t mv = (uint32_t)sh | ((uint32_t)full - 1); /* UINT32_MAX before the fifth */
                fp->mh[bin] = mv < fp->mh[bin] ? mv : fp->mh[bin];
                filled[bin] |= (uint8_t)full;
                shingles += full;
                if (full & ((sh < key_max) | (fp->n_keys < CX_KEYS))) {
                    bottom_k(fp->keys, &fp->n_keys, CX_KEYS, sh);
                    if (fp->n_keys == CX_KEYS)
                        key_max = fp->keys[CX_KEYS - 1];
                }
            }
            end_sentence(fp, &ss, si, &nw, wcap);
        }
        have = 0; /* nor across paragraphs */
    }
    fp->quoted = quoted;
    fp->shingles = shingles;
    fp->body_hash = (bh ^ (bh >> 33)) & 0x7FFFFFFFFFFFFFFFull; /* fits SQLite's signed integer */
    if (fp->shingles == 0) {
        fp->n_keys = fp->n_rkeys = 0;
        return 1;
    }
    /* Densification: an empty bin takes the next filled bin's value, offset by
     * the distance so that borrowed values stay distinct per bin. */
    for (unsigned j = 0; j < CX_MH; j++) {
        if (filled[j])
            continue;
        unsigned k = j, d = 0;
        do {
            k = (k + 1) % CX_MH;
            d++;
        } while (!filled[k]);
        fp->mh[j] = fp->mh[k] + d * 0x9E3779B9u;
    }
    return 1;
}

double cx_fp_jaccard(const cx_fingerprint *x, const cx_fingerprint *y)
{
    if (!x->shingles || !y->shingles)
        return 0;
    /* The low 16 bits of each value: the index keeps only those (a chance
     * collision, 1 in 65,536, moves the estimate by nothing measurable). */
    unsigned eq = 0;
    for (unsigned i = 0; i < CX_MH; i++)
        eq += (uint16_t)x->mh[i] == (uint16_t)y->mh[i];
    return (double)eq / CX_MH;
}

/* 1 when one fingerprint's credit names the other's outlet: "(MPA)" for
 * Meridian Press Agency, "with files from Meridian Press Agency". */
int cx_credits(const char *credit, const char *outlet)
{
    if (!credit || !*credit || !outlet || !*outlet)
        return 0;
    size_t cl = strlen(credit), ol = strlen(outlet);
    if (cx_memcasemem(outlet, ol, credit) || cx_memcasemem(credit, cl, outlet))
        return 1;
    char initials[16];
    size_t k = 0;
    for (size_t i = 0; i < ol && k + 1 < sizeof initials; i++)
        if ((i == 0 || outlet[i - 1] == ' ') && outlet[i] >= 'A' && outlet[i] <= 'Z')
            initials[k++] = cx_lower(outlet[i]);
    initials[k] = '\0';
    return k >= 2 && !strcmp(initials, credit);
}

void cx_copy_classify(const cx_fingerprint *x, const cx_fingerprint *y, cx_copy_match *m)
{
    int no_rewrite = m->no_rewrite, credited = 0;
    double contain = 0;
    m->kind = CX_COPY_NONE;
    m->similarity = 0;
    m->aligned = 0;
    m->n_pairs = 0;
    if (!x->shingles || !y->shingles)
        return;
    if (x->body_hash == y->body_hash) {
        m->kind = CX_COPY_EXACT;
        m->similarity = 1;
    } else {
        double j = cx_fp_jaccard(x, y);
        /* Containment of the shorter in the longer, from J and the set sizes:
         * |A n B| = J (|A| + |B|) / (1 + J). */
        double sx = x->shingles, sy = y->shingles;
        double inter = j * (sx + sy) / (1 + j);
        double small = sx < sy ? sx : sy;
        contain = small > 0 ? inter / small : 0;
        if (j >= 0.8) {
            m->kind = CX_COPY_NEAR;
            m->similarity = j;
        } else if (small >= 20 && contain >= 0.75) {
            m->kind = CX_COPY_SYNDICATED;
            m->similarity = contain > 1 ? 1 : contain;
        } else {
            credited = small >= 20 && contain >= 0.4 && (x->credited || y->credited);
        }
    }
    if (m->kind == CX_COPY_NONE && !credited && no_rewrite)
        return;
    uint16_t local[CX_MAX_SENTS][2];
    uint16_t (*pairs)[2] = m->pairs ? m->pairs : local;
    m->aligned = cx_align(x, y, pairs);
    if (m->pairs)
        m->n_pairs = m->aligned;
    if (m->kind != CX_COPY_NONE)
        return;
    size_t nx = cx_signed_sentences(x), ny = cx_signed_sentences(y);
    size_t shorter = nx < ny ? nx : ny, longer = nx < ny ? ny : nx;
    /* A credit lowers the bar, but a shared boilerplate paragraph (a copyright
     * notice, an agency's sign-off) must not make two stories one: the shorter
     * text's sentences must also be found in order. */
    if (credited && m->aligned >= 3 && (double)m->aligned >= 0.3 * (double)shorter) {
        m->kind = CX_COPY_SYNDICATED;
        m->similarity = contain > 1 ? 1 : contain;
        return;
    }
    if (no_rewrite)
        return;
    /* Most sentences of the shorter text have a counterpart, in the same
     * order, sharing most of their content words: the same text with a few
     * words changed in every sentence (near: the 5-grams drop fast, the
     * words stay), or the same article retold (rewrite). */
    if (!shorter || m->aligned < CX_REWRITE_MIN_ALIGNED || (double)m->aligned < CX_REWRITE_SHARE * (double)shorter)
        return;
    double dice = cx_pairs_dice(x, y, (const uint16_t(*)[2])pairs, m->aligned);
    if ((double)m->aligned >= 0.9 * (double)longer && dice >= 0.9) {
        m->kind = CX_COPY_NEAR;
        m->similarity = dice;
    } else {
        m->kind = CX_COPY_REWRITE;
        m->similarity = (double)m->aligned / (double)shorter;
    }
}

const char *cx_copy_kind_name(cx_copy_kind k)
{
    static const char *const names[] = {"none", "exact", "near", "syndicated", "rewrite"};
    return (unsigned)k <= CX_COPY_REWRITE ? names[k] : "none";
}

/* Serialised keys and word sets: "CXS2", counts (keys, rkeys, sentences as
 * u16), then the keys and rkeys as u64, the n_sents + 1 offsets and the words
 * as u16, all little-endian. */
static size_t n_words(const cx_fingerprint *fp) { return fp->n_sents ? fp->sent_off[fp->n_sents] : 0; }

size_t cx_fp_sig_size(const cx_fingerprint *fp)
{
    return 8 + 8 * ((size_t)fp->n_keys + fp->n_rkeys) + 2 * ((size_t)fp->n_sents + 1 + n_words(fp));
}

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

void cx_fp_sig_write(const cx_fingerprint *fp, unsigned char *buf)
{
    memcpy(buf, "CXS2", 4);
    buf[4] = fp->n_keys;
    buf[5] = fp->n_rkeys;
    buf[6] = (unsigned char)(fp->n_sents & 0xFF);
    buf[7] = (unsigned char)(fp->n_sents >> 8);
    unsigned char *p = buf + 8;
    for (unsigned i = 0; i < fp->n_keys; i++, p += 8)
        put64(p, fp->keys[i]);
    for (unsigned i = 0; i < fp->n_rkeys; i++, p += 8)
        put64(p, fp->rkeys[i]);
    for (unsigned i = 0; i <= fp->n_sents; i++, p += 2) {
        uint16_t v = fp->n_sents ? fp->sent_off[i] : 0;
        p[0] = (unsigned char)(v & 0xFF);
        p[1] = (unsigned char)(v >> 8);
    }
    for (size_t i = 0; i < n_words(fp); i++, p += 2) {
        p[0] = (unsigned char)(fp->sent_words[i] & 0xFF);
        p[1] = (unsigned char)(fp->sent_words[i] >> 8);
    }
}

int cx_fp_sig_read(cx_fingerprint *fp, const unsigned char *buf, size_t n, uint16_t *dst)
{
    if (n < 10 || memcmp(buf, "CXS2", 4))
        return 0;
    unsigned nk = buf[4], nr = buf[5], nsent = buf[6] | (unsigned)buf[7] << 8;
    size_t head = 8 + 8 * (size_t)(nk + nr) + 2 * ((size_t)nsent + 1);
    if (nk > CX_KEYS || nr > CX_RKEYS || nsent > CX_MAX_SENTS || n < head || (n - head) % 2)
        return 0;
    const unsigned char *p = buf + 8;
    fp->n_keys = (uint8_t)nk;
    fp->n_rkeys = (uint8_t)nr;
    for (unsigned i = 0; i < nk; i++, p += 8)
        fp->keys[i] = get64(p);
    for (unsigned i = 0; i < nr; i++, p += 8)
        fp->rkeys[i] = get64(p);
    size_t total = nsent + 1 + (n - head) / 2;
    for (size_t i = 0; i < total; i++, p += 2)
        dst[i] = (uint16_t)(p[0] | p[1] << 8);
    /* offsets must rise and end at the word count */
    size_t nwords = (n - head) / 2;
    if (dst[0] != 0 || dst[nsent] != nwords)
        return 0;
    for (unsigned i = 0; i < nsent; i++)
        if (dst[i] > dst[i + 1])
            return 0;
    fp->n_sents = (uint16_t)nsent;
    fp->sent_off = dst;
    fp->sent_words = dst + nsent + 1;
    return 1;
}
