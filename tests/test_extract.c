/*
 * test_extract.c: the content models on fixtures we write: each kind of
 * boilerplate the extraction issue names is present and must be gone, every
 * article paragraph must stay; metadata from text; language identification.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

static const char *const article_paras[] = {
    "The Elm Street bridge in Marlow Ferry was closed on Monday after inspectors found a "
    "crack in one of its steel girders, the town council said in a statement.",
    "Council engineer Priya Halvorsen said the crack, about forty centimetres long, was "
    "spotted during a routine check and that no one had been hurt.",
    "Repairs will take at least six weeks, she said, and buses will replace the crossing "
    "until then, adding roughly twenty minutes to the trip into town.",
    "Residents who live on the north bank have asked for a temporary footbridge, and the "
    "council has promised to answer their petition by the end of the month.",
    NULL};

static void assert_article(const char *body)
{
    for (int i = 0; article_paras[i]; i++)
        if (!strstr(body, article_paras[i]))
            fail_msg("paragraph %d missing from the body:\n%s", i, body);
}

/* The first three paragraphs, in order. */
static void assert_article_start(const char *body)
{
    for (int i = 0; i < 3; i++)
        if (!strstr(body, article_paras[i]))
            fail_msg("paragraph %d missing from the body:\n%s", i, body);
}

static void assert_absent(const char *body, const char *const *junk)
{
    for (int i = 0; junk[i]; i++)
        if (strstr(body, junk[i]))
            fail_msg("boilerplate \"%s\" left in the body:\n%s", junk[i], body);
}

static t_result run_one(const char *name, const char *data, int mode)
{
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_EXTRACT_MODE, mode), CHORUS_OK);
    t_write(t_tmp(name), data, strlen(data));
    assert_int_equal(chorus_add_input(c, t_tmp(name)), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_free(c);
    return r;
}

