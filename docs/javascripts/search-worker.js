/* The search worker. Material's page script starts this file in place of its own worker (overrides/main.html
   names Material's worker file in the query string). It unpacks the compact part of the search index, exactly as
   `unpack` in macros/search.py does (macros/search.py, "Packing", says what is packed and why), then runs
   Material's worker unchanged: listeners run in the order they were added, so Material's sees the full index. */
"use strict";

/* The index as Material's worker expects it: every packed row an ordinary entry again, after the others. */
function unpackSearchIndex(data) {
  const groups = data.config && data.config.playbook_packed;
  if (!Array.isArray(groups)) return data;
  delete data.config.playbook_packed;
  for (const group of groups) {
    for (const row of group.rows) {
      let cells = row;
      if (typeof row === "string") {
        const cut = row.indexOf(" ");
        cells = [row.slice(0, cut), row.slice(cut + 1)];
      }
      const doc = { location: `${group.page}#${group.prefix}${cells[0]}`, text: "" };
      group.fields.forEach((field, at) => { doc[field] = cells[at + 1]; });
      if (typeof group.subject_from_id === "string") {
        const id = cells[0].startsWith(group.subject_from_id) ? cells[0].slice(group.subject_from_id.length) : cells[0];
        doc.subject = id.replace(/^-+|-+$/g, "").replaceAll("-", " ");
      }
      if (typeof group.boost === "number") doc.boost = group.boost;
      data.docs.push(doc);
    }
  }
  return data;
}

/* British and American spellings, singular and plural. The playbook is written in British English (normalisation,
   modelling, behaviour), many of its sources and most readers write American English, and a reader types "trees"
   where a title says "tree". A query word is also searched in each other form of it that some word of the index
   starts with (`SPELLINGS`); a word no indexed word starts with is replaced by its other forms. Results then count
   the forms of a word as that one word. */
const SPELLINGS = [
  [/iz(?=[aei]|$)/g, "is"], [/is(?=[aei]|$)/g, "iz"],  // normalization ↔ normalisation
  [/yz(?=[ei]|$)/g, "ys"], [/ys(?=[ei]|$)/g, "yz"],  // analyze ↔ analyse
  [/(?<=[a-z]{3})our(?=s|ed|ing|al|$)/g, "or"], [/(?<=[a-z]{3})or(?=s|ed|ing|al|$)/g, "our"],  // behavior ↔ behaviour
  [/(?<=[aeiou][a-z]?[aeiou])ll(?=ing|ed|er)/g, "l"], [/(?<=[aeiou][a-z]?[aeiou])l(?=ing|ed|er)/g, "ll"],  // modeling ↔ modelling
  [/(?<=[a-z]{3})tre(?=s|d|$)/g, "ter"], [/(?<=[a-z]{3})ter(?=s|ed|$)/g, "tre"],  // center ↔ centre
  // Plurals: "decision trees" is also "decision tree", "queries" also "query" (the index keeps words as written).
  [/(?<=[a-z]{2})ies$/g, "y"], [/(?<=[a-z]{2}(?:ss|sh|ch|x))es$/g, ""], [/(?<=[a-z]{2}[^su])s$/g, ""],
  // And the other way: "evaluate" is also "evaluat…" (evaluation, evaluating), "choose" "choos…", "query" "queri…".
  [/(?<=[a-z]{4}[^aeiou])e$/g, ""], [/(?<=[a-z]{3}[^aeiou])y$/g, "i"],
];

/* The index's words, sorted, and in how many entries each appears (`frequency`, for `weightOf`). */
let frequency = new Map();
let entryCount = 1;
function vocabularyOf(docs, separator) {
  frequency = new Map();
  entryCount = Math.max(docs.length, 1);
  for (const doc of docs) {
    const words = new Set();
    for (const field of ["title", "text", "subject", "keywords"])
      if (typeof doc[field] === "string")
        for (const word of doc[field].replace(/<[^>]*>/g, " ").toLowerCase().split(separator)) if (word) words.add(word);
    for (const word of words) frequency.set(word, (frequency.get(word) || 0) + 1);
  }
  return [...frequency.keys()].sort();
}

