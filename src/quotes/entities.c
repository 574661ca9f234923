/*
 * entities.c: people, organisations, places and outlets named in an article.
 *
 * A name is a run of capitalised words (joined by "of", "de", "&" when the
 * words before make an organisation or a title, and by initials such as
 * "J."), without the sentence's first word when that word is common (a
 * function word, or a word the article also writes in lower case). Leading
 * honorifics and offices ("Sen.", "Opposition Leader", "Ward 12 councillor")
 * become the entity's title; an apposition after the name ("Jane Roe, a
 * spokesperson for the office,") does too when there is none.
 *
 * Types come from, in order: the gazetteer (outlets, organisations, places),
 * a title (person), a known given name (person), the name's last word
 * (an organisation's or a place's generic head), an all-capitals acronym
 * (organisation), and for the rest: two or three words are a person; a
 * single word is a person when it is the surname or given name of a person
 * already named, or when a reporting verb follows it; a place after "in",
 * "from"...; else it is left out.
 *
 * Mentions of a person merge by surname (the full name first, then the
 * surname alone); organisations and places by their folded name.
 */
#include "quotes/qint.h"

#include <string.h>

int q_cap(const q_ctx *q, size_t i)
{
    const cx_token *k = &q->t->toks[i];
    return k->kind == CX_TOK_WORD && (k->flags & CX_TF_CAP);
}

int q_punct(const q_ctx *q, size_t i, char c)
{
    const cx_token *k = &q->t->toks[i];
    return k->kind == CX_TOK_PUNCT && k->end == k->start + 1 && q->s[k->start] == c;
}

static uint32_t seen_hash(const char *s, size_t n) { return cx_q_hash_lower(s, n) % Q_SEEN_BITS; }

/* The word at i also stands alone elsewhere (a surname used by itself):
 * looked up in the article's set of capitalised words with no capitalised
 * neighbour (built once by q_entities). */
static int seen_solo(const q_ctx *q, size_t i)
{
    const cx_token *k = &q->t->toks[i];
    uint32_t h = seen_hash(q->s + k->start, k->end - k->start);
    return (q->solo_seen[h >> 3] >> (h & 7)) & 1;
}

/* "in", "from", "near", "across", "at": before a place. */
static int is_place_prep(const q_ctx *q, size_t i)
{
    const cx_token *p = &q->t->toks[i];
    size_t pn = p->end - p->start;
    const char *ps = q->s + p->start;
    return p->kind == CX_TOK_WORD &&
           ((pn == 2 && (!memcmp(ps, "in", 2) || !memcmp(ps, "at", 2))) || (pn == 4 && !memcmp(ps, "from", 4)) ||
            (pn == 6 && !memcmp(ps, "across", 6)) || (pn == 4 && !memcmp(ps, "near", 4)) ||
            (pn == 7 && !memcmp(ps, "outside", 7)) || (pn == 10 && !memcmp(ps, "throughout", 10)));
}

static int seen_lower(const q_ctx *q, size_t i)
{
    const cx_token *k = &q->t->toks[i];
    uint32_t h = seen_hash(q->s + k->start, k->end - k->start);
    return (q->lower_seen[h >> 3] >> (h & 7)) & 1;
}

/* Bytes of token i without a possessive ending ('s, ’s, or a trailing ’). */
static uint32_t tok_end_nopos(const q_ctx *q, size_t i)
{
    const cx_token *k = &q->t->toks[i];
    const char *s = q->s;
    uint32_t e = k->end;
    if (e - k->start > 2 && (s[e - 1] == 's' || s[e - 1] == 'S') && s[e - 2] == '\'')
        return e - 2;
    if (e - k->start > 4 && s[e - 1] == 's' && (unsigned char)s[e - 2] == 0x99 &&
        (unsigned char)s[e - 3] == 0x80 && (unsigned char)s[e - 4] == 0xE2)
        return e - 4;
    return e;
}

static int possessive(const q_ctx *q, size_t i) { return tok_end_nopos(q, i) != q->t->toks[i].end; }

/* A capitalised word that may be part of a name: not "Ottawa-area", not a
 * month or day. */
static int name_word(const q_ctx *q, size_t i)
{
    if (!q_cap(q, i))
        return 0;
    const cx_token *k = &q->t->toks[i];
    if (q->lex[i] & LX_TIME)
        return 0;
    for (uint32_t p = k->start + 1; p + 1 < k->end; p++)
        if (q->s[p] == '-' && q->s[p + 1] >= 'a' && q->s[p + 1] <= 'z')
            return 0; /* "Ottawa-area", "Republican-led": adjectives */
    return 1;
}

