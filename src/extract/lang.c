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
 *
 * Before the profiles, a function-word count (the stop-word method of
 * language identification): in running prose of the languages most news is
 * written in, a quarter or more of the words are articles, prepositions and
 * conjunctions of that language. When one language's function words clearly
 * dominate the sample, only the profiles of its close relatives are compared
 * (Romance with Romance, Germanic with Germanic: where function words are
 * shared and n-grams must decide), and English, whose function words no other
 * profiled language shares, needs no profile at all. Anything less clear (a
 * short text, another language, a mix) goes to all the profiles as before.
 * This cuts the detector's cost several times over on news streams without
 * changing what it finds. Likewise the script: a text mostly in Hangul is
 * Korean, one with kana Japanese, and a Cyrillic or Arabic one is compared
 * only with the profiles written in that script.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/str.h"
#include "util/utf8.h"

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

/* Function words of a few news languages. A word's mask says which lists
 * hold it ("de" is Spanish, French, Portuguese, Italian and Dutch). */
enum { FW_EN = 1, FW_ES = 2, FW_FR = 4, FW_DE = 8, FW_PT = 16, FW_IT = 32, FW_NL = 64, FW_N = 7 };
static const struct fword {
    const char *w;
    unsigned mask;
} fwords[] = {
    {"the", FW_EN}, {"and", FW_EN}, {"of", FW_EN}, {"to", FW_EN}, {"is", FW_EN | FW_NL},
    {"that", FW_EN}, {"for", FW_EN}, {"on", FW_EN}, {"was", FW_EN}, {"with", FW_EN},
    {"said", FW_EN}, {"he", FW_EN}, {"it", FW_EN}, {"as", FW_EN | FW_PT}, {"at", FW_EN},
    {"by", FW_EN}, {"from", FW_EN}, {"his", FW_EN}, {"have", FW_EN}, {"has", FW_EN},
    {"are", FW_EN}, {"were", FW_EN}, {"be", FW_EN}, {"this", FW_EN}, {"which", FW_EN},
    {"or", FW_EN}, {"an", FW_EN | FW_DE}, {"but", FW_EN}, {"not", FW_EN}, {"they", FW_EN},
    {"their", FW_EN}, {"been", FW_EN}, {"will", FW_EN}, {"would", FW_EN}, {"who", FW_EN},
    {"had", FW_EN}, {"its", FW_EN}, {"after", FW_EN}, {"about", FW_EN}, {"we", FW_EN},
    {"she", FW_EN}, {"her", FW_EN}, {"there", FW_EN}, {"than", FW_EN}, {"in", FW_EN | FW_DE | FW_IT | FW_NL},
    {"el", FW_ES}, {"la", FW_ES | FW_FR | FW_IT}, {"los", FW_ES}, {"las", FW_ES},
    {"de", FW_ES | FW_FR | FW_PT | FW_NL}, {"del", FW_ES | FW_IT}, {"que", FW_ES | FW_FR | FW_PT},
    {"y", FW_ES}, {"en", FW_ES | FW_FR | FW_NL}, {"un", FW_ES | FW_FR | FW_IT},
    {"una", FW_ES | FW_IT}, {"por", FW_ES | FW_PT}, {"con", FW_ES | FW_IT},
    {"para", FW_ES | FW_PT}, {"es", FW_ES | FW_DE}, {"se", FW_ES | FW_PT | FW_IT},
    {"su", FW_ES}, {"al", FW_ES | FW_IT}, {"lo", FW_ES | FW_IT}, {"como", FW_ES | FW_PT},
    {"pero", FW_ES}, {"sus", FW_ES}, {"fue", FW_ES}, {"este", FW_ES}, {"esta", FW_ES},
    {"dijo", FW_ES}, {"sobre", FW_ES | FW_PT}, {"entre", FW_ES | FW_FR | FW_PT},
    {"le", FW_FR | FW_IT}, {"les", FW_FR}, {"des", FW_FR | FW_DE}, {"du", FW_FR},
    {"et", FW_FR}, {"une", FW_FR}, {"est", FW_FR}, {"qui", FW_FR}, {"dans", FW_FR},
    {"pour", FW_FR}, {"pas", FW_FR}, {"au", FW_FR}, {"aux", FW_FR}, {"sur", FW_FR},
    {"par", FW_FR}, {"plus", FW_FR}, {"ce", FW_FR}, {"cette", FW_FR}, {"il", FW_FR | FW_IT},
    {"elle", FW_FR}, {"ont", FW_FR}, {"avec", FW_FR}, {"sont", FW_FR}, {"mais", FW_FR | FW_PT},
    {"der", FW_DE}, {"die", FW_DE}, {"das", FW_DE | FW_PT}, {"und", FW_DE}, {"den", FW_DE},
    {"von", FW_DE}, {"zu", FW_DE}, {"mit", FW_DE}, {"ist", FW_DE}, {"sich", FW_DE},
    {"nicht", FW_DE}, {"auf", FW_DE}, {"ein", FW_DE}, {"eine", FW_DE}, {"dem", FW_DE},
    {"im", FW_DE}, {"auch", FW_DE}, {"als", FW_DE | FW_NL}, {"werden", FW_DE},
    {"wird", FW_DE}, {"sie", FW_DE}, {"er", FW_DE | FW_NL}, {"bei", FW_DE}, {"aus", FW_DE},
    {"nach", FW_DE}, {"hat", FW_DE}, {"wurde", FW_DE}, {"sind", FW_DE},
    {"o", FW_PT}, {"a", FW_ES | FW_FR | FW_PT | FW_IT}, {"os", FW_PT}, {"do", FW_PT}, {"da", FW_PT | FW_IT},
    {"dos", FW_PT}, {"e", FW_PT | FW_IT}, {"em", FW_PT}, {"um", FW_PT}, {"uma", FW_PT},
    {"no", FW_PT}, {"na", FW_PT}, {"nos", FW_PT}, {"com", FW_PT}, {"n\xC3\xA3o", FW_PT},
    {"ao", FW_PT}, {"foi", FW_PT}, {"s\xC3\xA3o", FW_PT}, {"pelo", FW_PT}, {"pela", FW_PT},
    {"di", FW_IT}, {"della", FW_IT}, {"che", FW_IT}, {"\xC3\xA8", FW_IT}, {"per", FW_IT},
    {"non", FW_IT}, {"sono", FW_IT}, {"dei", FW_IT}, {"delle", FW_IT}, {"gli", FW_IT},
    {"alla", FW_IT}, {"nel", FW_IT}, {"nella", FW_IT}, {"ha", FW_IT}, {"anche", FW_IT},
    {"het", FW_NL}, {"een", FW_NL}, {"van", FW_NL}, {"dat", FW_NL}, {"op", FW_NL},
    {"te", FW_NL}, {"met", FW_NL}, {"voor", FW_NL}, {"zijn", FW_NL}, {"niet", FW_NL},
    {"aan", FW_NL}, {"om", FW_NL}, {"ook", FW_NL}, {"bij", FW_NL}, {"door", FW_NL},
    {"naar", FW_NL}, {"wordt", FW_NL}, {"werd", FW_NL}, {"heeft", FW_NL}, {"hij", FW_NL},
    {NULL, 0}};

