/*
 * text.h: the text layer every later stage reads.
 *
 * In:  a UTF-8 body (valid, no NUL), paragraphs separated by blank lines.
 * Out: paragraphs, sentences and tokens, each with byte offsets into the body;
 *      tokens know words, numbers, punctuation, symbols and every quotation
 *      mark style (" “ ” ‘ ’ « » ‹ › „ ‚ `` ''), with open/close guessed for
 *      the ambiguous straight marks. Stems come from libstemmer (Snowball),
 *      case folding and NFC/NFKC normalisation from utf8proc.
 *
 * All arrays live in the arena passed to cx_text_analyze.
 */
#ifndef CX_TEXT_H
#define CX_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"

typedef enum cx_tok_kind {
    CX_TOK_WORD = 1,   /* letters, with inner apostrophes/hyphens and dotted abbreviations (U.S.) */
    CX_TOK_NUMBER = 2, /* digits with inner , . : and a letter suffix (1,200  3.5  9:30  21st) */
    CX_TOK_PUNCT = 3,  /* one mark, or "..." / "--" */
    CX_TOK_QUOTE = 4,  /* a quotation mark, see cx_quote_role */
    CX_TOK_SYMBOL = 5  /* currency, math, emoji, other symbols */
} cx_tok_kind;

typedef enum cx_quote_role {
    CX_Q_NONE = 0,
    CX_Q_OPEN = 1,
    CX_Q_CLOSE = 2,
    CX_Q_AMBIG = 3 /* a straight mark with no clue either way */
} cx_quote_role;

typedef enum cx_quote_style {
    CX_QS_NONE = 0,
    CX_QS_DOUBLE = 1, /* " “ ” „ `` '' « » (double marks) */
    CX_QS_SINGLE = 2  /* ' ‘ ’ ‚ ‹ › (single marks) */
} cx_quote_style;

enum {
    CX_TF_CAP = 1 << 0,        /* first letter upper case */
    CX_TF_UPPER = 1 << 1,      /* every letter upper case (and more than one letter) */
    CX_TF_SPACE_BEFORE = 1 << 2,
    CX_TF_LINE_START = 1 << 3, /* first token of a line */
    CX_TF_APOS = 1 << 4,       /* a closing single mark that may be an apostrophe (players’) */
    CX_TF_LOWER = 1 << 5       /* first letter lower case (caseless scripts have neither) */
};

typedef struct cx_token {
    uint32_t start, end;
    uint8_t kind;  /* cx_tok_kind */
    uint8_t quote; /* cx_quote_role for CX_TOK_QUOTE */
    uint8_t style; /* cx_quote_style */
    uint8_t flags; /* CX_TF_* */
} cx_token;

typedef struct cx_sentence {
    uint32_t start, end;       /* bytes */
    uint32_t tok_begin, tok_end; /* tokens [begin, end) */
    uint32_t para;
} cx_sentence;

typedef struct cx_paragraph {
    uint32_t start, end;
    uint32_t sent_begin, sent_end;
} cx_paragraph;

typedef struct cx_text {
    const char *s; /* the body analysed (not owned) */
    size_t len;
    cx_token *toks;
    size_t n_toks;
    cx_sentence *sents;
    size_t n_sents;
    cx_paragraph *paras;
    size_t n_paras;
    size_t n_words; /* WORD and NUMBER tokens */
} cx_text;

/* Analyses s[0..n). NULL when out of memory. Bodies over 4 GiB are not supported
 * (offsets are 32-bit); the article limit keeps them far below. */
cx_text *cx_text_analyze(cx_arena *a, const char *s, size_t n);

/* Tokenizer alone: tokens of s[0..n) appended to a growing array in the arena. */
int cx_tokenize(cx_arena *a, const char *s, size_t n, cx_token **toks, size_t *n_toks);
/* Sentence splitter over tokens already made; paragraphs are blank-line separated. */
int cx_split(cx_arena *a, cx_text *t);

/* Appends the case-folded NFKC form of s[0..n) to out (for matching keys).
 * Returns 0 on failure. */
int cx_fold(const char *s, size_t n, cx_buf *out);
/* NFC of s[0..n) into out; returns 0 on failure. Already-NFC text is copied fast. */
int cx_nfc(const char *s, size_t n, cx_buf *out);

/* Snowball stemmer for one language (ISO 639-1 code or Snowball name; unknown
 * languages fall back to English). Not thread-safe: one per thread. */
typedef struct cx_stemmer cx_stemmer;
cx_stemmer *cx_stemmer_new(const char *lang);
void cx_stemmer_free(cx_stemmer *st);
/* Stem of the word s[0..n) (case-folded first). The result is valid until the
 * next call with this stemmer; *out_len receives its length. NULL on failure. */
const char *cx_stem(cx_stemmer *st, const char *s, size_t n, size_t *out_len);

#endif