/* A single capital letter (an initial, "J" of "J.") */
static int initial(const q_ctx *q, size_t i)
{
    const cx_token *k = &q->t->toks[i];
    return k->kind == CX_TOK_WORD && k->end - k->start <= 2 && (k->flags & CX_TF_CAP) &&
           (k->end - k->start == 1 || q->s[k->end - 1] == '.');
}

/* The case-folded text of tokens [tb, te) with single spaces into buf. */
static size_t fold_tokens(const q_ctx *q, size_t tb, size_t te, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = tb; i < te; i++) {
        const cx_token *k = &q->t->toks[i];
        uint32_t e = i + 1 == te ? tok_end_nopos(q, i) : k->end;
        if (k->kind == CX_TOK_PUNCT && n && buf[n - 1] == ' ')
            n--; /* "J ." -> "J." */
        for (uint32_t p = k->start; p < e && n + 2 < cap; p++) {
            unsigned char c = (unsigned char)q->s[p];
            buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (i + 1 < te && n + 1 < cap)
            buf[n++] = ' ';
    }
    return n;
}

/* The body text of tokens [tb, te), as written, into the arena. */
static char *span_text(q_ctx *q, uint32_t start, uint32_t end)
{
    return cx_arena_strndup(q->a, q->s + start, end - start);
}

static int32_t find_person(const q_ctx *q, const char *w, size_t n, int as_first)
{
    for (size_t e = q->n_ents; e-- > 0;) {
        const q_entity *x = &q->ents[e];
        if (x->type != CX_ENT_PERSON)
            continue;
        if (x->last_n == n && !memcmp(x->last, w, n))
            return (int32_t)e;
        if (as_first && x->name_words > 1 && x->first_n == n && !memcmp(x->first, w, n))
            return (int32_t)e;
    }
    return -1;
}

static int32_t find_named(const q_ctx *q, const char *name, int type)
{
    for (size_t e = 0; e < q->n_ents; e++)
        if (q->ents[e].type == type && !strcmp(q->ents[e].name, name))
            return (int32_t)e;
    return -1;
}

/* Title words before the name's first token tb: "Ward 12 councillor",
 * "Opposition Leader", "Sen.", "the Ottawa-area councillor". Returns the
 * first token of the title, tb when none. */
static size_t title_before(const q_ctx *q, size_t tb, size_t sent_begin)
{
    size_t b = tb;
    int have_title = 0;
    while (b > sent_begin && tb - b < 6) {
        size_t i = b - 1;
        const cx_token *k = &q->t->toks[i];
        if (q_punct(q, i, '.') && i > sent_begin && (q->lex[i - 1] & LX_TITLE)) {
            b = i;
            continue;
        }
        if (k->kind == CX_TOK_NUMBER) {
            b = i;
            continue;
        }
        if (k->kind != CX_TOK_WORD)
            break;
        uint32_t lx = q->lex[i];
        if (lx & (LX_TITLE | LX_ROLE)) {
            have_title = 1;
            b = i;
            continue;
        }
        if ((lx & (LX_STOP | LX_DET | LX_AUX | LX_SAY | LX_TELL | LX_CONJ | LX_PREP)) || !q_cap(q, i))
            break;
        b = i; /* a capitalised modifier: "Opposition", "Ward", "Defense" */
    }
    if (!have_title)
        return tb;
    while (b < tb && !(q->lex[b] & (LX_TITLE | LX_ROLE)) && q->t->toks[b].kind != CX_TOK_NUMBER &&
           !q_cap(q, b))
        b++;
    return b;
}

/* An apposition after the name ending at token te: ", a spokesperson for X,"
 * Returns its end token (exclusive, before the closing comma) or 0. */
static size_t apposition_after(const q_ctx *q, size_t te, size_t sent_end)
{
    if (te + 2 >= sent_end || !q_punct(q, te, ','))
        return 0;
    size_t i = te + 1;
    if (!(q->lex[i] & LX_DET) && !(q->lex[i] & (LX_TITLE | LX_ROLE)))
        return 0;
    int role = 0;
    for (; i < sent_end && i - te < 14; i++) {
        const cx_token *k = &q->t->toks[i];
        if (k->kind == CX_TOK_PUNCT)
            return role && (q_punct(q, i, ',') || q_punct(q, i, '.')) ? i : 0;
        if (k->kind == CX_TOK_QUOTE || (q->lex[i] & (LX_SAY | LX_TELL | LX_AUX)))
            return 0;
        if (q->lex[i] & (LX_ROLE | LX_TITLE))
            role = 1;
    }
    return 0;
}