/* The profiles compared when a language's function words dominate: itself and
 * the relatives that share its function words (English: none). Profiles not
 * installed are simply not found. */
static const char *const relatives[FW_N][8] = {
    {"en", NULL},
    {"es", "pt", "gl", "ca", "it", "fr", "ro", NULL},
    {"fr", "ca", "it", "es", "pt", "ro", NULL},
    {"de", "nl", "af", "da", "sv", "nb", "lb", NULL},
    {"pt", "gl", "es", "ca", "it", NULL},
    {"it", "es", "pt", "ca", "fr", "ro", NULL},
    {"nl", "af", "de", "fy", NULL},
};

#define FW_MIN_WORDS 40 /* a sample this long or longer */
#define FW_MIN_SHARE 4  /* one word in FW_MIN_SHARE or more is the leader's */

/* Index (0..FW_N-1) of the language whose function words dominate s[0..n), or -1. */
static int function_word_leader(const char *s, size_t n)
{
    int hits[FW_N] = {0};
    int words = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !(cx_is_alpha(s[i]) || (unsigned char)s[i] >= 0x80))
            i++;
        size_t b = i;
        while (i < n && (cx_is_alpha(s[i]) || (unsigned char)s[i] >= 0x80))
            i++;
        if (i == b)
            continue;
        words++;
        size_t len = i - b;
        if (len > 6)
            continue;
        char w[8];
        for (size_t k = 0; k < len; k++)
            w[k] = cx_lower(s[b + k]);
        w[len] = '\0';
        for (const struct fword *f = fwords; f->w; f++)
            if (f->w[0] == w[0] && strcmp(f->w, w) == 0) {
                for (int L = 0; L < FW_N; L++)
                    hits[L] += (f->mask >> L) & 1;
                break;
            }
    }
    if (words < FW_MIN_WORDS)
        return -1;
    int best = 0, second = -1;
    for (int L = 1; L < FW_N; L++)
        if (hits[L] > hits[best]) {
            second = best;
            best = L;
        } else if (second < 0 || hits[L] > hits[second]) {
            second = L;
        }
    if (hits[best] * FW_MIN_SHARE < words || hits[best] < 2 * hits[second])
        return -1;
    return best;
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