/* A page with every kind of boilerplate around article_paras. */
static void bridge_page(char *page, size_t size)
{
    snprintf(page, size,
        "<!DOCTYPE html><html lang=\"en\"><head><title>Crack closes Elm Street bridge | Marlow Post</title>"
        "<meta property=\"og:site_name\" content=\"Marlow Post\"></head><body>"
        "<div class=\"cookie-consent\"><p>We use cookies to improve your experience on our site. By "
        "continuing you accept our use of cookies, as described in our policy.</p></div>"
        "<header class=\"site-header\"><a href=\"/\">Marlow Post</a><nav><ul><li><a href=\"/news\">News</a></li>"
        "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/opinion\">Opinion</a></li></ul></nav></header>"
        "<main><article><h1>Crack closes Elm Street bridge</h1>"
        "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a></div>"
        "<p class=\"byline\">By Tom Reyes</p>"
        "<figure><img src=\"bridge.jpg\"><figcaption>The bridge on Monday. Photo: Ana Lind / Marlow Post"
        "</figcaption></figure>"
        "<p>%s</p><p>%s</p>"
        "<div class=\"ad-slot\"><span>Advertisement</span></div>"
        "<h2>Six weeks of buses</h2><p>%s</p>"
        "<div class=\"newsletter-signup\"><p>Sign up for our morning briefing and get the day's top "
        "stories in your inbox before breakfast, every weekday.</p></div>"
        "<ul><li>Route 4 buses every ten minutes</li><li>Night bus every hour</li></ul>"
        "<blockquote>We will keep everyone moving, the council said.</blockquote>"
        "<p>%s</p>"
        "<div class=\"author-bio\"><p>Tom Reyes covers transport and city hall for the Marlow Post. "
        "He has reported on the town's roads and bridges since 2015.</p></div>"
        "</article>"
        "<aside class=\"related\"><h3>Top Stories</h3><ul>"
        "<li><a href=\"/a\">Council approves new library budget after long debate</a></li>"
        "<li><a href=\"/b\">Ferry timetable changes for the winter season announced</a></li>"
        "<li><a href=\"/c\">Local bakery wins regional bread competition again</a></li></ul></aside>"
        "<section id=\"comments\"><h3>Comments</h3><div class=\"comment\"><p>This bridge has been "
        "falling apart for years, and nobody on the council listened to the residents who warned "
        "them about it again and again, which is frankly a scandal for the whole town.</p></div></section>"
        "</main><footer><p>Copyright 2025 Marlow Post. All rights reserved.</p></footer></body></html>",
        article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
}

static void test_html_boilerplate(void **state)
{
    (void)state;
    char page[16384];
    bridge_page(page, sizeof page);
    t_result r = run_one("bridge.html", page, 0);
    assert_int_equal(r.n_articles, 1);
    const char *b = r.bodies[0];
    assert_article(b);
    assert_non_null(strstr(b, "Six weeks of buses"));              /* subheading */
    assert_non_null(strstr(b, "Route 4 buses every ten minutes")); /* list of the article */
    assert_non_null(strstr(b, "We will keep everyone moving"));    /* block quote */
    static const char *const junk[] = {"cookies", "Share on", "Photo:", "Advertisement",
                                       "Sign up", "covers transport", "Top Stories",
                                       "library budget", "falling apart", "Copyright",
                                       "Opinion", NULL};
    assert_absent(b, junk);
    assert_string_equal(r.titles[0], "Crack closes Elm Street bridge");
    assert_non_null(strstr(r.json[0], "\"language\":\"en\""));
    t_result_free(&r);
}

/* Scraped text with every kind of boilerplate around article_paras. */
static void bridge_text(char *text, size_t size)
{
    snprintf(text, size,
        "Crack closes Elm Street bridge\n"
        "Skip to main content\n"
        "1. Home\n2. News\n3. Marlow Ferry\n"
        "Crack closes Elm Street bridge\n"
        "Published 10 March 2025, 13:10\n"
        "The Elm Street bridge on Monday.\nPhoto: Ana Lind / Marlow Post\n"
        "%s\n\n"
        "The Elm Street bridge on Monday.\nPhoto: Ana Lind / Marlow Post\n"
        "%s\n\n"
        "WATCH | Residents describe the moment the crack was found\n"
        "Neighbours on the north bank tell us what they saw when the inspectors arrived. 2:31\n"
        "Sign up for our morning briefing\n"
        "Get the top stories in your inbox every weekday.\n"
        "%s\n\n"
        "%s Read the petition (opens in a new tab) online.\n\n"
        "By Tom Reyes\n"
        "With files from Meridian Press Agency\n"
        "MORE FROM US\n"
        "Library budget approved after long debate\n"
        "The council voted late on Tuesday to keep all branches open next year.\n"
        "Ferry timetable changes for winter\n"
        "Crossings to the island will run every forty minutes from November.\n"
        "Bakery wins regional bread prize\n"
        "The Mill Lane bakery took first place for the third year running.\n"
        "Comments\n"
        "This bridge has been falling apart for years and nobody listened to the residents.\n"
        "Follow us\n"
        "\xC2\xA9 2025 Marlow Post. All rights reserved.\n",
        article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
}

static void test_text_boilerplate_and_metadata(void **state)
{
    (void)state;
    char text[16384];
    bridge_text(text, sizeof text);
    t_result r = run_one("bridge.txt", text, 0);
    assert_int_equal(r.n_articles, 1);
    const char *b = r.bodies[0];
    assert_article(b);
    static const char *const junk[] = {"Skip to", "1. Home", "2. News", "Photo:",
                                       "The Elm Street bridge on Monday.", "WATCH",
                                       "Neighbours on the north bank", "Sign up", "inbox",
                                       "opens in a new tab", "By Tom Reyes", "With files from",
                                       "MORE FROM US", "Library budget", "forty minutes",
                                       "Comments", "falling apart", "Follow us", "rights reserved",
                                       "Published 10 March", NULL};
    assert_absent(b, junk);
    const char *j = r.json[0];
    assert_non_null(strstr(j, "\"title\":\"Crack closes Elm Street bridge\""));
    assert_non_null(strstr(j, "\"byline\":\"Tom Reyes\""));
    assert_non_null(strstr(j, "\"outlet\":\"Marlow Post\""));
    assert_non_null(strstr(j, "\"published\":\"2025-03-10T13:10\""));
    assert_non_null(strstr(j, "\"credits\":[\"With files from Meridian Press Agency\"]"));
    t_result_free(&r);
}

/* A research corpus's text: a sentence a line, one newline apart, with an
 * empty title. Every line is kept as a paragraph, two newlines apart, so the
 * body is longer than its source; it used to overflow the body's bound and
 * be rejected as "out of memory" (ECB+ texts did). */
static void test_text_lines_one_newline_apart(void **state)
{
    (void)state;
    /* words of ours, in lines as long as an ECB+ text's */
    static const char text[] =
        "The said replace the before the late board would on walkway whi.\n"
        "Harbour crews planks ferry spring council the said replace the before the late board would on.\n"
        "Board would on walkway while met harbour crews planks ferry spring council the said replace the before the late board would on walkway w.\n"
        "Said replace the before the late board would on walkway while met harbour crews planks ferry spring council the.\n"
        "Crews planks ferry spring council the said replace the before the late board would on walkway while met harbour crews planks fer.\n"
        "Would on walkway while met harbour crews planks ferry spring council the said replace the before the late board would on walkway while met harbour crews.\n"
        "Replace the before the late board would on walkway while met harbour crews planks ferry spring council the said re.\n"
        "Planks ferry spring council the said replace the before the late board would on walkway while?\n"
        "On walkway while met harbour crews planks ferry spring c?\n"
        "The before the late board would on walkway while met harbour crews.\n"
        "Ferry spring council t.\n"
        "Walkway while met harbour crews planks ferry spring council the said replace.\n"
        "Before the late board would on walkway while met harbour crews planks ferry spring council the said replace the before the late board would on walkwa.\n"
        "Spring council the said r.\n"
        "While met harbour crews planks ferry spring council the said replace the before the late board would on walkway while.\n"
        "The late board wou?\n"
        "Council the said replace the b?\n"
        "Met harbour crews planks ferry spring council the said replace the be.\n";
    char body[sizeof text];
    memcpy(body, text, sizeof text);
    body[sizeof text - 2] = '\0'; /* no newline after the last line, as the corpus has it */
    json_t *rec = json_pack("{s:s, s:s, s:s}", "id", "lines", "title", "", "text", body);
    char *line = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    char doc[8192];
    snprintf(doc, sizeof doc, "%s\n", line);
    free(line);
    t_result r = run_one("lines.jsonl", doc, 0);
    assert_int_equal(r.n_diags, 0);
    assert_int_equal(r.n_articles, 1);
    int paras = 1;
    for (const char *p = r.bodies[0]; (p = strstr(p, "\n\n")); p += 2)
        paras++;
    assert_int_equal(paras, 18);
    assert_true(strlen(r.bodies[0]) > strlen(body));
    t_result_free(&r);
}

static void test_text_mode_on_a_page(void **state)
{
    (void)state;
    /* --mode text on HTML: the page is flattened to its visible text first. */
    char page[8192];
    snprintf(page, sizeof page,
             "<html><body><div><a href=\"/\">Home</a></div><div><a href=\"/n\">News</a></div>"
             "<h1>Crack closes Elm Street bridge</h1><div>%s</div><div>%s</div><div>%s</div>"
             "<div>%s</div><div>MORE FROM US</div><div>Other story headline here</div></body></html>",
             article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
    t_result r = run_one("flat.html", page, 2);
    assert_int_equal(r.n_articles, 1);
    assert_article(r.bodies[0]);
    assert_null(strstr(r.bodies[0], "MORE FROM US"));
    assert_null(strstr(r.bodies[0], "Home"));
    t_result_free(&r);
    /* --mode html on a .txt holding markup: it is read as a page. */
    r = run_one("markup.txt", page, 1);
    assert_int_equal(r.n_articles, 1);
    assert_null(strstr(r.bodies[0], "<div>"));
    assert_article(r.bodies[0]);
    t_result_free(&r);
}

/* A municipal page: a menu hundreds of lines long and a tag cloud (long lines
 * of words without punctuation) come before the article, whose headline is
 * repeated only in the last quarter of the lines. */
static void test_text_long_menu_and_tag_cloud(void **state)
{
    (void)state;
    size_t cap = 65536, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "Crack closes Elm Street bridge\n\nMENU\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(text + n, cap - n, "Council office %d\n", i);
    n += (size_t)snprintf(text + n, cap - n,
        "bridges buses council culture dance education elections environment events festival "
        "football harbour health housing library markets museum parking parks planning police "
        "recycling roads schools sport taxes theatre tourism traffic transport water weather\n"
        "Crack closes Elm Street bridge\n"
        "%s\n%s\n%s\n%s\n"
        "Facebook Twitter Whatsapp\nBack\n",
        article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
    t_result r = run_one("menu.txt", text, 2);
    free(text);
    assert_int_equal(r.n_articles, 1);
    assert_article(r.bodies[0]);
    static const char *const junk[] = {"Council office", "bridges buses council", "Facebook", NULL};
    assert_absent(r.bodies[0], junk);
    t_result_free(&r);
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* A page that keeps a hidden schema.org copy of its article (one block, the
 * paragraphs run together): the copy is not the article a second time, and
 * the visible items it confirms stay even though each opens with a link (a
 * roundup looks like a list of teaser cards). */
static void test_html_hidden_copy(void **state)
{
    (void)state;
    static const char *const items[] = {
        "The harbour ferry timetable changes on Sunday", "the first boat now leaves at six, an hour earlier than before, the operator said.",
        "Library opening hours grow in the winter", "the main branch stays open until nine on weekdays from December.",
        "The Ash Lane market moves indoors", "traders will use the old grain hall until the square is repaved in spring.",
        NULL};
    char list[2048] = "", plain[2048] = "";
    size_t ln = 0, pn = 0;
    for (int i = 0; items[i]; i += 2) {
        ln += (size_t)snprintf(list + ln, sizeof list - ln,
                               "<li><strong><a href=\"/n/%d\">%s</a>.</strong> %s</li>", i, items[i], items[i + 1]);
        pn += (size_t)snprintf(plain + pn, sizeof plain - pn, "%s. %s\n", items[i], items[i + 1]);
    }
    char page[16384];
    snprintf(page, sizeof page,
        "<html><head><title>Crack closes Elm Street bridge</title></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
        "<div class=\"story\"><h1>Crack closes Elm Street bridge</h1>"
        "<p>%s</p><p>%s</p><p>Also in town this week:</p><ol>%s</ol><p>%s</p><p>%s</p></div>"
        "<div style=\"display:none\" itemscope itemtype=\"http://schema.org/NewsArticle\">"
        "<div itemprop=\"headline\">Crack closes Elm Street bridge</div>"
        "<div itemprop=\"articleBody\">\n%s\n%s\nAlso in town this week:\n%s%s\n%s\n</div></div>"
        "</body></html>",
        article_paras[0], article_paras[1], list, article_paras[2], article_paras[3],
        article_paras[0], article_paras[1], plain, article_paras[2], article_paras[3]);
    t_result r = run_one("copy.html", page, 1);
    assert_int_equal(r.n_articles, 1);
    assert_article(r.bodies[0]);
    for (int i = 0; items[i]; i += 2)
        if (!strstr(r.bodies[0], items[i + 1]))
            fail_msg("roundup item \"%s\" missing:\n%s", items[i], r.bodies[0]);
    assert_int_equal(count_of(r.bodies[0], "routine check"), 1);
    t_result_free(&r);
}

/* A schedule without sentence punctuation inside the element the page
 * declares its article body, on a page whose only sentences are a comment
 * notice and a club blurb: the schedule is the article. */
static void test_html_declared_body_list(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>Marlow rowing regatta 2025 calendar</title></head><body>"
        "<div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/rowing\">Rowing</a></div>"
        "<div class=\"post\"><div itemprop=\"articleBody\">"
        "<h1>Marlow rowing regatta 2025 calendar</h1>"
        "<p>Round 1: 12 April \xE2\x80\x93 Marlow Ferry harbour<br>"
        "Round 2: 3 May \xE2\x80\x93 Ash Lake<br>Round 3: 24 May \xE2\x80\x93 Elm reach<br>"
        "Round 4: 14 June \xE2\x80\x93 to be announced<br>Round 5: 5 July \xE2\x80\x93 "
        "Marlow Ferry harbour<br>Final: 2 August \xE2\x80\x93 North bank course</p>"
        "<p>Calendar subject to change by the organisers</p>"
        "<p class=\"notice\">PLEASE NOTE: comments that are abusive or off topic will not be "
        "approved by the moderators of this site.</p></div></div>"
        "<div class=\"sidebar\"><p>Most read</p><a href=\"/a\">Other story one</a></div>"
        "<div class=\"links\"><a href=\"/1\">Rowing results archive</a> <a href=\"/2\">Sailing "
        "results archive</a> <a href=\"/3\">Canoe results archive</a> <a href=\"/4\">Swimming "
        "results archive</a> <a href=\"/5\">Cycling results archive</a> <a href=\"/6\">Running "
        "results archive</a> <a href=\"/7\">Triathlon results archive</a></div>"
        "<div class=\"club\"><p>The Marlow Rowing Club was founded in 1921 and has organised "
        "races on the river every summer since then, war years aside.</p></div>"
        "</body></html>";
    t_result r = run_one("calendar.html", page, 1);
    assert_int_equal(r.n_articles, 1);
    assert_non_null(strstr(r.bodies[0], "Round 2: 3 May"));
    assert_non_null(strstr(r.bodies[0], "Final: 2 August"));
    t_result_free(&r);
}

/* A blog page: the post, then other posts as <article>s holding an excerpt cut
 * with an ellipsis (each with its own class, so not siblings alike). */
static void test_html_excerpt_articles(void **state)
{
    (void)state;
    static const char *const excerpts[] = {
        "The new footbridge over the Marl will be built of timber, the council decided on "
        "Tuesday, after a long debate about the cost of steel and the \xE2\x80\xA6",
        "Volunteers planted two hundred oak saplings along the north bank this weekend, and "
        "they plan to come back in the spring to plant [\xE2\x80\xA6]",
        "The harbour master says the ferry will keep its winter timetable until March, when "
        "the new boat arrives from the yard in \xE2\x80\xA6",
        NULL};
    char page[16384];
    size_t n = (size_t)snprintf(page, sizeof page,
        "<html><head><title>Crack closes Elm Street bridge</title></head><body><div class=\"wrap\">"
        "<article class=\"post-100 post\"><h1>Crack closes Elm Street bridge</h1>"
        "<p>%s</p><p>%s</p><p>%s</p><p>%s</p></article>",
        article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
    for (int i = 0; excerpts[i]; i++)
        n += (size_t)snprintf(page + n, sizeof page - n,
                              "<article class=\"post-%d post\"><p>%s</p></article>", 200 + i, excerpts[i]);
    snprintf(page + n, sizeof page - n, "</div></body></html>");
    t_result r = run_one("excerpts.html", page, 1);
    assert_int_equal(r.n_articles, 1);
    assert_article(r.bodies[0]);
    static const char *const junk[] = {"footbridge over the Marl", "oak saplings", "harbour master", NULL};
    assert_absent(r.bodies[0], junk);
    t_result_free(&r);
}

static void test_html_odd_structure(void **state)
{
    (void)state;
    /* Found by fuzzing: elements after </html>, an unclosed <head> holding the
     * body, void elements without end tags. */
    char page[8192];
    snprintf(page, sizeof page,
             "<html><head><title>T</title><body><div><input type=text><p>%s</p><img src=x>"
             "<p>%s</p></div></body></html><div><p>%s</p></div><section><p>%s</p>",
             article_paras[0], article_paras[1], article_paras[2], article_paras[3]);
    t_result r = run_one("odd.html", page, 0);
    assert_int_equal(r.n_articles, 1);
    assert_non_null(strstr(r.bodies[0], article_paras[0]));
    assert_non_null(strstr(r.bodies[0], article_paras[1]));
    t_result_free(&r);
}

static void test_short_clean_text_kept_whole(void **state)
{
    (void)state;
    /* A short, clean text (a wire brief) has no long prose: all of it is the article. */
    t_result r = run_one("brief.txt", "Bridge closed\n\nThe bridge is closed.\nBuses run instead.\n", 0);
    assert_int_equal(r.n_articles, 1);
    assert_string_equal(r.bodies[0], "The bridge is closed.\n\nBuses run instead.");
    t_result_free(&r);
}

static void test_language_identification(void **state)
{
    (void)state;
    static const struct {
        const char *text, *lang;
    } cases[] = {
        {"Le pont de la rue des Ormes a été fermé lundi après que des inspecteurs ont découvert "
         "une fissure dans une poutre, a annoncé le conseil municipal dans un communiqué.", "fr"},
        {"Die Brücke in der Ulmenstraße wurde am Montag gesperrt, nachdem Prüfer einen Riss in "
         "einem Stahlträger entdeckt hatten, teilte der Gemeinderat in einer Erklärung mit.", "de"},
        {"El puente de la calle Olmo fue cerrado el lunes después de que los inspectores "
         "encontraran una grieta en una de sus vigas de acero, informó el ayuntamiento.", "es"},
        {"The Elm Street bridge was closed on Monday after inspectors found a crack in one of "
         "its steel girders, the town council said in a statement on its website.", "en"},
        /* the function-word pre-pass hands these to their relatives' profiles */
        {"A ponte da rua dos Olmos foi fechada na segunda-feira depois que os inspetores "
         "encontraram uma rachadura em uma das vigas de a\xC3\xA7o, informou a prefeitura em "
         "um comunicado.", "pt"},
        {"Il ponte di via degli Olmi \xC3\xA8 stato chiuso luned\xC3\xAC dopo che gli "
         "ispettori hanno trovato una crepa in una delle travi di acciaio, ha comunicato il "
         "consiglio comunale.", "it"},
        /* ...and the script these */
        {"\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82 \xD0\xBD\xD0\xB0 \xD1\x83\xD0\xBB\xD0\xB8"
         "\xD1\x86\xD0\xB5 \xD0\x92\xD1\x8F\xD0\xB7\xD0\xBE\xD0\xB2 \xD0\xB7\xD0\xB0"
         "\xD0\xBA\xD1\x80\xD1\x8B\xD0\xBB\xD0\xB8 \xD0\xB2 \xD0\xBF\xD0\xBE\xD0\xBD"
         "\xD0\xB5\xD0\xB4\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xBD\xD0\xB8\xD0\xBA, \xD0\xBA"
         "\xD0\xBE\xD0\xB3\xD0\xB4\xD0\xB0 \xD0\xB8\xD0\xBD\xD1\x81\xD0\xBF\xD0\xB5"
         "\xD0\xBA\xD1\x82\xD0\xBE\xD1\x80\xD1\x8B \xD0\xBD\xD0\xB0\xD1\x88\xD0\xBB"
         "\xD0\xB8 \xD1\x82\xD1\x80\xD0\xB5\xD1\x89\xD0\xB8\xD0\xBD\xD1\x83 \xD0\xB2 "
         "\xD0\xB1\xD0\xB0\xD0\xBB\xD0\xBA\xD0\xB5.", "ru"},
        {"\xE6\xA9\x8B\xE3\x81\xAF\xE6\x9C\x88\xE6\x9B\x9C\xE6\x97\xA5\xE3\x81\xAB"
         "\xE9\x96\x89\xE9\x8E\x96\xE3\x81\x95\xE3\x82\x8C\xE3\x81\xBE\xE3\x81\x97"
         "\xE3\x81\x9F\xE3\x80\x82\xE6\xA4\x9C\xE6\x9F\xBB\xE5\x93\xA1\xE3\x81\x8C"
         "\xE9\x8B\xBC\xE3\x81\xAE\xE6\xA2\x81\xE3\x81\xAB\xE3\x81\xB2\xE3\x81\xB3"
         "\xE3\x82\x92\xE8\xA6\x8B\xE3\x81\xA4\xE3\x81\x91\xE3\x81\x9F\xE3\x81\x9F"
         "\xE3\x82\x81\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82", "ja"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[32], text[1024], want[64];
        snprintf(name, sizeof name, "lang%zu.txt", i);
        snprintf(text, sizeof text, "Headline\n\n%s\n", cases[i].text);
        t_result r = run_one(name, text, 0);
        assert_int_equal(r.n_articles, 1);
        snprintf(want, sizeof want, "\"language\":\"%s\"", cases[i].lang);
        if (!strstr(r.json[0], want))
            fail_msg("%s: expected %s in %s", cases[i].lang, want, r.json[0]);
        t_result_free(&r);
    }
    /* The page's own declaration wins over the detector. */
    t_result r = run_one("declared.html",
                         "<html lang=\"nl\"><body><p>The Elm Street bridge was closed on Monday "
                         "after inspectors found a crack in one of its girders.</p></body></html>", 0);
    assert_non_null(strstr(r.json[0], "\"language\":\"nl\""));
    t_result_free(&r);
}

static void test_samples_text_metadata(void **state)
{
    (void)state;
    /* samples/README.md section 3.1: the .txt files name outlet and date in their text. */
    t_result r;
    chorus *c = t_engine(&r, NULL);
    assert_int_equal(chorus_add_input(c, t_src("samples/text/vpr-contractor-denies-skipped-inspection.txt")), CHORUS_OK);
    assert_int_equal(chorus_add_input(c, t_src("samples/text/saltmarshcourier-greywater-gangway.txt.gz")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_free(c);
    assert_int_equal(r.n_articles, 2);
    assert_non_null(strstr(r.json[0], "\"outlet\":\"Veloria Public Radio\""));
    assert_non_null(strstr(r.json[0], "\"published\":\"2025-03-12T12:20\""));
    assert_non_null(strstr(r.json[1], "\"outlet\":\"The Saltmarsh Courier\""));
    assert_non_null(strstr(r.json[1], "\"published\":\"2025-03-11T18:05\""));
    assert_non_null(strstr(r.json[1], "\"byline\":\"Ana Rourke\""));
    /* A body sentence that follows a WATCH block stays (samples/README.md 3.2). */
    t_result_free(&r);
}


/* The removed text, kept as the article's "boilerplate": fails unless some
 * record of the kind holds the text. */
static void assert_removed(json_t *bp, const char *kind, const char *text)
{
    size_t i;
    json_t *x;
    json_array_foreach(bp, i, x)
        if (!strcmp(json_string_value(json_object_get(x, "kind")), kind) &&
            strstr(json_string_value(json_object_get(x, "text")), text))
            return;
    char *dump = json_dumps(bp, JSON_INDENT(1));
    fail_msg("no \"%s\" record with \"%s\" in:\n%s", kind, text, dump);
    free(dump);
}

/* No record holds the text. */
static void assert_not_removed(json_t *bp, const char *text)
{
    size_t i;
    json_t *x;
    json_array_foreach(bp, i, x)
        if (strstr(json_string_value(json_object_get(x, "text")), text))
            fail_msg("\"%s\" is in the boilerplate (%s record)", text,
                     json_string_value(json_object_get(x, "kind")));
}

static json_t *boilerplate_of(const char *article_json, json_t **doc)
{
    *doc = json_loads(article_json, 0, NULL);
    assert_non_null(*doc);
    json_t *bp = json_object_get(*doc, "boilerplate");
    if (!json_is_array(bp) || json_array_size(bp) == 0)
        fail_msg("no boilerplate array in %s", article_json);
    return bp;
}

static void test_html_removed_kept(void **state)
{
    (void)state;
    char page[16384];
    bridge_page(page, sizeof page);
    t_result r = run_one("bridge.html", page, 0);
    assert_int_equal(r.n_articles, 1);
    json_t *doc, *bp = boilerplate_of(r.json[0], &doc);
    assert_removed(bp, "navigation", "News \xC2\xB7 Sport \xC2\xB7 Opinion"); /* a menu: one record */
    assert_removed(bp, "caption", "Photo: Ana Lind");
    assert_removed(bp, "teaser", "Top Stories");
    assert_removed(bp, "teaser", "library budget");
    assert_removed(bp, "comments", "falling apart");
    assert_removed(bp, "interface", "Advertisement");
    assert_removed(bp, "interface", "We use cookies");
    assert_removed(bp, "interface", "Copyright 2025 Marlow Post");
    assert_not_removed(bp, "Crack closes Elm Street bridge"); /* the headline is the title */
    for (int i = 0; article_paras[i]; i++)
        assert_not_removed(bp, article_paras[i]);
    json_decref(doc);
    t_result_free(&r);

    /* ...and none when asked not to keep it; the body is the same. */
    t_result r2;
    chorus *c = t_engine(&r2, NULL);
    assert_int_equal(chorus_set_param(c, CHORUS_PARAM_KEEP_BOILERPLATE, 0), CHORUS_OK);
    t_write(t_tmp("bridge2.html"), page, strlen(page));
    assert_int_equal(chorus_add_input(c, t_tmp("bridge2.html")), CHORUS_OK);
    assert_int_equal(chorus_run(c), CHORUS_OK);
    chorus_free(c);
    assert_int_equal(r2.n_articles, 1);
    assert_null(strstr(r2.json[0], "\"boilerplate\""));
    t_result r3 = run_one("bridge3.html", page, 0);
    assert_string_equal(r2.bodies[0], r3.bodies[0]);
    t_result_free(&r2);
    t_result_free(&r3);
}

static void test_text_removed_kept(void **state)
{
    (void)state;
    char text[16384];
    bridge_text(text, sizeof text);
    t_result r = run_one("bridge.txt", text, 0);
    assert_int_equal(r.n_articles, 1);
    json_t *doc, *bp = boilerplate_of(r.json[0], &doc);
    assert_removed(bp, "interface", "Skip to main content");
    assert_removed(bp, "navigation", "1. Home \xC2\xB7 2. News \xC2\xB7 3. Marlow Ferry");
    assert_removed(bp, "repeat", "Photo: Ana Lind"); /* printed twice */
    assert_removed(bp, "metadata", "Published 10 March 2025");
    assert_removed(bp, "metadata", "By Tom Reyes");
    assert_removed(bp, "interface", "Sign up for our morning briefing");
    assert_removed(bp, "teaser", "MORE FROM US");
    assert_removed(bp, "teaser", "Library budget approved");
    assert_removed(bp, "comments", "falling apart");
    assert_not_removed(bp, "With files from"); /* a credit: metadata of its own */
    for (int i = 0; article_paras[i]; i++)
        assert_not_removed(bp, article_paras[i]);
    json_decref(doc);
    t_result_free(&r);
}

/* A page of 3,000 menu links keeps at most CX_REMOVED_MAX (16 KiB) of them
 * and says what it left. */
static void test_removed_bounded(void **state)
{
    (void)state;
    size_t cap = 400000, n = 0;
    char *page = malloc(cap);
    assert_non_null(page);
    n += (size_t)snprintf(page + n, cap - n, "<html><body><nav><ul>");
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(page + n, cap - n, "<li><a href=\"/s%d\">Section number %d</a></li>", i, i);
    n += (size_t)snprintf(page + n, cap - n, "</ul></nav><article><p>%s</p><p>%s</p><p>%s</p></article></body></html>",
                          article_paras[0], article_paras[1], article_paras[2]);
    t_result r = run_one("menu.html", page, 0);
    free(page);
    assert_int_equal(r.n_articles, 1);
    assert_article_start(r.bodies[0]);
    json_t *doc, *bp = boilerplate_of(r.json[0], &doc);
    size_t total = 0, i;
    json_t *x;
    json_array_foreach(bp, i, x)
        total += strlen(json_string_value(json_object_get(x, "text"))) +
                 strlen(json_string_value(json_object_get(x, "kind"))) + 2;
    assert_true(total <= 16 * 1024 + 100);
    assert_removed(bp, "navigation", "Section number 0");
    json_t *last = json_array_get(bp, json_array_size(bp) - 1);
    assert_string_equal(json_string_value(json_object_get(last, "kind")), "truncated");
    json_decref(doc);
    t_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_boilerplate),
        cmocka_unit_test(test_text_boilerplate_and_metadata),
        cmocka_unit_test(test_text_mode_on_a_page),
        cmocka_unit_test(test_text_lines_one_newline_apart),
        cmocka_unit_test(test_text_long_menu_and_tag_cloud),
        cmocka_unit_test(test_html_hidden_copy),
        cmocka_unit_test(test_html_declared_body_list),
        cmocka_unit_test(test_html_excerpt_articles),
        cmocka_unit_test(test_html_odd_structure),
        cmocka_unit_test(test_short_clean_text_kept_whole),
        cmocka_unit_test(test_language_identification),
        cmocka_unit_test(test_samples_text_metadata),
        cmocka_unit_test(test_html_removed_kept),
        cmocka_unit_test(test_text_removed_kept),
        cmocka_unit_test(test_removed_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
