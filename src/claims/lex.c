/*
 * lex.c: the claims stage's word list (see cint.h for the classes).
 *
 * General English newsroom vocabulary: attribution verbs, document nouns,
 * the words that mark an anonymous source, and the words of the stances
 * (denials, no-comments, verification disclaimers, rulings, corrections).
 * Built into an open-addressing hash once per process (pthread_once), no I/O.
 */
#include "claims/cint.h"
#include "text/wordtab.h"

#include <pthread.h>
#include <string.h>

typedef struct lex_row {
    const char *words; /* space-separated */
    uint64_t flags;
} lex_row;

static const lex_row ROWS[] = {
    {"said says say told tells tell added adds wrote writes reported reports stated explained "
     "explains noted notes argued argues claimed claims announced announces insisted insists warned "
     "warns estimated estimates believes believe thinks think predicted predicts testified tweeted "
     "posted stress point voiced recounted recounts told urged recalled recalls stressed stresses emphasized emphasised emphasizes suggested suggests "
     "maintained maintains contended contends alleged alleges asserted asserts observed remarked "
     "replied replies responded countered complained complains conceded concedes disclosed revealed "
     "indicated described describes acknowledged acknowledges confirmed confirms admitted admits "
     "urged urges cautioned cautions agreed agrees continued expects expected hopes feels felt "
     "worries worried wondered criticized criticised praised defended defends outlined "
     "expressed acknowledged announced clarified contended vowed promised pledged predicted "
     "explained declared declares told informed advised answered according citing quoted "
     "disputed denied denies rejected dismissed conceded projected projects forecast",
     C_SAY},
    {"shows show showed shown found finds concluded concludes states indicates indicated "
     "reveals revealed suggests suggested estimates estimated projects projected lists listed "
     "alleges alleged claims claimed says said cites cited notes noted describes described "
     "details detailed recorded records documented",
     C_DOCVERB},
    {"report reports filings filing documents document records record data survey surveys poll "
     "polls study studies analysis figures statistics audit lawsuit suit complaint complaints "
     "indictment letter letters memo memos email emails transcript transcripts minutes logs log "
     "census budget affidavit testimony findings assessment review paper papers research "
     "database dataset forecast projections estimates release statement statements order "
     "warrant motion petition ruling judgment documents charter guidelines plan proposal "
     "legislation bill act law regulations regulation filing policy charges ordinance measure treaty "
     "contract settlement",
     C_DOC},
    {"anonymity anonymously anonymous familiar briefed authorized authorised unauthorized "
     "insider insiders sources source confidential knowledgeable",
     C_ANON},
    {"officials authorities residents experts analysts researchers witnesses people "
     "investigators sources critics lawyers attorneys employees workers members staff doctors "
     "scientists advocates activists parents students voters neighbours neighbors firefighters "
     "prosecutors officers leaders executives economists observers organizers organisers "
     "supporters opponents insiders diplomats aides spokespeople representatives engineers "
     "inspectors teachers nurses passengers survivors relatives families victims participants "
     "respondents customers users owners managers administrators historians scholars "
     "politicians lawmakers legislators regulators agents troops soldiers protesters consultants "
     "commenters landowners tenants homeowners officials",
     C_GROUP},
    {"spokesperson spokesman spokeswoman official witness resident source person expert analyst "
     "lawyer attorney representative officer employee worker aide insider executive member "
     "neighbour neighbor doctor teacher student director manager researcher investigator "
     "prosecutor diplomat engineer inspector nurse passenger survivor relative victim "
     "commuter owner administrator historian scholar politician lawmaker legislator regulator "
     "agent spokesperson staffer adviser advisor consultant economist organizer organiser "
     "activist advocate critic observer chairman chairwoman chair president minister mayor "
     "councillor councilor judge man woman",
     C_ROLE},
    {"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
     "sixteen seventeen eighteen nineteen twenty dozen several multiple both",
     C_NUMW},
    {"newspaper paper broadcaster network magazine outlet website daily tabloid "
     "newsletter channel wire",
     C_OUTLETN},
    {"inquiry court review investigation commission tribunal panel audit ombudsman regulator "
     "coroner inquest jury watchdog judge fact-checkers factcheck fact-check arbitrator board hearing "
     "probe inspectorate",
     C_BODY},
    {"false baseless unfounded untrue fabricated groundless unsubstantiated inaccurate misleading "
     "wrong incorrect lies nonsense ridiculous absurd defamatory meritless",
     C_VFALSE},
    {"true accurate correct substantiated founded justified valid credible",
     C_VTRUE},
    {"not never no none neither n't hasn't haven't hadn't couldn't can't cannot wasn't weren't isn't aren't "
     "didn't doesn't don't won't wouldn't unable",
     C_NEG},
    {"has have had was were is are be been being would will could can did does do may might "
     "shall should must hasn't haven't hadn't couldn't wasn't weren't isn't didn't doesn't "
     "wouldn't won't cannot can't",
     C_AUX},
    {"claim claims allegation allegations accusation accusations report reports suggestion "
     "suggestions charge charges assertion assertions account story stories reporting "
     "characterization characterisation rumours rumors rumour rumor idea contention",
     C_CLAIMN},
    {"denied denies deny denying denial denials", C_DENY},
    {"rejected rejects rejecting dismissed dismisses dismissing disputed disputes disputing "
     "refuted refutes refuting contested contests rebutted",
     C_REJECT},
    {"called calling calls branded branding described describing labelled labeled", C_CALL},
    {"declined declines declining refused refuses refusing", C_DECLINE},
    {"comment discuss elaborate speculate respond answer confirm say speak detail provide "
     "address comments",
     C_COMMENT},
    {"respond responded reply replied return returned answer answered", C_RESPOND},
    {"request requests calls call messages message emails email inquiries inquiry questions "
     "comment voicemail voicemails",
     C_REQ},
    {"verified verify verifying confirmed confirm corroborated corroborate reviewed review seen "
     "authenticated authenticate substantiated substantiate checked check",
     C_VERIFY},
    {"found finds concluded concludes ruled rules determined determines cleared clears upheld "
     "deemed judged declared rejected dismissed established",
     C_FIND},
    {"a an the this that these those and or but of to in on at for with by from as is was were "
     "are be been has have had it its his her their they he she we i you our your there here "
     "which who whom whose what when where why how not no if then than so also more most very "
     "said says say told after before about into over under up down out just only all any some "
     "would will could can did does do may might should must being while such other another "
     "one two three four five six seven eight nine ten new last first since until per",
     C_STOP},
    {"that who which whose whom when where if because while although though but whether as "
     "after before since until unless so and or",
     C_BOUND},
    {"he she they it i we", C_PRON},
    {"also later previously earlier repeatedly publicly privately again still recently once "
     "initially first then further separately subsequently",
     C_ADV},
    {"in on at for with by from of about into over under after before during within without "
     "across against among between through",
     C_PREP},
    {"monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning "
     "afternoon evening night week weekend month year",
     C_TIMEW},
    {"corrected misstated misidentified erroneously incorrectly misquoted misattributed "
     "correction clarification amended",
     C_CORRECT},
    {"confirmed confirms acknowledged acknowledges verified corroborated", C_CONFIRM},
    {"injured hurt treated wounded hospitalised hospitalized injuries", C_HURT},
    {"killed dead died deaths fatalities", C_DEAD},
    {"people persons passengers others adults children", C_PEOPLE},
    {"a an the its his her their our this that these those", C_DET},
    {"according citing earlier previous incorrectly erroneously mistakenly wrongly corrected regret "
     "true untrue nothing available unavailable referred correction clarification anonymity "
     "anonymously authorized authorised named identified correct",
     C_TRIG},
};

#define LEX_SLOTS 4096u

CX_WORDTAB(tab, LEX_SLOTS);
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
    for (size_t r = 0; r < sizeof ROWS / sizeof ROWS[0]; r++)
        cx_wordtab_put_list(&tab, ROWS[r].words, ROWS[r].flags);
}

uint64_t cl_lex(const char *s, size_t n)
{
    pthread_once(&once, build);
    if (n > 32)
        return 0;
    return cx_wordtab_get(&tab, s, n);
}

int cl_numword(const char *s, size_t n)
{
    static const char *const W[] = {"zero", "one", "two", "three", "four", "five", "six",
                                    "seven", "eight", "nine", "ten", "eleven", "twelve",
                                    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                    "eighteen", "nineteen", "twenty"};
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (strlen(W[i]) == n && cx_eq_lower(s, W[i], n))
            return (int)i;
    if (n == 5 && cx_eq_lower(s, "dozen", 5))
        return 12;
    if (n == 4 && cx_eq_lower(s, "both", 4))
        return 2;
    if ((n == 1 && cx_eq_lower(s, "a", 1)) || (n == 2 && cx_eq_lower(s, "an", 2)))
        return 1;
    return -1;
}
