/*
 * phrases.c: interface lines and section heads, shared by both content models.
 *
 * News sites print the same furniture everywhere: buttons, prompts, labels
 * and credits ("Share on Facebook", "Sign up for our newsletter", "Photo:",
 * "Advertisement"). A phrase of several words (or one ending in punctuation)
 * marks a line that starts with it; a single word ("Share", "Print", "Home")
 * marks only a line that is nothing else, so "Close to 200 people came" stays.
 * Generic words of the trade, not any one site's.
 */
#include "extract/extract.h"
#include "util/str.h"

#include <string.h>

static const char *const phrases[] = {
    "skip to", "jump to", "advertisement", "advertising", "sponsored content", "share this",
    "share on", "share:", "share via", "tweet this", "copy link", "follow us", "follow @",
    "click to", "click here", "tap to", "sign up", "subscribe to", "subscribe now",
    "already a subscriber", "log in", "sign in", "create an account", "register now",
    "get the", "get our", "get the latest", "download the", "read more", "read next",
    "read also", "see also", "related:", "related articles", "related stories", "more from",
    "you may also like", "you might also like", "top stories", "most read", "most popular",
    "watch:", "watch |", "watch now", "listen:", "play video", "video:", "image:", "photo:",
    "photograph:", "picture:", "credit:", "source:", "caption:", "hide caption",
    "toggle caption", "enlarge this image", "getty images", "reuters/", "ap photo",
    "(ap photo", "file photo", "\xC2\xA9", "copyright", "all rights reserved",
    "we use cookies", "this site uses cookies", "this website uses cookies", "manage cookies",
    "accept cookies", "cookie policy", "privacy policy", "terms of use", "terms of service",
    "report an error", "report a typo", "send us feedback", "leave a comment",
    "post a comment", "add a comment", "show comments", "view comments", "next article",
    "previous article", "previous post", "next post", "older post", "newer post",
    "previous story", "next story", "tags:", "topics:", "filed under", "more:",
    "support our journalism", "become a member", "want more", "stay up to date",
    "please, fill", "please fill", "you have successfully", "you have succesfully",
    "thank you for subscribing", "thanks for subscribing", "every day we send",
    "this article was", "back to top", NULL};

static const char *const words[] = {
    "share", "tweet", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit",
    "email", "e-mail", "print", "permalink", "reply", "flag", "like", "upvote", "close",
    "menu", "search", "home", "loading", "accept", "expand", "collapse", "newsletter",
    "subscribe", "login", "register", "donate", "comments", "comment", "advertisement",
    "sponsored", "trending", "recommended", "listen", NULL};

int cx_interface_line(const char *s, size_t n)
{
    s = cx_trim(s, &n);
    if (n == 0 || n > 160)
        return 0;
    char c0 = cx_lower(s[0]);
    for (const char *const *p = phrases; *p; p++) {
        if ((*p)[0] != c0)
            continue; /* most phrases fail on their first letter: no strlen for them */
        size_t k = strlen(*p);
        if (n >= k && cx_ascii_ncaseeq(s, *p, k) &&
            (n == k || !cx_is_alpha((*p)[k - 1]) || !cx_is_alpha(s[k])))
            return 1;
    }
    /* a whole line that is one word, with trailing punctuation or a count */
    size_t w = n;
    while (w && (!cx_is_alpha(s[w - 1]) && s[w - 1] != '-'))
        w--;
    if (w == 0 || w > 16)
        return 0;
    for (const char *const *p = words; *p; p++)
        if ((*p)[0] == c0 && cx_span_caseeq(s, w, *p))
            return 1;
    return 0;
}

/* Whole short lines that open a list of other stories, or comments: the
 * article does not go on past them. */
static const char *const story_lists[] = {
    "more from us", "more from", "more stories", "more news", "related", "related stories",
    "related articles", "related coverage", "related content", "recommended",
    "recommended for you", "you may also like", "you might also like", "trending",
    "trending now", "most read", "most popular", "most viewed", "top stories",
    "latest news", "latest", "popular", "read more", "more on this story", "around the web",
    "from our partners", "elsewhere on", "editor's picks", "editors' picks", "don't miss",
    "opinion", "in other news", "also in the news", "what to read next", "more in", NULL};
static const char *const comment_heads[] = {"comments", "comment", "join the conversation", NULL};

static int is_one_of(const char *s, size_t n, const char *const *list)
{
    char c0 = n ? cx_lower(s[0]) : 0;
    for (const char *const *p = list; *p; p++)
        if ((*p)[0] == c0 && cx_span_caseeq(s, n, *p))
            return 1;
    return 0;
}

int cx_section_head(const char *s, size_t n)
{
    s = cx_trim(s, &n);
    if (n > 40)
        return 0;
    /* trailing punctuation, counts and arrows aside: "Comments (12)", "12 Comments" */
    while (n && (s[n - 1] == ':' || s[n - 1] == ' ' || s[n - 1] == '>' || cx_is_digit(s[n - 1]) ||
                 s[n - 1] == '(' || s[n - 1] == ')'))
        n--;
    while (n && (cx_is_digit(*s) || *s == ' ')) {
        s++;
        n--;
    }
    return is_one_of(s, n, comment_heads) ? CX_HEAD_COMMENTS : is_one_of(s, n, story_lists) ? CX_HEAD_STORIES : 0;
}
