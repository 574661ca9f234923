/*
 * dedup.c: fingerprints and copy kinds (see dedup.h).
 *
 * The sketch is one-permutation MinHash with rotation densification (Li, Owen
 * and Zhang 2012; Shrivastava 2017): each shingle hashes once, its top 7 bits
 * pick one of 128 bins and the rest compete for that bin's minimum; empty bins
 * borrow from the next filled one. One hash per shingle instead of 128 keeps
 * fingerprinting far cheaper than classic MinHash at the same accuracy.
 */
#include "dedup/dedup.h"
#include "util/buf.h"
#include "util/str.h"

#include <string.h>
#include <xxhash.h>

/* Hash of a folded word (ASCII lower-cased here; other scripts through cx_fold). */
static uint64_t word_hash(const char *s, size_t n, cx_buf *fold)
{
    int ascii = 1;
    char low[64];
    if (n <= sizeof low) {
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)s[i] >= 0x80) {
                ascii = 0;
                break;
            }
            low[i] = cx_lower(s[i]);
        }
        if (ascii)
            return XXH3_64bits(low, n);
    }
    cx_buf_reset(fold);
    if (!cx_fold(s, n, fold))
        return XXH3_64bits(s, n);
    return XXH3_64bits(fold->data, fold->len);
}

/* The agency a body credits: "With files from X", "This report by X was first
 * published", or a dateline "(MPA) —" / "(AP) -" at the start. */
/* The credit line among the article's credits, or in the last 400 bytes of a
 * body that kept it (pages keep "With files from X" in their text). */
static void find_credit(const cx_article *a, cx_fingerprint *fp)
{
    const char *tail_lines[1];
    const char *const *lines = (const char *const *)a->credits;
    int n_lines = a->n_credits;
    char tail[401];
    if (n_lines == 0 && a->body_len) {
        size_t k = a->body_len < 400 ? a->body_len : 400;
        memcpy(tail, a->body + a->body_len - k, k);
        tail[k] = '\0';
        const char *c = cx_memcasemem(tail, k, "with files from ");
        if (!c)
            c = cx_memcasemem(tail, k, "this report by ");
        if (c) {
            tail_lines[0] = c;
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

int cx_fingerprint_make(const cx_article *a, cx_fingerprint *fp)
{
    memset(fp, 0, sizeof *fp);
    find_credit(a, fp);
    const cx_text *t = a->text;
    if (!t)
        return 1;
    cx_buf fold;
    cx_buf_init(&fold, 4096);
    uint64_t win[5];
    size_t have = 0;
    XXH3_state_t *bh = XXH3_createState();
    if (!bh)
        return 0;
    XXH3_64bits_reset(bh);
    for (size_t i = 0; i < CX_MH; i++)
        fp->mh[i] = UINT32_MAX;
    int filled[CX_MH] = {0};
    for (size_t p = 0; p < t->n_paras; p++) {
        int depth = 0; /* inside quotation marks; a paragraph starts outside */
        size_t tb = t->paras[p].sent_begin < t->n_sents ? t->sents[t->paras[p].sent_begin].tok_begin : 0;
        size_t te = t->paras[p].sent_end > 0 && t->paras[p].sent_end <= t->n_sents
                        ? t->sents[t->paras[p].sent_end - 1].tok_end : 0;
        for (size_t k = tb; k < te; k++) {
            const cx_token *tk = &t->toks[k];
            if (tk->kind == CX_TOK_QUOTE) {
                if (tk->flags & CX_TF_APOS)
                    continue;
                if (tk->quote == CX_Q_OPEN)
                    depth = 1;
                else if (tk->quote == CX_Q_CLOSE)
                    depth = 0;
                else
                    depth = !depth;
                have = 0; /* a shingle does not run across a quote's edge */
                continue;
            }
            if (tk->kind != CX_TOK_WORD && tk->kind != CX_TOK_NUMBER)
                continue;
            uint64_t w = word_hash(t->s + tk->start, tk->end - tk->start, &fold);
            XXH3_64bits_update(bh, &w, sizeof w);
            if (depth) {
                fp->quoted++;
                continue;
            }
            if (have < 5) {
                win[have++] = w;
            } else {
                memmove(win, win + 1, 4 * sizeof *win);
                win[4] = w;
            }
            if (have < 5)
                continue;
            uint64_t h = XXH3_64bits(win, sizeof win);
            unsigned bin = (unsigned)(h >> 57);
            uint32_t v = (uint32_t)h;
            if (v < fp->mh[bin])
                fp->mh[bin] = v;
            filled[bin] = 1;
            fp->shingles++;
        }
        have = 0; /* nor across paragraphs */
    }
    cx_buf_free(&fold);
    fp->body_hash = XXH3_64bits_digest(bh) & 0x7FFFFFFFFFFFFFFFull;
    XXH3_freeState(bh);
    if (fp->shingles == 0)
        return 1;
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
    for (unsigned b = 0; b < CX_BANDS; b++) {
        uint32_t rows[CX_MH / CX_BANDS + 1];
        memcpy(rows, fp->mh + b * (CX_MH / CX_BANDS), (CX_MH / CX_BANDS) * sizeof(uint32_t));
        rows[CX_MH / CX_BANDS] = b;
        fp->band[b] = XXH3_64bits(rows, sizeof rows) & 0x7FFFFFFFFFFFFFFFull; /* fits SQLite's signed integer */
    }
    return 1;
}

double cx_fp_jaccard(const cx_fingerprint *x, const cx_fingerprint *y)
{
    if (!x->shingles || !y->shingles)
        return 0;
    unsigned eq = 0;
    for (unsigned i = 0; i < CX_MH; i++)
        eq += x->mh[i] == y->mh[i];
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

cx_copy_kind cx_copy_classify(const cx_fingerprint *x, const cx_fingerprint *y, double *similarity)
{
    *similarity = 0;
    if (x->body_hash == y->body_hash && x->shingles) {
        *similarity = 1;
        return CX_COPY_EXACT;
    }
    double j = cx_fp_jaccard(x, y);
    *similarity = j;
    if (j >= 0.8)
        return CX_COPY_NEAR;
    /* Containment of the shorter in the longer, from J and the set sizes:
     * |A n B| = J (|A| + |B|) / (1 + J). */
    double sx = x->shingles, sy = y->shingles;
    double inter = j * (sx + sy) / (1 + j);
    double small = sx < sy ? sx : sy;
    double contain = small > 0 ? inter / small : 0;
    if (small >= 20 && (contain >= 0.75 || ((x->credited || y->credited) && contain >= 0.4))) {
        *similarity = contain;
        return CX_COPY_SYNDICATED;
    }
    return CX_COPY_NONE;
}

const char *cx_copy_kind_name(cx_copy_kind k)
{
    static const char *const names[] = {"none", "exact", "near", "syndicated"};
    return (unsigned)k <= CX_COPY_SYNDICATED ? names[k] : "none";
}