static q_entity *new_entity(q_ctx *q, int type, const char *name)
{
    q_entity *x = &q->ents[q->n_ents++];
    memset(x, 0, sizeof *x);
    x->type = (uint8_t)type;
    x->name = (char *)name;
    return x;
}

/* Sets the entity's surname/given-name keys from its name tokens [tb, te). */
static void set_keys(q_ctx *q, q_entity *x, size_t tb, size_t te)
{
    size_t lt = te - 1;
    /* "Donald Trump Jr." keeps "Trump" as the surname */
    while (lt > tb && (q_punct(q, lt, '.') ||
                       (q->t->toks[lt].end - q->t->toks[lt].start <= 3 &&
                        (!memcmp(q->s + q->t->toks[lt].start, "Jr", 2) ||
                         !memcmp(q->s + q->t->toks[lt].start, "Sr", 2) ||
                         !memcmp(q->s + q->t->toks[lt].start, "II", 2)))))
        lt--;
    x->last = q->s + q->t->toks[lt].start;
    x->last_n = tok_end_nopos(q, lt) - q->t->toks[lt].start;
    x->first = q->s + q->t->toks[tb].start;
    x->first_n = tok_end_nopos(q, tb) - q->t->toks[tb].start;
    uint32_t w = 0;
    for (size_t i = tb; i < te; i++)
        w += q->t->toks[i].kind == CX_TOK_WORD;
    x->name_words = w;
}

static int add_mention(q_ctx *q, size_t tb, size_t te, int32_t ent)
{
    q_mention *m = &q->ments[q->n_ments];
    m->tb = (uint32_t)tb;
    m->te = (uint32_t)te;
    m->start = q->t->toks[tb].start;
    m->end = tok_end_nopos(q, te - 1);
    m->ent = ent;
    for (size_t i = tb; i < te; i++)
        q->ment_at[i] = (int32_t)q->n_ments;
    q->n_ments++;
    q->ents[ent].n_mentions++;
    return 1;
}