/* Where `word` is, or would be, in the sorted vocabulary. */
function placeOf(vocabulary, word) {
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (vocabulary[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/* Whether some word of the sorted vocabulary starts with `prefix` (every query word is a prefix search). */
function hasPrefix(vocabulary, prefix) {
  const at = placeOf(vocabulary, prefix);
  return at < vocabulary.length && vocabulary[at].startsWith(prefix);
}

/* Whether the sorted vocabulary holds `word` itself. */
function hasWord(vocabulary, word) {
  return vocabulary[placeOf(vocabulary, word)] === word;
}

/* How telling a unit of `typed` is (one of its forms list): the inverse entry frequency lunr itself uses, of the
   form found in the most entries (a form is a prefix; a name of several words is as rare as its rarest word). A
   title that holds "lasso" says more about "why does lasso set weights to zero" than one that holds "weights"
   and "zero", which half the answers say. */
function weightOf(forms, vocabulary) {
  let most = 0;
  for (const form of forms) {
    let least = Infinity;
    for (const part of form.split(" ")) {
      if (isStopWord(part)) continue;
      let count = 0;
      for (let at = placeOf(vocabulary, part); at < vocabulary.length && vocabulary[at].startsWith(part); at++) {
        count += frequency.get(vocabulary[at]) || 0;
        if (count >= entryCount) break;
      }
      least = Math.min(least, count);
    }
    if (least !== Infinity) most = Math.max(most, Math.min(least, entryCount));
  }
  return Math.log(1 + (entryCount - most + 0.5) / (most + 0.5));
}

/* Word endings: "estimation" is also "estimate", "regularization" also "regularize" (and so "regularise"), applied
   to a word and to its other spellings. Only -ation: stripping -ing or -ed as well ("clustering" → "cluster") won
   as many searches as it lost on the query table. */
const ENDINGS = [
  [/(?<=[a-z]{4})ation$/g, "ate"], [/(?<=[a-z]{4})ation$/g, "e"],
];

/* Inflected words: "checking" is also "check", "failed" also "fail", "tuning" also "tune", "grouped" also "group"
   (the index keeps words as written). The stem is searched as an exact word only, at STEM_WEIGHT: as a prefix,
   "check*" would find "checkpoint" too (stripping -ing and -ed in `ENDINGS` won as many searches as it lost). With
   this rule the three query tables gained three searches and lost two ("k means clustering" now finds "cluster"). */
const STEM_WEIGHT = 2;
const STEMS = [[/(?<=[a-z]{3})ing$/, ""], [/(?<=[a-z]{3})ing$/, "e"], [/(?<=[a-z]{3})ed$/, ""], [/(?<=[a-z]{3})ed$/, "e"]];
function stemsOf(word, vocabulary) {
  const found = [];
  for (const [pattern, replacement] of STEMS) {
    const stem = word.replace(pattern, replacement);
    if (stem !== word && !found.includes(stem) && hasWord(vocabulary, stem)) found.push(stem);
  }
  return found;
}


function spellingsOf(word, vocabulary) {
  const found = new Set();
  const spelled = [word];
  for (const [pattern, replacement] of SPELLINGS) {
    const other = word.replace(pattern, replacement);
    if (other !== word) spelled.push(other);
    if (other !== word && hasPrefix(vocabulary, other)) found.add(other);
  }
  for (const form of spelled)
    for (const [pattern, replacement] of ENDINGS) {
      const other = form.replace(pattern, replacement);
      if (other !== form && other !== word && hasPrefix(vocabulary, other)) found.add(other);
    }
  // A form that starts with another form adds nothing: every word is a prefix search ("batche" under "batch").
  return [...found].filter((form) => ![...found].some((shorter) => shorter !== form && form.startsWith(shorter)));
}

/* Exact words first. Material turns every query word into a prefix search ("p" → p*), and lunr scores a word
   that merely starts with the query word ("ppo", "policy") as high as the word itself, so "p value" found the
   page with the most p-words. Each plain word is searched twice: as itself, weighted EXACT_WEIGHT, and as the
   prefix Material makes of it. A word is first split where the index splits words (`separator`, from the index's
   config), so "p-value" and "p value" are one search. Words with search syntax (a leading + or -, or any of
   : ^ ~ * ") pass unchanged. Returns the query, for each spelling searched besides a word that word (`aliases`),
   and each plain word typed with its spellings (`typed`). */
const EXACT_WEIGHT = 4;

/* lunr's English stop words and the index's filler words, the wording of a question rather than its subject
   ("vs", "explain", "how does … work": `QUERY_FILLER` in macros/search.py, in the index's config). Before Material's
   worker has defined lunr, only the filler words count. */
let fillerWords = new Set();
function isStopWord(word) {
  if (fillerWords.has(word)) return true;
  const lunr = self.lunr;
  return Boolean(lunr && lunr.stopWordFilter) && lunr.stopWordFilter(word) === undefined;
}
/* The search vocabulary, from the index's config (`vocabulary` in macros/search.py): groups of names that mean the
   same ("svm", "support vector machine"). A name found in the query, as consecutive words, makes the worker search
   the group's other names too, and those words of the query one unit of `typed` that any name of the group covers
   in a title. Words compare without case, plural ending, -ize/-ise spelling or slash ("a/b" is "ab"). */
let vocabularyGroups = [];
function baseWord(word) {
  const plain = word.toLowerCase().replace(/\//g, "").replace(/iz(?=[aei]|$)/g, "is").replace(/yz(?=[ei]|$)/g, "ys");
  if (/[a-z]{2}ies$/.test(plain)) return plain.slice(0, -3) + "y";
  return /[a-z]{3}[^s]s$/.test(plain) ? plain.slice(0, -1) : plain;
}

/* Each name of the vocabulary found in `parts` (the query's words in order): {start, end, group, name}, the
   longest name first at each place, places not overlapping. */
function namesIn(parts, groups) {
  const bases = parts.map(baseWord);
  const found = [];
  for (let start = 0; start < parts.length; ) {
    let best = null;
    for (const group of groups)
      for (const name of group) {
        const words = name.split(" ");
        if (words.length <= (best ? best.end - best.start : 0) || start + words.length > parts.length) continue;
        if (words.every((word, at) => baseWord(word) === bases[start + at]))
          best = { start, end: start + words.length, group, name };
      }
    if (best) found.push(best);
    start = best ? best.end : start + 1;
  }
  return found;
}

function rewriteQuery(query, separator, vocabulary) {
  const aliases = {};
  const words = [];
  const typed = [];
  const merged = new Set();  // units of `typed` folded into the one before them
  const sequence = [];  // every word of the query in order, with where its unit of `typed` is (-1: a stop word)
  for (let word of query.trim().split(/\s+/)) {
    if (!word || /^[+-]|[:^~*"]/.test(word)) {
      words.push(word);
      continue;
    }
    /* "kmeans++" or "k-means++" where the index holds no such word (it holds "c++"): the name it extends, "kmeans",
       which a title or subject saying "k-means++" holds as "k-means" and the id as "kmeanspp". */
    if (/[\p{L}\p{N}][+#]+$/u.test(word) && !hasPrefix(vocabulary, word.toLowerCase())) word = word.replace(/[+#]+$/, "");
    const parts = word.toLowerCase().split(separator).filter(Boolean);
    /* A hyphenated or slashed word is also searched joined up, as the index holds it (`joined_forms` in
       macros/search.py): "multi-armed" finds "multiarmed" rather than every word that starts with "multi". When the
       index holds it, the word is one unit of `typed` (covered by the joined form or by all of its parts) and its
       parts are searched without the exact-word weight. */
    let joined = parts.length > 1 ? word.toLowerCase().replace(/[-/–]/g, "") : "";
    if (!(joined && /^[\p{L}\p{N}]+$/u.test(joined) && hasPrefix(vocabulary, joined))) joined = "";
    if (joined) words.push(`${joined}^${EXACT_WEIGHT}`);
    const firstUnit = typed.length;
    for (const part of parts) {
      if (isStopWord(part)) {  // "what is", "vs", "at": searched, but weigh nothing extra and name no title
        words.push(part);
        sequence.push([part, -1]);
        continue;
      }
      const others = spellingsOf(part, vocabulary);
      const searched = hasPrefix(vocabulary, part) || !others.length ? [part, ...others] : others;
      sequence.push([part, typed.length]);
      typed.push([part, ...others]);
      for (const form of searched) {
        if (joined) words.push(form);
        // "evaluate" when "evaluat" is searched too: the shorter prefix finds all the longer one does.
        else if (form === part && others.some((other) => part.startsWith(other))) words.push(`${form}^${EXACT_WEIGHT}`);
        else words.push(`${form}^${EXACT_WEIGHT}`, form);
        if (form !== part) aliases[form] = part;
      }
      for (const stem of stemsOf(part, vocabulary)) {
        if (searched.some((form) => stem.startsWith(form))) continue;  // the prefix search finds it already
        words.push(`${stem}^${STEM_WEIGHT}`);
        aliases[stem] = part;
        typed[typed.length - 1].push(stem);
      }
    }
    if (joined && typed.length > firstUnit) {
      const partWords = typed.slice(firstUnit).map(([part]) => part);
      typed[firstUnit] = [joined, partWords.join(" ")];
      for (let unit = firstUnit + 1; unit < typed.length; unit++) merged.add(unit);
    }
  }
  const expansions = [];
  for (const { start, end, group, name } of namesIn(sequence.map(([part]) => part), vocabularyGroups)) {
    const units = sequence.slice(start, end).map(([, unit]) => unit).filter((unit) => unit >= 0);
    if (!units.length) continue;
    const spanWords = units.map((unit) => typed[unit][0]);
    const added = [];
    /* A name the index never holds ("srm", where the content says "sample ratio mismatch") would find nothing:
       then the words of the group's longer names are searched, as plain words. */
    const unknown = spanWords.every((word) => !hasPrefix(vocabulary, word));
    for (const other of group) {
      if (other === name) continue;
      if (unknown && other.includes(" ")) {
        for (const part of other.split(" "))
          if (part.length > 1 && !isStopWord(part) && hasPrefix(vocabulary, part) && !added.includes(part)) {
            words.push(part);
            added.push(part);
          }
        continue;
      }
      /* A one-word name ("svm" for "support vector machines") is searched as an exact word. The words of a longer
         name are not: three more words outweigh the one typed ("pca" would rank whatever says "principal" and
         "component" first); a title that spells the name out still covers the word typed. */
      if (other.includes(" ") || other.length < 2 || !hasPrefix(vocabulary, other) || spanWords.includes(other)) continue;
      words.push(`${other}^${EXACT_WEIGHT}`, other);
      added.push(other);
    }
    // One unit for the whole name: covered by the words typed (in any spelling) or by any other name of the group.
    typed[units[0]] = [...new Set([spanWords.join(" "), ...group.filter((other) => other !== name)])];
    units.slice(1).forEach((unit) => merged.add(unit));
    expansions.push({ words: spanWords, terms: added });
  }
  return {
    query: words.filter(Boolean).join(" "),
    aliases,
    typed: typed.filter((_, unit) => !merged.has(unit)),
    expansions,
  };
}

/* Document boosts, applied, and titles that say it all. The index gives each entry a boost (macros/search.py: a
   question above its page's lists, a page above a rubric row), but lunr multiplies every word of a field by it and
   then divides by the field's length, so the boost cancels out and changes nothing. Here each result's score is
   multiplied by its entry's boost, and by 1 + TITLE_WEIGHT × c², where c is the share of the words typed that
   begin a word of the entry's title or subject (in any of their spellings): "system design rubric" is the rubric's
   title, "guardrail metrics" the subject (the curated name, from its id) of a question whose title is a scenario.
   Then each page's results are sorted again, and pages are ordered by their best result; pages whose best results
   are within TIE (1%) of each other by the sum of their results' scores. */
const TITLE_WEIGHT = 2;
function titleCoverage(title, typed, separator, weights = typed.map(() => 1)) {
  if (!typed.length) return 0;
  const plain = title.replace(/<[^>]*>/g, " ").toLowerCase();
  // The title's words as the index holds them, and its hyphenated and slashed terms joined up ("a/b" is "ab").
  const joined = (plain.match(COMPOUND) || []).map((term) => term.replace(/[-/–]/g, ""));
  const words = [...plain.split(separator).filter(Boolean), ...joined];
  const begins = (form) => words.some((word) => word.startsWith(form));
  let covered = 0;
  let total = 0;
  typed.forEach((forms, unit) => {
    total += weights[unit];
    if (unitCovered(forms, begins)) covered += weights[unit];
  });
  return total > 0 ? covered / total : 0;
}

/* Whether a unit of `typed` (the forms of one word or name typed) is covered: some form whose every word, stop words
   aside, passes `has` (a form of several words, a name from the vocabulary, is covered when each of its words is). */
function unitCovered(forms, has) {
  return forms.some((form) => form.split(" ").filter((part) => !isStopWord(part)).every(has));
}

/* The best coverage of the title together with one of the names in the subject: a question's subject is one name
   (its id's words), a topic page's is several (its id's and its subtopics', `SUBJECT_NAMES` in macros/search.py),
   and words from two different subtopics do not make a name. An anchored entry's title is read with its page's
   (`pageTitles`): a question on "Models from scratch" answers "implement kmeans from scratch" though its own
   title never says "scratch". */
let pageTitles = {};
function entryCoverage(item, typed, separator, weights) {
  const location = String(item.location || "");
  const page = location.includes("#") ? pageTitles[location.split("#")[0]] || "" : "";
  const title = `${item.title || ""} ${page}`;
  const names = subjectNames(item);
  return Math.max(...names.map((name) => titleCoverage(`${title} ${name}`, typed, separator, weights)));
}
const SUBJECT_NAMES = /\s*;\s*/;
function subjectNames(item) {
  return String(item.subject || "").replace(/<[^>]*>/g, "").split(SUBJECT_NAMES);
}
const COMPOUND = /[\p{L}\p{N}]+(?:[-/–][\p{L}\p{N}]+)+/gu;  // `_COMPOUND` in macros/search.py

/* A page the query names: its title, the first name in its subject (its id's words) or a name its front matter
   gives it ("cheat sheet"), alone holds every word typed ("llm evaluation", "learning to rank"). Such a page is
   weighed like a question (NAMED_PAGE_WEIGHT, the question boost), so that a question which happens to say the same
   words does not push the page the reader asked for below it. A subtopic does not name its page: "contrastive
   learning" wants the question on it. */
const NAMED_PAGE_WEIGHT = 3;
function namesTheQuery(item, typed, separator) {
  if (String(item.location || "").includes("#") || !typed.length) return false;
  // A page whose front matter names it (`search_names`, macros/search.py): its subject's first `named` names.
  const count = Math.max(1, Number(item.named) || 0);
  const subject = subjectNames(item).slice(0, count);
  const names = [item.title || "", ...subject];
  return names.some((name) => name && titleCoverage(name, typed, separator) === 1);
}

const TIE = 0.01;

/* Asking for code. "beam search implementation", "k-means++ in numpy", "code self attention": the coding round's
   entries (its problems and their questions, under coding/) are what the reader wants, ahead of the Breadth
   question on the same method, so they weigh CODE_WEIGHT more. "From scratch" alone does not say it ("a ViT trained
   from scratch"). */
const CODE_WEIGHT = 2;
const ASKS_FOR_CODE = /(?:^|\s)(?:implement\w*|numpy|code|coding it|in python)(?:\s|$)/i;

/* A comparison named by its reference side only. "word2vec" asks for the question on word2vec, not "How does GloVe
   differ from word2vec?"; "q-learning" for Q-learning, not "SARSA vs Q-learning". A question whose subject (its id's
   words) compares, "<a> vs <b>", is about its first side: when the words typed begin words of a later side but not
   of the first, and the query itself does not compare ("vs", "or", "differ…", "compar…"), it weighs ONE_SIDE against
   the other questions of its page. The page keeps its place among pages ("canary deployment" still wants the page
   whose one canary question is "shadow vs canary"). Measured on the six tuned-on tables: +5 first, none lost; a
   penalty for naming either side lost "why does l1 give sparse weights", and ONE_SIDE 0.25 lost "canary deployment". */
const ONE_SIDE = 0.5;
const COMPARES = /(?:^|\s)(?:vs\.?|versus|or|differ\w*|compar\w*)(?:\s|$)/i;
function namesTheReferenceSide(item, typed) {
  const subject = subjectNames(item)[0].toLowerCase();
  if (!subject.includes(" vs ") || !typed.length) return false;
  const sides = subject.split(" vs ").map((side) => side.split(" ").filter(Boolean));
  const begins = (side) => (part) => side.some((word) => word.startsWith(part));
  const covers = (side) => typed.some((forms) => unitCovered(forms, begins(side)));
  return !covers(sides[0]) && sides.slice(1).some(covers);
}

/* A page's name and a detail on it. "senior level rubric", "semantic search marketplace capacity estimate": the page's
   own entry covers the name, and the rest of the query is what the reader wants on that page. When a page's own entry
   leads its results, the entry of that page which matched the largest share (by weight) of the query's units that the
   page's title and names do not cover, more than DETAIL_SHARE of them, moves just ahead of the page's entry (TIE above
   it). Pages keep their order among pages, so a query that wants the page still lands on it. Measured: blind5 +2 first,
   blind6 +2, blind7 +4 first and +3 in the top five ("senior level rubric", "qps and storage back of envelope for ad
   click model"); nothing lost on any table. */
const DETAIL_SHARE = 0.5;
function liftDetail(group, typed, separator, weights = typed.map(() => 1)) {
  const page = group[0];
  if (!page || String(page.location || "").includes("#") || group.length < 2) return group;
  const names = [page.title || "", ...subjectNames(page)];
  const rest = typed
    .map((forms, unit) => [forms, weights[unit]])
    .filter(([forms]) => !names.some((name) => name && titleCoverage(name, [forms], separator) === 1));
  const total = rest.reduce((sum, [, weight]) => sum + weight, 0);
  if (!rest.length || rest.length === typed.length || total <= 0) return group;
  let best = null;
  let bestShare = DETAIL_SHARE;
  for (const item of group.slice(1)) {
    const matched = (part) => Boolean(item.terms && item.terms[part]);
    const share = rest.reduce((sum, [forms, weight]) => sum + (unitCovered(forms, matched) ? weight : 0), 0) / total;
    const better = share > bestShare || (best && share === bestShare && item.score > best.score);
    if (better) [best, bestShare] = [item, share];
  }
  if (!best) return group;
  return [{ ...best, score: page.score * (1 + TIE) }, ...group.filter((item) => item !== best)];
}

function applyBoosts(result, typed, separator, weights, asksForCode = false, compares = false) {
  const groups = (result.items || []).map((group) => {
    const items = group.map((item) => {
      const code = asksForCode && String(item.location || "").startsWith("coding/") ? CODE_WEIGHT : 1;
      const boost = (typeof item.boost === "number" ? item.boost : 1) * code;
      const coverage = entryCoverage(item, typed, separator, weights);
      const named = namesTheQuery(item, typed, separator) ? NAMED_PAGE_WEIGHT : 1;
      const rank = item.score * boost * named * (1 + TITLE_WEIGHT * coverage * coverage);  // among pages
      const side = !compares && namesTheReferenceSide(item, typed) ? ONE_SIDE : 1;  // within its page
      return { ...item, score: rank * side, rank };
    });
    return liftDetail(items.sort((a, b) => b.score - a.score), typed, separator, weights);
  });
  // Pages are ordered by their best entry's `rank`. Two pages whose best entries score within TIE of each other: the
  // page with more that matches comes first ("precision recall": two questions tie, and the page with all the
  // questions on it is the one asked for).
  const best = (group) => Math.max(...group.map((item) => item.rank));
  const total = (group) => group.reduce((sum, item) => sum + item.rank, 0);
  const tied = (a, b) => Math.abs(best(a) - best(b)) <= TIE * Math.max(best(a), best(b));
  groups.sort((a, b) => (tied(a, b) ? total(b) - total(a) : best(b) - best(a)));
  return { ...result, items: groups.map((group) => group.map(({ rank, ...item }) => item)) };
}

/* A result's query terms with each spelling counted as the word typed: matched when any spelling matched; and the
   words of a name from the vocabulary all matched when the name or another name of its group was. */
function mergeSpellings(result, aliases, expansions = []) {
  for (const group of result.items || [])
    for (const item of group)
      if (item.terms) {
        for (const [form, word] of Object.entries(aliases))
          if (form in item.terms) {
            item.terms[word] = Boolean(item.terms[word]) || item.terms[form];
            delete item.terms[form];
          }
        for (const { words, terms } of expansions) {
          const found = [...words, ...terms].some((term) => item.terms[term]);
          for (const term of terms) if (!words.includes(term)) delete item.terms[term];
          for (const word of words) if (word in item.terms) item.terms[word] = found;
        }
      }
  return result;
}

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  const material = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error(`search worker: unexpected worker ${material}`);
  let separator = /\s+/;
  let vocabulary = [];
  let aliases = {};
  let typed = [];
  let expansions = [];
  let asksForCode = false;
  let compares = false;
  self.addEventListener("message", (event) => {
    const message = event.data;
    if (!message) return;
    if (message.type === 0 && message.data && message.data.config) {  // Material's SETUP: the index
      unpackSearchIndex(message.data);
      separator = new RegExp(message.data.config.separator);
      vocabulary = vocabularyOf(message.data.docs, separator);
      pageTitles = Object.fromEntries(
        message.data.docs.filter((doc) => !doc.location.includes("#")).map((doc) => [doc.location, doc.title || ""]),
      );
      fillerWords = new Set(message.data.config.playbook_filler || []);
      vocabularyGroups = message.data.config.playbook_vocabulary || [];
    }
    if (message.type === 2 && typeof message.data === "string") {  // QUERY
      asksForCode = ASKS_FOR_CODE.test(message.data);
      compares = COMPARES.test(message.data);
      ({ query: message.data, aliases, typed, expansions } = rewriteQuery(message.data, separator, vocabulary));
    }
  });
  const post = self.postMessage.bind(self);
  self.postMessage = (message) => post(message && message.type === 3 ? { ...message, data: applyBoosts(mergeSpellings(message.data, aliases, expansions), typed, separator, typed.map((forms) => weightOf(forms, vocabulary)), asksForCode, compares) } : message);  // 3: RESULT
  self.importScripts(new URL(`../assets/javascripts/workers/${material}`, self.location.href).href);
}
