// Candidate names in news prose, found offline without a model: runs of capitalised
// words ("Asim Munir", "Tehrik-i-Taliban Pakistan"), allowing the small words inside
// names ("Osama bin Laden", "Zia ul Haq", "Bank of England"). What looks capitalised
// only because it starts a sentence, titles in front of names ("Foreign Minister"),
// function words, and month and day names are left out. The researcher sees these as
// suggestions only.

export interface Run {
  /** The run as written in the text (inner whitespace as found). */
  text: string;
  start: number;
  end: number;
}

interface Token {
  word: string;
  start: number;
  end: number;
  capitalised: boolean;
  sentenceInitial: boolean;
  /** Ends in 's or ’s: the name stops here. */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu;

/** Small words that may join the capitalised words of one name. */
const CONNECTORS = new Set(['bin', 'bint', 'ibn', 'al', 'el', 'ul', 'ud', 'ur', 'de', 'da', 'di', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'of']);
/** "al-Assad", "ul-Haq", "bin-Salman": a lower-case particle hyphened to a capitalised name. */
const PARTICLE_NAME = /^(?:al|el|ul|ud|ur|ad|an|as|ash|at|az|bin|ibn|de|da|di|du|van|von)[-'’]\p{Lu}/u;

const STOPWORDS = new Set(
  `a an the this that these those it its he she his her hers they them their we our us you your i me my
  in on at by for from to of with without within into onto over under after before during since until amid among amongst
  between across against along around about above below beyond through throughout toward towards upon via per
  despite however meanwhile moreover furthermore nevertheless nonetheless although though while whereas because
  if when where whether which who whom whose what why how but and or nor so yet also as then there here now
  today yesterday tomorrow recent recently last next earlier later such some many most several both each every
  all any no not other another more less according following including regarding first second third finally
  overall still even only just instead thus therefore hence conversely similarly likewise additionally indeed
  perhaps once again though do does did is are was were be been being has have had will would can could should may might must
  yes okay ok please thanks dear`
    .split(/\s+/)
    .filter(Boolean),
);

const CALENDAR = new Set(
  `january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`
    .split(/\s+/)
    .filter(Boolean),
);

/** Nouns that make a title ("Minister", "Chief") and words that qualify them ("Foreign", "Army"). */
const TITLE_HEADS = new Set(
  `minister president premier chief general gen lieutenant lt colonel col major maj captain capt commander
  spokesman spokeswoman spokesperson secretary ambassador envoy governor mayor senator judge justice chairman
  chairwoman chairperson director leader king queen prince princess emir mr mrs ms dr sir prof professor
  officer official adviser advisor counsellor counselor representative`
    .split(/\s+/)
    .filter(Boolean),
);
const TITLE_MODIFIERS = new Set(
  `foreign interior defence defense finance information home prime deputy vice acting former senior army
  military air naval chief special federal provincial state supreme joint principal assistant first`
    .split(/\s+/)
    .filter(Boolean),
);

/** A function word or a month or day name; an acronym ("DID", "MAY") never is. */
function isCommon(word: string): boolean {
  if (word.length >= 2 && word === word.toUpperCase()) return false;
  const lower = word.toLowerCase();
  return STOPWORDS.has(lower) || CALENDAR.has(lower);
}

function isCapitalised(word: string): boolean {
  if (PARTICLE_NAME.test(word)) return true;
  if (!/^[\p{Lu}\p{Lt}]/u.test(word) || [...word].length < 2) return false;
  // Words glued together by a bad import ("AnalysisOpinionEconomy") are not names.
  return (word.match(/\p{Ll}\p{Lu}/gu) ?? []).length < 2;
}

/** Starts a sentence: nothing before it but opening punctuation since a full stop, colon, line break or the start. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[\s"'“‘(\[—–-]/u.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i -= 1;
  }
  return i < 0 || /[.!?:;…]/u.test(text[i]!);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const possessive = /[’'][sS]$/u.test(word);
    if (possessive) word = word.slice(0, -2);
    if (!word) continue;
    tokens.push({
      word,
      start: m.index,
      end: m.index + word.length,
      capitalised: isCapitalised(word),
      sentenceInitial: startsSentence(text, m.index),
      possessive,
    });
  }
  return tokens;
}

/** Lines in Title Case (headlines, section labels) would make one long bogus run. */
function titleCaseLines(text: string, tokens: readonly Token[]): Set<number> {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const counts = new Map<number, { words: number; caps: number }>();
  for (const t of tokens) {
    // Small words stay lower case in Title Case; they say nothing either way.
    if (!/\p{L}/u.test(t.word) || CONNECTORS.has(t.word) || STOPWORDS.has(t.word)) continue;
    const line = lineOf(t.start);
    const c = counts.get(line) ?? { words: 0, caps: 0 };
    c.words += 1;
    if (t.capitalised || /^\p{Lu}/u.test(t.word)) c.caps += 1;
    counts.set(line, c);
  }
  const skip = new Set<number>();
  // A sentence full of names ends with a full stop; a headline does not.
  const endsSentence = (line: number) => /[.!?۔…]["'”’)]*\s*$/u.test(text.slice(lineStarts[line], lineStarts[line + 1] ?? text.length));
  for (const [line, c] of counts) if (c.words >= 3 && c.caps / c.words >= 0.7 && !endsSentence(line)) skip.add(line);
  return new Set(tokens.map((t, i) => (skip.has(lineOf(t.start)) ? i : -1)).filter((i) => i >= 0));
}

/** Splits "Taliban Interior Minister Sirajuddin Haqqani" into "Taliban" and "Sirajuddin Haqqani". */
function dropTitles(run: Token[]): Token[][] {
  const lower = run.map((t) => t.word.toLowerCase().replace(/\.$/u, ''));
  let head = -1;
  for (let i = lower.length - 1; i >= 0; i -= 1) {
    if (TITLE_HEADS.has(lower[i]!)) {
      head = i;
      break;
    }
  }
  if (head < 0) return [run];
  let first = head;
  while (first > 0 && (TITLE_MODIFIERS.has(lower[first - 1]!) || TITLE_HEADS.has(lower[first - 1]!))) first -= 1;
  return [run.slice(0, first), run.slice(head + 1)].filter((part) => part.length > 0);
}

export function properNounRuns(text: string): Run[] {
  const tokens = tokenize(text);
  const skipped = titleCaseLines(text, tokens);
  // Evidence about words seen at a sentence start: written in lower case elsewhere
  // (a common word), or capitalised in mid-sentence elsewhere (a name).
  const lowerSeen = new Set<string>();
  const capitalisedMidSentence = new Set<string>();
  for (const t of tokens) {
    if (/^\p{Ll}/u.test(t.word)) lowerSeen.add(t.word);
    else if (t.capitalised && !t.sentenceInitial) capitalisedMidSentence.add(t.word);
  }
  const joinedBySpace = (a: Token, b: Token) => !a.possessive && /^[ \u00a0]+$/u.test(text.slice(a.end, b.start));

  const runs: Token[][] = [];
  let current: Token[] = [];
  const close = () => {
    while (current.length && !current[current.length - 1]!.capitalised) current.pop();
    if (current.length) runs.push(current);
    current = [];
  };
  tokens.forEach((t, i) => {
    if (skipped.has(i)) return close();
    const previous = current[current.length - 1];
    if (previous && !joinedBySpace(previous, t)) close();
    if (t.capitalised) current.push(t);
    else if (current.length && CONNECTORS.has(t.word)) current.push(t);
    else close();
  });
  close();

  const out: Run[] = [];
  for (let run of runs) {
    // Function words and calendar words are not names, wherever they stand at the front.
    while (run.length && isCommon(run[0]!.word)) run = run.slice(1);
    if (run.length === 0) continue;
    // "Recent talks": capitalised only because it opens the sentence, and written in lower case elsewhere.
    if (run[0]!.sentenceInitial && lowerSeen.has(run[0]!.word.toLowerCase())) run = run.slice(1);
    for (let part of dropTitles(run)) {
      while (part.length && !part[0]!.capitalised) part = part.slice(1);
      while (part.length && !part[part.length - 1]!.capitalised) part = part.slice(0, -1);
      if (part.length === 0) continue;
      if (part.length === 1) {
        const only = part[0]!;
        if (isCommon(only.word)) continue;
        // A lone capitalised word at a sentence start is a name only if it is capitalised mid-sentence elsewhere.
        if (only.sentenceInitial && !capitalisedMidSentence.has(only.word)) continue;
      }
      const start = part[0]!.start;
      const end = part[part.length - 1]!.end;
      out.push({ text: text.slice(start, end), start, end });
    }
  }
  return out;
}