/* Types the name at tokens [tb, te) (after its title [ttb, tb)). */
static int type_of(const q_ctx *q, size_t tb, size_t te, int titled, size_t sent_begin,
                   size_t sent_end, int *gaz)
{
    char key[256];
    size_t n = fold_tokens(q, tb, te, key, sizeof key);
    *gaz = 0;
    int g = cx_gazetteer(key, n);
    if (!g && n > 4 && !memcmp(key, "the ", 4))
        g = cx_gazetteer(key + 4, n - 4);
    if (g) {
        *gaz = 1;
        return g;
    }
    if (titled)
        return CX_ENT_PERSON;
    uint32_t last = q->lex[te - 1], first = q->lex[tb];
    size_t words = 0;
    int upper = 1;
    for (size_t i = tb; i < te; i++)
        if (q->t->toks[i].kind == CX_TOK_WORD) {
            words++;
            if (!(q->t->toks[i].flags & CX_TF_UPPER))
                upper = 0;
        }
    if (last & LX_ORGHEAD)
        return CX_ENT_ORG;
    if ((last & LX_PLACEHEAD) && words > 1)
        return CX_ENT_PLACE;
    if ((first & LX_FIRSTNAME) && words > 1)
        return CX_ENT_PERSON;
    if (words > 1 && !(last & LX_PLACEHEAD)) {
        /* a place and more: "Perth Glory", "Toronto Hydro", "Ottawa Police" */
        char k1[64];
        size_t n1 = fold_tokens(q, tb, tb + 1, k1, sizeof k1);
        if (cx_gazetteer(k1, n1) == CX_ENT_PLACE && !(q->lex[tb + 1] & LX_CONNECT))
            return CX_ENT_ORG;
    }
    for (size_t i = tb; i < te; i++)
        if (q->lex[i] & LX_ORGHEAD)
            return CX_ENT_ORG; /* "Department of Justice", "Bank of Canada" */
    if (upper && words == 1 && q->t->toks[tb].end - q->t->toks[tb].start <= 6)
        return CX_ENT_ORG;
    if (words == 1) {
        if (find_person(q, q->s + q->t->toks[tb].start,
                        tok_end_nopos(q, tb) - q->t->toks[tb].start, 1) >= 0)
            return CX_ENT_PERSON;
        if (first & (LX_DEMONYM | LX_STOP | LX_TITLE | LX_ROLE | LX_GROUP))
            return 0;
        if (te < sent_end && (q->lex[te] & (LX_SAY | LX_TELL)))
            return CX_ENT_PERSON;
        if (tb > sent_begin && is_place_prep(q, tb - 1) &&
            !(q->t->toks[tb - 1].end - q->t->toks[tb - 1].start == 2 && q->s[q->t->toks[tb - 1].start] == 'a'))
            return CX_ENT_PLACE;
        if (te + 2 < sent_end && q_punct(q, te, ',') && q->ment_at[te + 1] < 0) {
            /* "Panaji, Goa": a place before a known one */
            char k2[64];
            size_t n2 = fold_tokens(q, te + 1, te + 2, k2, sizeof k2);
            if (cx_gazetteer(k2, n2) == CX_ENT_PLACE && q_cap(q, te + 1))
                return CX_ENT_PLACE;
        }
        return 0;
    }
    if (words > 4)
        return 0;
    if (first & (LX_DEMONYM | LX_STOP))
        return 0;
    for (size_t i = tb; i < te; i++)
        if (q->lex[i] & LX_CONNECT)
            return CX_ENT_ORG;
    /* a person needs some evidence: an initial ("Gerald A. Daniel"), the
     * surname used alone elsewhere, a reporting verb after the name */
    for (size_t i = tb + 1; i + 1 < te; i++)
        if (initial(q, i))
            return CX_ENT_PERSON;
    int plural = q->s[q->t->toks[te - 1].end - 1] == 's'; /* "Bluewake Ferries said" */
    if (seen_solo(q, te - 1) ||
        (!plural && ((te < sent_end && (q->lex[te] & (LX_SAY | LX_TELL))) ||
                     (te + 1 < sent_end && q_punct(q, te, ',') && (q->lex[te + 1] & (LX_SAY | LX_TELL))))))
        return CX_ENT_PERSON;
    if (tb > sent_begin && is_place_prep(q, tb - 1))
        return CX_ENT_PLACE;
    return 0; /* a work's title, an event, a product: not one of ours */
}