/* Scripts that decide the language, or the candidates, alone. */
enum { SC_OTHER, SC_HANGUL, SC_KANA, SC_HAN, SC_CYRILLIC, SC_ARABIC, SC_GREEK, SC_HEBREW,
       SC_THAI, SC_DEVANAGARI, SC_BENGALI, SC_N };
static const char *const script_langs[SC_N][6] = {
    [SC_HANGUL] = {"ko", NULL},
    [SC_KANA] = {"ja", NULL},
    [SC_HAN] = {"zh-Hans", "zh-Hant", "ja", NULL},
    [SC_CYRILLIC] = {"ru", "uk", "bg", "sr-Cyrl", "mk", NULL},
    [SC_ARABIC] = {"ar", "fa", "ur", NULL},
    [SC_GREEK] = {"el", NULL},
    [SC_HEBREW] = {"he", NULL},
    [SC_THAI] = {"th", NULL},
    [SC_DEVANAGARI] = {"hi", NULL},
    [SC_BENGALI] = {"bn", NULL},
};

static int script_of(uint32_t cp)
{
    if (cp >= 0xAC00 && cp <= 0xD7AF)
        return SC_HANGUL;
    if (cp >= 0x3040 && cp <= 0x30FF)
        return SC_KANA;
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return SC_HAN;
    if (cp >= 0x0400 && cp <= 0x04FF)
        return SC_CYRILLIC;
    if (cp >= 0x0600 && cp <= 0x06FF)
        return SC_ARABIC;
    if (cp >= 0x0370 && cp <= 0x03FF)
        return SC_GREEK;
    if (cp >= 0x0590 && cp <= 0x05FF)
        return SC_HEBREW;
    if (cp >= 0x0E00 && cp <= 0x0E7F)
        return SC_THAI;
    if (cp >= 0x0900 && cp <= 0x097F)
        return SC_DEVANAGARI;
    if (cp >= 0x0980 && cp <= 0x09FF)
        return SC_BENGALI;
    return SC_OTHER;
}

/* The script that holds most of the letters of s[0..n) when it is not
 * Latin, or SC_OTHER. Kana anywhere among Han makes the text Japanese. */
static int main_script(const char *s, size_t n)
{
    int count[SC_N] = {0}, letters = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            letters += cx_is_alpha((char)u[i]);
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = cx_utf8_decode(u + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        i += k;
        letters++;
        count[script_of(cp)]++;
    }
    if (count[SC_KANA] * 20 >= letters && count[SC_KANA] >= 5)
        return SC_KANA;
    if (count[SC_HAN] * 2 >= letters && count[SC_HAN] >= 10)
        return SC_HAN;
    for (int c = SC_HANGUL; c < SC_N; c++)
        if (c != SC_KANA && c != SC_HAN && count[c] * 2 >= letters && count[c] >= 10)
            return c;
    return SC_OTHER;
}

static int in_list(const char *const *list, const char *code)
{
    for (; *list; list++)
        if (strcmp(*list, code) == 0)
            return 1;
    return 0;
}

static int is_relative(int lead, const char *code)
{
    for (const char *const *r = relatives[lead]; *r; r++)
        if (strcmp(*r, code) == 0)
            return 1;
    return 0;
}

size_t cx_langid_detect(cx_langid *l, const char *s, size_t n, char *out, size_t outlen)
{
    if (!l || l->n == 0 || outlen < 4 || n < LANG_MIN_BYTES)
        return 0;
    if (n > LANG_BYTES) {
        n = LANG_BYTES;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* do not cut a character */
    }
    int script = main_script(s, n);
    const char *const *only = script != SC_OTHER ? script_langs[script] : NULL;
    if (only && !only[1]) { /* one language writes this script, among those profiled */
        snprintf(out, outlen, "%s", only[0]);
        return 2;
    }
    int lead = only ? -1 : function_word_leader(s, n);
    if (lead == 0) { /* English: no other profiled language shares its function words */
        snprintf(out, outlen, "en");
        return 2;
    }
    void *doc = fp_Init(NULL);
    if (!doc)
        return 0;
    size_t k = 0;
    if (fp_Create(doc, s, (uint4)n, DOC_NGRAMS)) {
        int best = -1;
        sint4 best_score = 0;
        for (int i = 0; i < l->n; i++) {
            if ((lead > 0 && !is_relative(lead, profiles.code[i])) ||
                (only && !in_list(only, profiles.code[i])))
                continue;
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
