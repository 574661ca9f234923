/*
 * gazetteer.c: the word lists the entity and quote stages match against.
 *
 * Kept as C tables compiled into the library rather than a data file: the
 * lists are small (a few thousand words), a library that needs no file at
 * run time cannot fail to find it, and the tables load into two hash tables
 * once per process (pthread_once) with no I/O. They are general English
 * news vocabulary (reporting verbs, titles, organisations' generic heads,
 * outlets, countries and large cities), never a story's own names.
 */
#include "quotes/qint.h"
#include "text/wordtab.h"

#include <pthread.h>
#include <string.h>

typedef struct lex_list {
    uint32_t flags;
    const char *words; /* space separated, lower case */
} lex_list;

static const lex_list lex_lists[] = {
    {LX_SAY,
     "said says say saying added adds adding wrote writes write writing tweeted tweets tweeting "
     "posted stated states noted notes explained explains continued continues insisted insists "
     "recalled recalls acknowledged acknowledges admitted admits announced announces declared "
     "declares conceded concedes countered counters replied replies responded responds answered "
     "answers complained complains confirmed confirms emphasized emphasised emphasizes stressed "
     "stresses observed remarked remarks joked jokes quipped shouted yelled testified testifies "
     "predicted predicts promised promises vowed vows boasted boasts lamented laments charged "
     "contended contends maintained maintains cautioned cautions warned warns agreed agrees "
     "disagreed claimed claims alleged alleges argued argues suggested suggests denied denies "
     "repeated repeats reiterated reiterates mused muttered whispered exclaimed pleaded "
     "explained tells wrote texted emailed messaged recounted adding reported reports "
     "announced disclosed revealed reveals estimated estimates concluded concludes "
     "affirmed asserted asserts proclaimed retorted snapped sighed"},
    {LX_TELL,
     "told tell tells telling asked asks asking assured assures informed informs reminded "
     "reminds warned warns urged urges"},
    {LX_THINK,
     "believes believe believed thinks think thought feels felt fears feared hopes hoped "
     "expects expected says predicted wants wanted worries worried knows knew learned "
     "found finds showed shows indicated indicates reported reports according writes "
     "accused accuses criticized criticised praised called calls described describes "
     "acknowledged argued claimed suggested"},
    {LX_PRON, "he she they it we i you"},
    {LX_FIRST, "i me my mine myself we us our ours ourselves i'm i've i'd i'll we're we've we'll"},
    {LX_MALE, "he him his himself mr"},
    {LX_FEMALE, "she her hers herself ms mrs miss"},
    {LX_PLURAL, "they them their theirs themselves"},
    {LX_DET,
     "the a an this that these those his her their its our my your another some several many "
     "one two three four five six each every any both all most few other such"},
    {LX_TITLE,
     "mr mrs ms miss dr mx sir dame lord lady sen senator rep representative gov governor "
     "lt col gen capt cpt sgt cpl pvt adm maj cmdr insp supt det const cst officer "
     "president vice prime minister premier mayor deputy councillor councilor alderman "
     "secretary chancellor chairman chairwoman chair chief judge justice attorney sheriff "
     "commissioner director superintendent inspector detective constable sergeant captain "
     "lieutenant general colonel major admiral ambassador speaker leader king queen prince "
     "princess pope rev reverend father bishop archbishop rabbi imam prof professor coach "
     "ceo cfo coo founder spokesman spokeswoman spokesperson candidate nominee congressman "
     "congresswoman assemblyman assemblywoman mp mpp mla mep state former acting interim "
     "first house senate majority minority opposition party whip dean principal "
     "trustee executive auditor treasurer comptroller controller provost emperor commander "
     "marshal warden ombudsman registrar"},
    {LX_ROLE,
     "spokesman spokeswoman spokesperson official officer source aide adviser advisor "
     "analyst expert economist lawyer attorney counsel prosecutor judge witness resident "
     "neighbour neighbor friend relative mother father son daughter wife husband sister "
     "brother president leader director executive manager chief candidate nominee senator "
     "congressman congresswoman mayor councillor councilor minister premier governor "
     "secretary chairman chairwoman chair member representative professor researcher "
     "scientist doctor nurse teacher student owner founder ceo worker employee investigator "
     "detective sergeant constable commissioner superintendent sheriff strategist pollster "
     "operative consultant organizer organiser activist advocate campaigner critic supporter "
     "voter delegate donor insider historian author writer reporter journalist columnist "
     "editor host commentator lawmaker legislator politician diplomat ambassador envoy "
     "general colonel captain lieutenant soldier victim survivor parent partner colleague "
     "coach player agent staffer staff official"},
    {LX_GROUP,
     "officials sources police authorities experts analysts critics supporters residents "
     "witnesses lawmakers legislators investigators prosecutors democrats republicans "
     "aides advisers advisors observers economists scientists researchers doctors "
     "officers organizers organisers activists leaders members voters people neighbours "
     "neighbors protesters demonstrators insiders strategists pollsters staffers"},
    {LX_ORGHEAD,
     "party department ministry committee council commission agency association union "
     "university college institute foundation corporation corp inc ltd llc plc co company "
     "group bank court police service services office board administration senate congress "
     "parliament assembly campaign fund network club team league federation organization "
     "organisation society center centre hospital school church army navy force forces "
     "authority bureau trust partners holdings airlines airways motors systems technologies "
     "media caucus coalition alliance movement front industries energy labs laboratory "
     "commission cabinet tribunal clinic museum library press times post news journal "
     "tribune herald gazette telegraph guardian magazine broadcasting radio television tv "
     "reserve exchange securities capital ventures group foundation academy conference "
     "convention secretariat directorate command brigade regiment division unit squad "
     "project initiative program programme ferries lines transit railway railways rail hydro "
     "utilities"},
    {LX_PLACEHEAD,
     "street st avenue ave road rd boulevard blvd drive lane highway city county province "
     "river lake mountain mountains mount island islands park valley beach bay square "
     "district region township village town heights hills falls harbour harbor port "
     "peninsula coast sea ocean gulf strait canyon desert forest airport station bridge terminal pier "
     "wharf dock quay"},
    {LX_STOP,
     "the a an and or but nor so yet for of in on at to from by with without about above "
     "below over under after before during since until while when where why how what who "
     "whom whose which that this these those there here then than as if because though "
     "although unless whether it its he she they we i you me him her us them his hers their "
     "our my your is was are were be been being has have had do does did will would shall "
     "should can could may might must not no yes also only just even still already again "
     "more most less least very much many some any all each every both either neither one "
     "two three first last next new old other another such same own like well now today "
     "yesterday tomorrow tonight meanwhile however instead thus therefore indeed perhaps "
     "maybe still according asked said says told added mr mrs ms dr please thanks thank "
     "oh ok okay sure good great read watch see click follow share sign subscribe photo "
     "image video getty ap reuters editor note update updated advertisement related"},
    {LX_CONNECT, "of de du la le van von der den del da di dos das bin al el y for on upon"},
    {LX_TIME,
     "january february march april may june july august september october november december "
     "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
     "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today yesterday "
     "tomorrow tonight morning afternoon evening night week weekend month year spring summer "
     "fall autumn winter christmas easter thanksgiving"},
    {LX_ADV,
     "also later then previously recently once again quickly simply only just further "
     "repeatedly reportedly publicly privately earlier subsequently finally initially "
     "separately similarly likewise flatly bluntly angrily calmly quietly flatly often "
     "has had have has long since still sometimes frequently recently first himself herself"},
    {LX_PREP,
     "in on at during after before since until while when with without via through "
     "last this next yesterday today tonight earlier later monday tuesday wednesday "
     "thursday friday saturday sunday morning afternoon evening night week month year "
     "recently previously ago by from about against into onto over under amid among "
     "toward towards across behind despite upon to"},
    {LX_AUX,
     "is was are were be been being am has have had having do does did will would shall "
     "should can could may might must 's 're 've 'd 'll isn't wasn't aren't weren't hasn't "
     "haven't hadn't don't doesn't didn't won't wouldn't can't couldn't shouldn't"},
    {LX_CONJ,
     "and but or nor so yet because although though while whereas if unless since until "
     "when where who whom whose which that what whether as than after before once"},
    {LX_DEMONYM,
     "american americans british canadian canadians french german germans chinese japanese "
     "russian russians mexican mexicans english irish scottish welsh european europeans "
     "african asian australian indian italian spanish israeli israelis palestinian "
     "palestinians iranian iraqi syrian afghan pakistani korean ukrainian polish dutch "
     "swedish norwegian danish finnish greek turkish egyptian saudi brazilian argentine "
     "cuban venezuelan colombian nigerian kenyan christian christians muslim muslims jewish "
     "jews catholic catholics protestant evangelical evangelicals latino latinos hispanic "
     "hispanics arab arabs western eastern northern southern democratic republican "
     "democrats republicans conservative conservatives liberal liberals progressive "
     "progressives soviet islamic sunni shiite kurdish quebecois"},
    {LX_FIRSTNAME,
     "james john robert michael william david richard joseph thomas charles christopher "
     "daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian "
     "george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan "
     "stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick "
     "raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter "
     "kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl "
     "harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert "
     "willie alan eugene russell vincent philip bobby johnny bradley roy ralph randy louis "
     "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy "
     "betty sandra margaret ashley kimberly emily donna michelle carol amanda melissa "
     "deborah stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley "
     "brenda emma anna pamela nicole samantha katherine christine helen debra rachel carolyn "
     "janet maria catherine heather diane olivia julie joyce victoria ruth virginia lauren "
     "kelly christina joan evelyn judith andrea hannah megan cheryl jacqueline martha "
     "madison teresa gloria sara janice ann kathryn abigail sophia frances jean alice judy "
     "isabella julia grace amber denise danielle marilyn beverly charlotte natalie theresa "
     "diana brittany doris kayla alexis lori marie hillary bernie barack ted marco jeb ben "
     "chris mike bill tom jim bob dan tim rick newt mitt nancy chuck mitch elizabeth kamala "
     "justin stephen jean pierre francois marie sophie anne jacques vladimir angela emmanuel "
     "boris theresa xi narendra recep benjamin mohammed muhammad ahmed ali omar hassan "
     "fatima aisha wei li yuki hiroshi carlos juan luis miguel javier ana lucia rosa "
     "giovanni marco luca hans klaus karl olaf ingrid erik lars sven priya raj amit anil "
     "sunil ravi deepak neil ian colin graham nigel simon liam owen evan connor caitlin "
     "erin kate katie megan molly jane sally lucy claire fiona heidi wendy tina tammy "
     "reince kellyanne sean jared ivanka melania corey paul marco rand chris carly ben "
     "lindsey jim martin bobby rick scott john jeff elijah devin adam kevin"},
};