/* Records one name found at tokens [tb, te). */
static int take_name(q_ctx *q, size_t tb, size_t te, size_t sent_begin, size_t sent_end)
{
    /* title tokens inside the run: "Sen. Tim Kaine", "Secretary of State John Kerry" */
    size_t nb = tb;
    while (nb < te) {
        if (q->lex[nb] & LX_TITLE) {
            nb++;
            if (nb < te && q_punct(q, nb, '.'))
                nb++;
            continue;
        }
        if ((q->lex[nb] & LX_CONNECT) && nb > tb && (q->lex[nb - 1] & LX_TITLE)) {
            nb++;
            continue;
        }
        break;
    }
    if (nb == tb) {
        /* modifiers before the office: "Fire Chief Darius Keel", "Provincial
         * Transport Minister Tobias Renn": the name starts after the last
         * title word, when one or two capitalised words remain */
        for (size_t k = te - 1; k-- > tb + 1;)
            if ((q->lex[k] & LX_TITLE) && q->t->toks[k].kind == CX_TOK_WORD) {
                size_t r = k + 1;
                if (r < te && q_punct(q, r, '.'))
                    r++;
                if (r < te && te - r <= 3 && q_cap(q, r))
                    nb = r;
                break;
            }
    }
    if (nb >= te || !q_cap(q, nb))
        nb = tb; /* all title words: "President", "Senate" are names in themselves */
    int titled = nb > tb;
    if (titled) {
        /* "Republican Party" is not "Party" with the title "Republican" */
        char key[256];
        size_t n = fold_tokens(q, tb, te, key, sizeof key);
        if (cx_gazetteer(key, n) || (q->lex[te - 1] & LX_ORGHEAD)) {
            nb = tb;
            titled = 0;
        }
    }
    int gaz;
    size_t ttb = titled ? title_before(q, tb, sent_begin) : title_before(q, nb, sent_begin);
    int type = type_of(q, nb, te, titled || ttb < nb, sent_begin, sent_end, &gaz);
    if (!type)
        return 1;
    if (te - nb == 1 && !titled) {
        /* "Castellan" after "Castellan Marine Services": the organisation */
        const cx_token *k = &q->t->toks[nb];
        size_t kn = tok_end_nopos(q, nb) - k->start;
        char k1[64];
        size_t n1 = fold_tokens(q, nb, te, k1, sizeof k1);
        for (size_t e = 0; !cx_gazetteer(k1, n1) && e < q->n_ents; e++)
            if ((q->ents[e].type == CX_ENT_ORG || q->ents[e].type == CX_ENT_OUTLET) &&
                q->ents[e].name_words > 1 && q->ents[e].first_n == kn &&
                !memcmp(q->ents[e].first, q->s + k->start, kn) && find_person(q, q->s + k->start, kn, 1) < 0)
                return add_mention(q, nb, te, (int32_t)e);
    }
    if (type == CX_ENT_PERSON && te - nb == 1 && !titled && ttb == nb) {
        /* a surname alone joins the person already named */
        const cx_token *k = &q->t->toks[nb];
        int32_t e = find_person(q, q->s + k->start, tok_end_nopos(q, nb) - k->start, 1);
        if (e >= 0)
            return add_mention(q, nb, te, e);
    }
    char key[256];
    size_t kn = fold_tokens(q, nb, te, key, sizeof key);
    (void)kn;
    uint32_t start = q->t->toks[nb].start, end = tok_end_nopos(q, te - 1);
    if (type == CX_ENT_PERSON) {
        const cx_token *k = &q->t->toks[te - 1];
        (void)k;
        q_entity probe;
        memset(&probe, 0, sizeof probe);
        set_keys(q, &probe, nb, te);
        int32_t e = find_person(q, probe.last, probe.last_n, 0);
        if (e >= 0 && q->ents[e].name_words > 1 && probe.name_words > 1 &&
            (q->ents[e].first_n != probe.first_n ||
             memcmp(q->ents[e].first, probe.first, probe.first_n)))
            e = -1; /* Bill Clinton and Hillary Clinton */
        if (e < 0) {
            char *name = span_text(q, start, end);
            if (!name)
                return 0;
            q_entity *x = new_entity(q, CX_ENT_PERSON, name);
            set_keys(q, x, nb, te);
            e = (int32_t)(x - q->ents);
        } else if (probe.name_words > q->ents[e].name_words) {
            q_entity *x = &q->ents[e];
            if (!(x->name = span_text(q, start, end)))
                return 0;
            set_keys(q, x, nb, te);
        }
        q_entity *x = &q->ents[e];
        if (ttb < nb && !x->title) {
            uint32_t te_b = q->t->toks[nb - 1].end;
            if (!(x->title = span_text(q, q->t->toks[ttb].start, te_b)))
                return 0;
        }
        if (!x->title) {
            size_t ae = apposition_after(q, te, sent_end);
            if (ae && !(x->title = span_text(q, q->t->toks[te + 1].start, q->t->toks[ae - 1].end)))
                return 0;
        }
        for (size_t i = ttb; i < nb && !x->gender; i++)
            x->gender = (q->lex[i] & LX_MALE) ? 1 : (q->lex[i] & LX_FEMALE) ? 2 : 0;
        return add_mention(q, nb, te, e);
    }
    /* organisations, places, outlets: "The New York Times" named without "The" */
    size_t b = nb;
    if (te - b > 1 && (q->lex[b] & LX_DET))
        b++;
    char *name = span_text(q, q->t->toks[b].start, end);
    if (!name)
        return 0;
    int32_t e = find_named(q, name, type);
    if (e < 0) {
        q_entity *x = new_entity(q, type, name);
        set_keys(q, x, b, te);
        e = (int32_t)(x - q->ents);
    }
    return add_mention(q, b, te, e);
}

