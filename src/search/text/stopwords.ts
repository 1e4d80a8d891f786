/**
 * Words that carry no topic: English function words (never indexed) and the filler of
 * natural-language queries ("papers about ...", "how do I ..."), which queries keep at a low weight.
 */

/** Function words: dropped from documents and queries alike (positions still advance). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his ' +
    'how i if in into is it its itself me my no nor not of off on or our ours she should so some such than that the their ' +
    'theirs them then there these they this those through to too under until up very was we were what when where which while ' +
    'who whom why will with would you your yours also via thus hence however whether both each either any all am s t'
  ).split(' '),
);

/**
 * Query filler: words people put around a topic ("recent papers on ...", "methods for ...").
 * They stay in the query, at a low weight, because they sometimes are the topic.
 */
export const QUERY_FILLER: ReadonlySet<string> = new Set(
  (
    'paper papers work works research article articles approach approaches method methods technique techniques ' +
    'study studies recent new novel find finding show looking look want need using use used about related regarding ' +
    'way ways good best better improve improving improved better help make making get getting something anything ' +
    'like e g eg etc based toward towards'
  ).split(' '),
);

/** Words of a phrase that an acronym may skip over ("mixture of experts" is MoE). */
export const ACRONYM_GLUE: ReadonlySet<string> = new Set(['of', 'for', 'from', 'and', 'the', 'with', 'to', 'in', 'on', 'via', 'a', 'an', 'by', '&']);
