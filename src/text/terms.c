/*
 * terms.c: content terms of sentences and titles (see terms.h).
 *
 * A term is the FNV-1a hash of a folded word: ASCII lower case, a light
 * suffix strip (-ies, -s, -ing, -ed, then a final -e and a doubled final
 * consonant) so that "collapsed", "collapses" and "collapse" meet, and
 * number words up to twenty (and the tens) as digits. Stop words, one-letter
 * words and punctuation give no term.
 */
#include "text/terms.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* Sorted (strcmp) for bsearch. */
static const char *const stop_words[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "mr", "mrs", "ms", "my", "myself", "no", "nor", "not",
    "now", "of", "off", "on", "once", "one's", "only", "or", "other", "our", "ours", "ourselves",
    "out", "over", "own", "said", "same", "say", "says", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours", "yourself"};

/* strcmp without the call: these run for every word of a story. */
static int cmp_inline(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

/* Index of the lower-case word w in the sorted table, or -1. */
static int find(const char *w, const char *const *table, size_t stride, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_inline(w, table[mid * stride]);
        if (c == 0)
            return (int)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* The stop words as a set of their hashes (built once): every word of a
 * story is looked up, and the word's hash is computed anyway. */
#define STOP_SLOTS 1024 /* an eighth full: most lookups stop at their first slot */
static uint64_t stop_set[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

/* Per byte: its ASCII lower case, and what fold() must know of it. */
#define BY_DIGIT 1
#define BY_COMMA 2
#define BY_HIGH 4
static unsigned char by_lower[256], by_kind[256];

static void stop_init(void)
{
    for (int c = 0; c < 256; c++) {
        by_lower[c] = (unsigned char)cx_lower((char)c);
        by_kind[c] = (unsigned char)((cx_is_digit((char)c) ? BY_DIGIT : 0) | (c == ',' ? BY_COMMA : 0) |
                                     (c >= 0x80 ? BY_HIGH : 0));
    }
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++) {
        uint64_t h = fnv(stop_words[i], strlen(stop_words[i]));
        size_t k = (size_t)h & (STOP_SLOTS - 1);
        while (stop_set[k])
            k = (k + 1) & (STOP_SLOTS - 1);
        stop_set[k] = h;
    }
}

/* The set and the byte tables are built once; the public entry points make
 * them ready once a span, not once a word (every word of a story is looked
 * up), and the lookups below take them as ready. */
static void stop_ready(void) { pthread_once(&stop_once, stop_init); }

static int stop_hash_ready(uint64_t h)
{
    for (size_t k = (size_t)h & (STOP_SLOTS - 1); stop_set[k]; k = (k + 1) & (STOP_SLOTS - 1))
        if (stop_set[k] == h)
            return 1;
    return 0;
}

static int stop_hash(uint64_t h)
{
    stop_ready();
    return stop_hash_ready(h);
}

static int stop_lower_n(const char *w, size_t n) { return n <= 10 && stop_hash(fnv(w, n)); }

static int stop_lower(const char *w) { return stop_lower_n(w, strlen(w)); }

int cx_terms_stop(const char *w, size_t n)
{
    char buf[16];
    if (n == 0 || n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = cx_lower(w[i]);
    buf[n] = '\0';
    return stop_lower(buf);
}

static const char *const numbers[][2] = {
    {"eight", "8"},     {"eighteen", "18"}, {"eighty", "80"},  {"eleven", "11"},   {"fifteen", "15"},
    {"fifty", "50"},    {"five", "5"},      {"forty", "40"},   {"four", "4"},      {"fourteen", "14"},
    {"nine", "9"},      {"nineteen", "19"}, {"ninety", "90"},  {"seven", "7"},     {"seventeen", "17"},
    {"seventy", "70"},  {"six", "6"},       {"sixteen", "16"}, {"sixty", "60"},    {"ten", "10"},
    {"thirteen", "13"}, {"thirty", "30"},   {"three", "3"},    {"twelve", "12"},   {"twenty", "20"},
    {"two", "2"}};


static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

/* The first two letters of the number words: a word starting otherwise is
 * no number (the table lookup is skipped). */
static int number_start(char c0, char c1)
{
    switch (c0) {
    case 'e':
        return c1 == 'i' || c1 == 'l';
    case 'f':
        return c1 == 'i' || c1 == 'o';
    case 'n':
        return c1 == 'i';
    case 's':
        return c1 == 'e' || c1 == 'i';
    case 't':
        return c1 == 'e' || c1 == 'h' || c1 == 'w';
    default:
        return 0;
    }
}

#define FNV_PRIME 1099511628211ull

/* Folds w[0..n) into buf (cap >= 48) and returns its length; 0: no term.
 * The stop set must be ready (stop_ready).
 *
 * One pass lower-cases, hashes and notes what the word holds; hp keeps
 * the hash of every prefix, so that a stripped suffix costs no second pass
 * (FNV-1a of buf[0..k) is hp[k]). Words with bytes above ASCII or a digit
 * group comma, which fold differently, take the plain path again. */
static size_t fold(const char *w, size_t n, char *buf, uint64_t *hash)
{
    if (n < 2)
        return 0;
    if (n > 40)
        n = 40; /* long tokens (URLs, codes) compare by their start */
    uint64_t hp[41];
    uint64_t h = 1469598103934665603ull;
    unsigned kind = 0;
    hp[0] = h;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i], l = by_lower[c];
        kind |= by_kind[c];
        buf[i] = (char)l;
        h = (h ^ l) * FNV_PRIME;
        hp[i + 1] = h;
    }
    size_t k = n;
    int digits = (kind & BY_DIGIT) != 0, ascii = !(kind & BY_HIGH);
    if (!ascii || (digits && (kind & BY_COMMA))) {
        k = 0;
        for (size_t i = 0; i < n; i++)
            if (!(digits && w[i] == ',')) /* 1,200 and 1200 */
                buf[k++] = ascii ? cx_lower(w[i]) : w[i];
        h = fnv(buf, k);
    }
    buf[k] = '\0';
    *hash = h;
    if (digits || !ascii)
        return k;
    if (k <= 10 && stop_hash_ready(h))
        return 0;
    size_t k0 = k;
    if (k >= 3 && buf[k - 2] == '\'' && buf[k - 1] == 's') /* possessive */
        buf[k -= 2] = '\0';
    char c0 = buf[0];
    int num = k >= 3 && k <= 9 && number_start(c0, buf[1])
                  ? find(buf, &numbers[0][0], 2, sizeof numbers / sizeof *numbers)
                  : -1;
    if (num >= 0) {
        k = strlen(numbers[num][1]);
        memcpy(buf, numbers[num][1], k + 1);
        *hash = fnv(buf, k);
        return k;
    }
    int stripped = 0, ies = 0;
    if (k > 4 && !memcmp(buf + k - 3, "ies", 3)) {
        k -= 2;
        buf[k - 1] = 'y';
        ies = 1;
    } else if (k > 5 && !memcmp(buf + k - 3, "ing", 3)) {
        k -= 3;
        stripped = 1;
    } else if (k > 4 && !memcmp(buf + k - 2, "ed", 2)) {
        k -= 2;
        stripped = 1;
    } else if (k > 3 && buf[k - 1] == 's' && buf[k - 2] != 's' && buf[k - 2] != 'u' && buf[k - 2] != 'i') {
        k -= 1;
    }
    if (k > 3 && buf[k - 1] == 'e')
        k--;
    else if (stripped && k > 3 && buf[k - 1] == buf[k - 2] && !is_vowel(buf[k - 1]) && buf[k - 1] != 'l' &&
             buf[k - 1] != 's')
        k--; /* stopped -> stop */
    buf[k] = '\0';
    /* buf[0..k) is the lowered word's prefix, its last letter aside after -ies */
    if (k != k0)
        *hash = ies ? (hp[k - 1] ^ (unsigned char)'y') * FNV_PRIME : hp[k];
    return k;
}

static size_t add_word(const char *w, size_t n, uint64_t *out, size_t k, size_t cap)
{
    char buf[48];
    uint64_t h;
    if (fold(w, n, buf, &h) && k < cap)
        out[k++] = h;
    return k;
}

size_t cx_terms_span(const cx_text *t, uint32_t tb, uint32_t te, uint32_t skip_s, uint32_t skip_e,
                     uint64_t *out, size_t cap)
{
    size_t k = 0;
    stop_ready();
    for (uint32_t i = tb; i < te && i < t->n_toks && k < cap; i++) {
        const cx_token *tok = &t->toks[i];
        if (tok->kind != CX_TOK_WORD && tok->kind != CX_TOK_NUMBER)
            continue;
        if (tok->start >= skip_s && tok->end <= skip_e && skip_e > skip_s)
            continue;
        k = add_word(t->s + tok->start, tok->end - tok->start, out, k, cap);
    }
    return k;
}

size_t cx_terms_string(const char *s, uint64_t *out, size_t cap)
{
    size_t k = 0;
    if (!s)
        return 0;
    stop_ready();
    for (size_t i = 0; s[i] && k < cap;) {
        if (!cx_is_alnum(s[i]) && !((unsigned char)s[i] >= 0x80)) {
            i++;
            continue;
        }
        size_t j = i;
        while (s[j] && (cx_is_alnum(s[j]) || (unsigned char)s[j] >= 0x80 ||
                        ((s[j] == '\'' || s[j] == '-' || s[j] == '.' || s[j] == ',') && cx_is_alnum(s[j + 1]) &&
                         j > i && (s[j] != ',' || cx_is_digit(s[j - 1])))))
            j++;
        k = add_word(s + i, j - i, out, k, cap);
        i = j;
    }
    return k;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

size_t cx_terms_unique(uint64_t *h, size_t n)
{
    if (n < 2)
        return n;
    if (n <= 48) { /* insertion sort: most spans are short */
        for (size_t i = 1; i < n; i++) {
            uint64_t v = h[i];
            size_t j = i;
            while (j > 0 && h[j - 1] > v) {
                h[j] = h[j - 1];
                j--;
            }
            h[j] = v;
        }
    } else {
        qsort(h, n, sizeof *h, cmp_u64);
    }
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (h[i] != h[k - 1])
            h[k++] = h[i];
    return k;
}

size_t cx_terms_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            c++;
            i++;
            j++;
        }
    }
    return c;
}
