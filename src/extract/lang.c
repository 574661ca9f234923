/*
 * lang.c: language identification with libexttextcat's fingerprints (Debian's
 * fork of TextCat: character n-gram profiles, Cavnar and Trenkle's
 * out-of-place measure). Used when neither the container nor the page names
 * the article's language.
 *
 * Only the languages news is mostly written in are loaded (the profiles of
 * libexttextcat-data, read through its fingerprint API), since comparing a
 * text against each profile is the whole cost; the first 512 bytes of the body
 * are enough (TextCat's authors note a few hundred bytes suffice).
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/str.h"

#include <fingerprint.h>
#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#ifndef CHORUS_TEXTCAT_DIR
#define CHORUS_TEXTCAT_DIR "/usr/share/libexttextcat/"
#endif

/* The profile files, most frequent in news first. */
static const char *const languages[] = {
    "en", "es", "fr", "de", "pt", "it", "ru", "ar", "zh-Hans", "zh-Hant", "ja", "ko", "nl",
    "sv", "nb", "da", "fi", "pl", "cs", "sk", "hu", "ro", "bg", "uk", "sr-Latn", "sr-Cyrl", "hr", "sl", "el",
    "tr", "fa", "he", "hi", "bn", "ur", "id", "ms", "vi", "th", "ca", "eu", "gl", "et", "lv",
    "lt", "is", "ga", "cy", "af", "sw", "tl", "sq", "mk", NULL};

#define LANG_NGRAMS 400    /* profile size of each language (TextCat's MAXNGRAMS) */
#define DOC_NGRAMS 150     /* of the text: its most frequent n-grams carry the signal, and
                            * the comparison costs one lookup per n-gram per language */
#define LANG_BYTES 512
#define LANG_MIN_BYTES 40

/* The profiles, loaded once per process and shared read-only by every
 * detector (fp_Compare only reads them): loading 53 files per engine would
 * cost more than detecting the language of thousands of articles. */
static struct {
    void *fp[64];
    const char *code[64];
    int n;
} profiles;
static pthread_once_t profiles_once = PTHREAD_ONCE_INIT;

static void load_profiles(void)
{
    for (int i = 0; languages[i] && profiles.n < 64; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s%s.lm", CHORUS_TEXTCAT_DIR, languages[i]);
        if (access(path, R_OK) != 0)
            continue; /* not in this installation (fp_Read would complain on stderr) */
        void *h = fp_Init(languages[i]);
        if (!h)
            continue;
        if (fp_Read(h, path, LANG_NGRAMS) == 0) {
            fp_Done(h);
            continue;
        }
        profiles.fp[profiles.n] = h;
        profiles.code[profiles.n++] = languages[i];
    }
}

struct cx_langid {
    int n; /* profiles available */
};

cx_langid *cx_langid_new(void)
{
    pthread_once(&profiles_once, load_profiles);
    cx_langid *l = cx_calloc(1, sizeof *l);
    if (l)
        l->n = profiles.n;
    return l;
}

void cx_langid_free(cx_langid *l) { cx_free(l); }

size_t cx_langid_detect(cx_langid *l, const char *s, size_t n, char *out, size_t outlen)
{
    if (!l || l->n == 0 || outlen < 4 || n < LANG_MIN_BYTES)
        return 0;
    if (n > LANG_BYTES) {
        n = LANG_BYTES;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* do not cut a character */
    }
    void *doc = fp_Init(NULL);
    if (!doc)
        return 0;
    size_t k = 0;
    if (fp_Create(doc, s, (uint4)n, DOC_NGRAMS)) {
        int best = -1;
        sint4 best_score = 0;
        for (int i = 0; i < l->n; i++) {
            sint4 sc = fp_Compare(profiles.fp[i], doc, best < 0 ? INT_MAX : best_score);
            if (best < 0 || sc < best_score) {
                best = i;
                best_score = sc;
            }
        }
        if (best >= 0) {
            const char *c = profiles.code[best];
            while (c[k] && c[k] != '-' && k + 1 < outlen) {
                out[k] = cx_lower(c[k]);
                k++;
            }
            out[k] = '\0';
        }
    }
    fp_Done(doc);
    return k >= 2 && k <= 3 ? k : 0;
}