/* Multi-word and single names: "name|T" with T one of P (place), O (organisation),
 * N (news outlet). Case-folded, single spaces. */
static const char *const gaz_names[] = {
    /* outlets */
    "new york times|N", "the new york times|N", "washington post|N", "the washington post|N",
    "wall street journal|N", "the wall street journal|N", "associated press|N",
    "the associated press|N", "ap|N", "reuters|N", "afp|N", "agence france-presse|N",
    "bloomberg|N", "bloomberg news|N", "cnn|N", "msnbc|N", "fox news|N", "fox|N", "nbc|N",
    "nbc news|N", "abc|N", "abc news|N", "cbs|N", "cbs news|N", "pbs|N", "npr|N", "bbc|N",
    "bbc news|N", "cbc|N", "cbc news|N", "ctv|N", "ctv news|N", "global news|N", "politico|N",
    "axios|N", "the hill|N", "breitbart|N", "breitbart news|N", "huffington post|N",
    "huffpost|N", "buzzfeed|N", "buzzfeed news|N", "vox|N", "slate|N", "salon|N",
    "the atlantic|N", "the new yorker|N", "time|N", "time magazine|N", "newsweek|N",
    "usa today|N", "los angeles times|N", "chicago tribune|N", "boston globe|N",
    "the boston globe|N", "new york post|N", "the new york post|N", "new york daily news|N",
    "daily mail|N", "the guardian|N", "guardian|N", "the telegraph|N", "the times|N",
    "the independent|N", "financial times|N", "the economist|N", "globe and mail|N",
    "the globe and mail|N", "toronto star|N", "national post|N", "ottawa citizen|N",
    "montreal gazette|N", "la presse|N", "le monde|N", "le figaro|N", "der spiegel|N",
    "al jazeera|N", "sky news|N", "the washington times|N", "washington times|N",
    "national review|N", "the daily beast|N", "daily beast|N", "mother jones|N",
    "the intercept|N", "propublica|N", "yahoo news|N", "the daily caller|N", "daily caller|N",
    "washington examiner|N", "the washington examiner|N", "the weekly standard|N",
    "real clear politics|N", "realclearpolitics|N", "the new republic|N", "rolling stone|N",
    "cnbc|N", "univision|N", "telemundo|N", "xinhua|N", "tass|N", "ria novosti|N",
    "press association|N", "canadian press|N", "the canadian press|N", "nbc's|N",
    "cnn's|N", "fivethirtyeight|N", "the post|N",
    /* organisations */
    "fbi|O", "cia|O", "nsa|O", "nato|O", "un|O", "u.n.|O", "united nations|O", "eu|O",
    "european union|O", "gop|O", "dnc|O", "rnc|O", "doj|O", "epa|O", "irs|O", "nasa|O",
    "who|O", "imf|O", "world bank|O", "opec|O", "white house|O", "the white house|O",
    "pentagon|O", "the pentagon|O", "kremlin|O", "the kremlin|O", "congress|O",
    "senate|O", "house|O", "supreme court|O", "state department|O", "justice department|O",
    "secret service|O", "homeland security|O", "federal reserve|O", "the fed|O",
    "democratic party|O", "republican party|O", "democratic national committee|O",
    "republican national committee|O", "liberal party|O", "conservative party|O",
    "labour party|O", "ndp|O", "rcmp|O", "nypd|O", "lapd|O", "google|O", "apple|O",
    "microsoft|O", "amazon|O", "facebook|O", "twitter|O", "meta|O", "tesla|O", "exxon|O",
    "exxonmobil|O", "goldman sachs|O", "jpmorgan|O", "boeing|O", "walmart|O", "uber|O",
    "hamas|O", "hezbollah|O", "taliban|O", "isis|O", "al qaeda|O", "al-qaeda|O",
    "planned parenthood|O", "nra|O", "aclu|O", "naacp|O", "red cross|O", "wikileaks|O",
    "trump campaign|O", "clinton campaign|O", "clinton foundation|O", "trump organization|O",
    "black lives matter|O", "tea party|O", "freedom caucus|O", "super pac|O", "pac|O",
    "parliament|O", "westminster|O", "downing street|O", "whitehall|O", "ottawa police|O",
    "harvard|O", "yale|O", "stanford|O", "oxford|O", "cambridge|O", "mit|O",
    "quinnipiac|O", "gallup|O", "pew|O", "pew research center|O", "monmouth university|O",
    /* places: countries */
    "united states|P", "the united states|P", "u.s.|P", "us|P", "usa|P", "america|P",
    "canada|P", "mexico|P", "britain|P", "great britain|P", "united kingdom|P", "uk|P",
    "u.k.|P", "england|P", "scotland|P", "wales|P", "ireland|P", "northern ireland|P",
    "france|P", "germany|P", "italy|P", "spain|P", "portugal|P", "netherlands|P",
    "belgium|P", "switzerland|P", "austria|P", "sweden|P", "norway|P", "denmark|P",
    "finland|P", "iceland|P", "poland|P", "hungary|P", "czech republic|P", "slovakia|P",
    "romania|P", "bulgaria|P", "greece|P", "turkey|P", "cyprus|P", "russia|P", "ukraine|P",
    "belarus|P", "georgia|P", "armenia|P", "azerbaijan|P", "kazakhstan|P", "uzbekistan|P",
    "china|P", "japan|P", "south korea|P", "north korea|P", "korea|P", "taiwan|P",
    "hong kong|P", "india|P", "pakistan|P", "afghanistan|P", "bangladesh|P", "sri lanka|P",
    "nepal|P", "iran|P", "iraq|P", "syria|P", "lebanon|P", "israel|P", "jordan|P",
    "saudi arabia|P", "yemen|P", "oman|P", "qatar|P", "kuwait|P", "bahrain|P",
    "united arab emirates|P", "uae|P", "egypt|P", "libya|P", "tunisia|P", "algeria|P",
    "morocco|P", "sudan|P", "south sudan|P", "ethiopia|P", "somalia|P", "kenya|P",
    "uganda|P", "tanzania|P", "rwanda|P", "congo|P", "nigeria|P", "ghana|P", "senegal|P",
    "mali|P", "niger|P", "chad|P", "cameroon|P", "south africa|P", "zimbabwe|P",
    "zambia|P", "angola|P", "mozambique|P", "madagascar|P", "brazil|P", "argentina|P",
    "chile|P", "peru|P", "colombia|P", "venezuela|P", "ecuador|P", "bolivia|P",
    "paraguay|P", "uruguay|P", "cuba|P", "haiti|P", "dominican republic|P", "jamaica|P",
    "puerto rico|P", "guatemala|P", "honduras|P", "el salvador|P", "nicaragua|P",
    "costa rica|P", "panama|P", "australia|P", "new zealand|P", "indonesia|P",
    "malaysia|P", "singapore|P", "thailand|P", "vietnam|P", "philippines|P",
    "the philippines|P", "myanmar|P", "cambodia|P", "laos|P", "mongolia|P", "vatican|P",
    "serbia|P", "croatia|P", "bosnia|P", "kosovo|P", "albania|P", "estonia|P",
    "latvia|P", "lithuania|P", "moldova|P", "crimea|P", "gaza|P", "west bank|P",
    "europe|P", "asia|P", "africa|P", "north america|P", "south america|P",
    "latin america|P", "middle east|P", "the middle east|P", "antarctica|P",
    "arctic|P", "caribbean|P", "scandinavia|P", "balkans|P", "midwest|P",
    /* US states, Canadian provinces */
    "alabama|P", "alaska|P", "arizona|P", "arkansas|P", "california|P", "colorado|P",
    "connecticut|P", "delaware|P", "florida|P", "hawaii|P", "idaho|P", "illinois|P",
    "indiana|P", "iowa|P", "kansas|P", "kentucky|P", "louisiana|P", "maine|P",
    "maryland|P", "massachusetts|P", "michigan|P", "minnesota|P", "mississippi|P",
    "missouri|P", "montana|P", "nebraska|P", "nevada|P", "new hampshire|P",
    "new jersey|P", "new mexico|P", "new york|P", "north carolina|P", "north dakota|P",
    "ohio|P", "oklahoma|P", "oregon|P", "pennsylvania|P", "rhode island|P",
    "south carolina|P", "south dakota|P", "tennessee|P", "texas|P", "utah|P",
    "vermont|P", "virginia|P", "washington|P", "west virginia|P", "wisconsin|P",
    "wyoming|P", "ontario|P", "quebec|P", "british columbia|P", "alberta|P",
    "manitoba|P", "saskatchewan|P", "nova scotia|P", "new brunswick|P",
    "newfoundland|P", "prince edward island|P", "yukon|P", "nunavut|P",
    "northwest territories|P",
    /* cities */
    "new york city|P", "los angeles|P", "chicago|P", "houston|P", "phoenix|P",
    "philadelphia|P", "san antonio|P", "san diego|P", "dallas|P", "san jose|P",
    "austin|P", "jacksonville|P", "san francisco|P", "columbus|P", "seattle|P",
    "denver|P", "boston|P", "detroit|P", "nashville|P", "memphis|P", "portland|P",
    "las vegas|P", "baltimore|P", "milwaukee|P", "atlanta|P", "miami|P", "cleveland|P",
    "minneapolis|P", "new orleans|P", "pittsburgh|P", "st. louis|P", "cincinnati|P",
    "orlando|P", "tampa|P", "charlotte|P", "raleigh|P", "richmond|P", "sacramento|P",
    "des moines|P", "manchester|P", "toronto|P", "montreal|P", "vancouver|P",
    "ottawa|P", "calgary|P", "edmonton|P", "winnipeg|P", "halifax|P", "victoria|P",
    "london|P", "paris|P", "berlin|P", "madrid|P", "rome|P", "brussels|P", "amsterdam|P",
    "vienna|P", "geneva|P", "zurich|P", "stockholm|P", "oslo|P", "copenhagen|P",
    "helsinki|P", "warsaw|P", "prague|P", "budapest|P", "athens|P", "istanbul|P",
    "ankara|P", "moscow|P", "kiev|P", "kyiv|P", "minsk|P", "beijing|P", "shanghai|P",
    "tokyo|P", "seoul|P", "pyongyang|P", "taipei|P", "delhi|P", "new delhi|P",
    "mumbai|P", "karachi|P", "islamabad|P", "kabul|P", "tehran|P", "baghdad|P",
    "damascus|P", "aleppo|P", "beirut|P", "jerusalem|P", "tel aviv|P", "cairo|P",
    "riyadh|P", "dubai|P", "doha|P", "nairobi|P", "lagos|P", "johannesburg|P",
    "cape town|P", "mexico city|P", "havana|P", "caracas|P", "bogota|P", "lima|P",
    "santiago|P", "buenos aires|P", "sao paulo|P", "rio de janeiro|P", "sydney|P",
    "melbourne|P", "auckland|P", "jakarta|P", "manila|P", "bangkok|P", "hanoi|P",
    "mosul|P", "raqqa|P", "benghazi|P", "dublin|P", "edinburgh|P", "glasgow|P",
    "brooklyn|P", "manhattan|P", "queens|P", "bronx|P", "silicon valley|P",
    "wall street|P", "capitol hill|P", "ground zero|P",
};

