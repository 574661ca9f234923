/* use.c: a program built against an installed libchorus through pkg-config (tests/install.sh). */
#include <chorus.h>
#include <stdio.h>
int main(void)
{
    chorus *c = chorus_new();
    const char page[] = "<html><head><title>Hello</title></head><body><p>The bridge in Marlow Ferry reopened on Monday, the council said.</p></body></html>";
    if (chorus_open_store(c, ":memory:") || chorus_add_buffer(c, "page.html", page, sizeof page - 1, CHORUS_FORMAT_HTML))
        return 1;
    chorus_set_output(c, stdout, CHORUS_OUT_JSON | CHORUS_OUT_COMPACT);
    int st = chorus_run(c);
    printf("status %d, %s, articles %llu\n", st, chorus_version(), (unsigned long long)chorus_get_stats(c).articles);
    chorus_free(c);
    return st;
}