int q_entities(q_ctx *q)
{
    const cx_text *t = q->t;
    /* words the article writes in lower case: a sentence's first word among
     * them is a common word, not a name */
    for (size_t i = 0; i < t->n_toks; i++) {
        const cx_token *k = &t->toks[i];
        if (k->kind == CX_TOK_WORD && (k->flags & CX_TF_LOWER)) {
            uint32_t h = seen_hash(q->s + k->start, k->end - k->start);
            q->lower_seen[h >> 3] |= (uint8_t)(1u << (h & 7));
        } else if (q_cap(q, i) && !(i > 0 && q_cap(q, i - 1)) && !(i + 1 < t->n_toks && q_cap(q, i + 1))) {
            /* a capitalised word standing alone (possessive 's dropped) */
            uint32_t h = seen_hash(q->s + k->start, tok_end_nopos(q, i) - k->start);
            q->solo_seen[h >> 3] |= (uint8_t)(1u << (h & 7));
        }
    }
    for (size_t si = 0; si < t->n_sents; si++) {
        const cx_sentence *se = &t->sents[si];
        size_t i = se->tok_begin, end = se->tok_end;
        int first = 1; /* the next word opens the sentence (or a quote in it) */
        while (i < end) {
            const cx_token *k = &t->toks[i];
            if (k->kind == CX_TOK_QUOTE || q_punct(q, i, ':') || q_punct(q, i, '(') ||
                q_punct(q, i, '-') || (k->kind == CX_TOK_PUNCT && k->end - k->start == 3 &&
                                       (unsigned char)q->s[k->start] == 0xE2)) {
                first = 1;
                i++;
                continue;
            }
            if (!name_word(q, i)) {
                if (k->kind == CX_TOK_WORD || k->kind == CX_TOK_NUMBER)
                    first = 0;
                i++;
                continue;
            }
            if (first) {
                first = 0;
                uint32_t lx = q->lex[i];
                if ((lx & (LX_STOP | LX_DEMONYM | LX_AUX | LX_CONJ | LX_PREP | LX_ADV | LX_GROUP)) ||
                    (!(lx & (LX_TITLE | LX_FIRSTNAME)) && seen_lower(q, i) &&
                     !(i + 1 < end && name_word(q, i + 1)))) {
                    i++;
                    continue;
                }
            }
            size_t j = i + 1;
            while (j < end) {
                if (possessive(q, j - 1))
                    break;
                if (name_word(q, j)) {
                    j++;
                    continue;
                }
                /* initials and titles with their dot: "Donald J. Trump", "Sen. Kaine" */
                if (q_punct(q, j, '.') && j + 1 < end && name_word(q, j + 1) &&
                    (initial(q, j - 1) || (q->lex[j - 1] & LX_TITLE))) {
                    j++;
                    continue;
                }
                /* "Bank of America", "Secretary of State", "Lord of the Rings" */
                if ((q->lex[j] & LX_CONNECT) && j + 1 < end && q->t->toks[j].flags & CX_TF_LOWER &&
                    (q->lex[j - 1] & (LX_ORGHEAD | LX_TITLE | LX_PLACEHEAD))) {
                    size_t k2 = j + 1;
                    if (k2 + 1 < end && (q->lex[k2] & LX_DET) && name_word(q, k2 + 1))
                        k2++;
                    if (name_word(q, k2)) {
                        j = k2 + 1;
                        continue;
                    }
                }
                if (j + 1 < end && q->s[q->t->toks[j].start] == '&' && name_word(q, j + 1)) {
                    j += 2;
                    continue;
                }
                if (j + 1 < end && name_word(q, j + 1) && q->t->toks[j].end - q->t->toks[j].start == 3 &&
                    !memcmp(q->s + q->t->toks[j].start, "and", 3)) {
                    /* "The Globe and Mail": only names the gazetteer knows */
                    size_t j2 = j + 1;
                    while (j2 < end && name_word(q, j2) && !possessive(q, j2 - 1))
                        j2++;
                    char key[256];
                    size_t n = fold_tokens(q, i, j2, key, sizeof key);
                    if (cx_gazetteer(key, n) || (n > 4 && !memcmp(key, "the ", 4) && cx_gazetteer(key + 4, n - 4))) {
                        j = j2;
                        continue;
                    }
                }
                break;
            }
            if (!take_name(q, i, j, se->tok_begin, end))
                return 0;
            i = j;
        }
    }
    /* single words that name a person only later ("Kaine ... Tim Kaine") are
     * not revisited: news names a person in full first */
    return 1;
}

int32_t q_last_person(const q_ctx *q, size_t i, int gender)
{
    int32_t any = -1;
    for (size_t m = q->n_ments; m-- > 0;) {
        const q_mention *x = &q->ments[m];
        if (x->tb >= i || q->inq[x->tb] >= 0)
            continue;
        const q_entity *e = &q->ents[x->ent];
        if (e->type != CX_ENT_PERSON)
            continue;
        if (!gender || !e->gender || e->gender == gender)
            return x->ent;
        if (any < 0)
            any = x->ent;
    }
    return any;
}