#define LEX_SLOTS 8192
#define GAZ_SLOTS 2048

CX_WORDTAB(lex_tab, LEX_SLOTS);
CX_WORDTAB(gaz_tab, GAZ_SLOTS);
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

uint32_t cx_q_hash_lower(const char *s, size_t n) { return cx_hash_lower(s, n); }

static void build(void)
{
    for (size_t i = 0; i < sizeof lex_lists / sizeof lex_lists[0]; i++)
        cx_wordtab_put_list(&lex_tab, lex_lists[i].words, lex_lists[i].flags);
    for (size_t i = 0; i < sizeof gaz_names / sizeof gaz_names[0]; i++) {
        const char *w = gaz_names[i], *bar = strchr(w, '|');
        int type = bar[1] == 'P' ? CX_ENT_PLACE : bar[1] == 'N' ? CX_ENT_OUTLET : CX_ENT_ORG;
        cx_wordtab_put(&gaz_tab, w, (size_t)(bar - w), (uint64_t)type);
    }
}

uint32_t cx_lex(const char *s, size_t n)
{
    pthread_once(&lex_once, build);
    if (n && s[n - 1] == '.' && n > 1)
        n--; /* "Sen." and "Sen" are one word */
    if (n > 63)
        return 0;
    return (uint32_t)cx_wordtab_get(&lex_tab, s, n);
}

int cx_gazetteer(const char *s, size_t n)
{
    pthread_once(&lex_once, build);
    return (int)cx_wordtab_get(&gaz_tab, s, n);
}
