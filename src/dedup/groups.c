/*
 * groups.c: copy groups and their origins.
 *
 * Copy relations join articles into groups (connected components). Each group
 * has one origin, the article the others derive from: an article whose outlet
 * another member credits ("(MPA) -", "with files from Meridian Press Agency")
 * comes first; then the earliest published; then the most complete (longest).
 * Every other member is reported as a copy of that origin, so chains (A copied
 * by B, B rewritten by C) resolve to A.
 */
#include "dedup/dedup.h"
#include "util/alloc.h"

#include <string.h>

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static long member_of(const cx_copy_member *m, size_t n, int64_t seq)
{
    size_t lo = 0, hi = n; /* members are sorted by seq */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m[mid].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && m[lo].seq == seq ? (long)lo : -1;
}

/* Is a better origin than b? */
static int better_origin(const cx_copy_member *a, int a_credited, const cx_copy_member *b,
                         int b_credited)
{
    if (a_credited != b_credited)
        return a_credited;
    if (a->published != b->published)
        return a->published < b->published;
    if (a->length != b->length)
        return a->length > b->length;
    return a->seq < b->seq;
}

static int strength(int kind)
{
    return kind == CX_COPY_EXACT ? 4 : kind == CX_COPY_NEAR ? 3 : kind == CX_COPY_SYNDICATED ? 2 : 1;
}

int cx_copy_groups(const cx_copy_edge *edges, size_t ne, const cx_copy_member *mem, size_t nm,
                   const int64_t *only, size_t n_only, cx_copy_out **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (nm == 0)
        return 1;
    size_t *parent = cx_malloc(nm * sizeof *parent);
    int *credited = cx_calloc(nm, sizeof *credited);
    size_t *origin = cx_malloc(nm * sizeof *origin);
    char *wanted = cx_calloc(nm, 1);
    cx_copy_out *res = cx_calloc(nm, sizeof *res);
    int ok = parent && credited && origin && wanted && res;
    if (!ok)
        goto done;
    for (size_t i = 0; i < nm; i++)
        parent[i] = i;
    for (size_t e = 0; e < ne; e++) {
        long a = member_of(mem, nm, edges[e].a), b = member_of(mem, nm, edges[e].b);
        if (a < 0 || b < 0)
            continue;
        size_t ra = find(parent, (size_t)a), rb = find(parent, (size_t)b);
        if (ra != rb)
            parent[ra] = rb;
        if (cx_credits(mem[a].credit, mem[b].outlet))
            credited[b] = 1;
        if (cx_credits(mem[b].credit, mem[a].outlet))
            credited[a] = 1;
    }
    /* The origin of each group. */
    for (size_t i = 0; i < nm; i++)
        origin[i] = (size_t)-1;
    for (size_t i = 0; i < nm; i++) {
        size_t r = find(parent, i);
        if (origin[r] == (size_t)-1 ||
            better_origin(&mem[i], credited[i], &mem[origin[r]], credited[origin[r]]))
            origin[r] = i;
    }
    /* Which groups to report: those holding one of `only` (all without it). */
    for (size_t k = 0; k < n_only; k++) {
        long i = member_of(mem, nm, only[k]);
        if (i >= 0)
            wanted[find(parent, (size_t)i)] = 1;
    }
    /* Each member's relation: the one to its origin when there is one, else
     * its strongest; one pass over the relations. */
    for (size_t e = 0; e < ne; e++) {
        long ends[2] = {member_of(mem, nm, edges[e].a), member_of(mem, nm, edges[e].b)};
        if (ends[0] < 0 || ends[1] < 0)
            continue;
        for (int side = 0; side < 2; side++) {
            size_t i = (size_t)ends[side], other = (size_t)ends[1 - side];
            cx_copy_out *r = &res[i];
            int to_origin = other == origin[find(parent, i)];
            if (r->to_origin && !to_origin)
                continue;
            if ((to_origin && !r->to_origin) || !r->kind || strength(edges[e].kind) > strength(r->kind) ||
                (strength(edges[e].kind) == strength(r->kind) && edges[e].similarity > r->similarity)) {
                r->kind = edges[e].kind;
                r->similarity = edges[e].similarity;
                r->aligned = edges[e].aligned;
                /* pairs are stored (lower row, higher row); side 1 is the higher */
                r->pairs = edges[e].pairs;
                r->pairs_flip = side == 1;
                r->to_origin = to_origin;
            }
        }
    }
    /* Listed in member order, each with its group's origin. */
    size_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        size_t r = find(parent, i), o = origin[r];
        if (i == o || (only && !wanted[r]))
            continue;
        int kind = res[i].kind;
        double sim = res[i].similarity;
        uint32_t aligned = res[i].aligned;
        const char *pairs = res[i].to_origin && kind == CX_COPY_REWRITE ? res[i].pairs : NULL;
        int flip = res[i].pairs_flip;
        /* A copy that credits its origin's outlet is syndicated, however close. */
        if ((kind == CX_COPY_NEAR || kind == CX_COPY_SYNDICATED) &&
            cx_credits(mem[i].credit, mem[o].outlet))
            kind = CX_COPY_SYNDICATED;
        res[k].copy = mem[i].id;
        res[k].origin = mem[o].id;
        res[k].kind = kind;
        res[k].similarity = sim;
        res[k].aligned = aligned;
        res[k].pairs = pairs;
        res[k].pairs_flip = flip;
        res[k].to_origin = 0;
        k++;
    }
    *n_out = k;
    *out = res;
    res = NULL;
done:
    cx_free(parent);
    cx_free(credited);
    cx_free(origin);
    cx_free(wanted);
    cx_free(res);
    return ok;
}
