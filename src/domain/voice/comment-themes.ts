import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

export type ThemedComment = { readonly id: string; readonly text: string };

export type CommentTheme = {
  /** Lemmatised noun or two-noun compound, lower case, e.g. "staff planner". */
  theme: string;
  /** Number of distinct comments that mention the theme. */
  count: number;
  /** Mean sentiment (-1..1) of the comments that mention the theme. */
  sentiment: number;
  /** Ids of up to `examplesPerTheme` comments mentioning the theme, most negative first. */
  exampleIds: string[];
};

export type CommentThemes = {
  /** Most frequent first; ties by theme name. */
  themes: CommentTheme[];
  /** Sentiment of every comment, -1 (negative) .. 1 (positive), 0 for an empty comment. */
  sentiments: Record<string, number>;
};

export type CommentThemeOptions = {
  /** Themes mentioned by fewer comments are left out (default 2). */
  minCount?: number;
  /** At most this many themes, most frequent first (default 20). */
  maxThemes?: number;
  /** Example comment ids per theme (default 3). */
  examplesPerTheme?: number;
};

// The model is large; load the pipeline once per process, on first use.
let pipeline: ReturnType<typeof winkNLP> | undefined;
function nlp(): ReturnType<typeof winkNLP> {
  pipeline ??= winkNLP(model, ["sbd", "pos", "negation", "sentiment"]);
  return pipeline;
}

const nounTags = new Set(["NOUN", "PROPN"]);
const markup = /<[^>]*>/g;
// Two-letter nouns are mostly tokenizer debris ("pc", "ok"); they make poor themes.
const minimumThemeLength = 3;

type CommentReading = { sentiment: number; themes: Set<string> };

// Words that carry sentiment on their own ("terrible", "crash") are opinions, not topics;
// the tagger often reads them as nouns at the start of a sentence.
const opinionWords = new Map<string, boolean>();
function isOpinionWord(word: string): boolean {
  let opinion = opinionWords.get(word);
  if (opinion === undefined) {
    const { readDoc, its } = nlp();
    opinion = (readDoc(word).out(its.sentiment) as number) !== 0;
    opinionWords.set(word, opinion);
  }
  return opinion;
}

/** Sentiment and noun themes (single nouns and two-noun compounds) of one comment; markup is stripped. */
export function readComment(text: string): CommentReading {
  const plain = text.replace(markup, " ").trim();
  if (plain === "") return { sentiment: 0, themes: new Set() };
  const { readDoc, its } = nlp();
  const doc = readDoc(plain);
  const sentiment = clamp(doc.out(its.sentiment) as number);
  const tags = doc.tokens().out(its.pos) as string[];
  // The typings declare lemma with the addons argument; at run time it is an ordinary token property.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.normal) as string[];
  const normals = doc.tokens().out(its.normal) as string[];
  const stop = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  const types = doc.tokens().out(its.type) as string[];
  const themes = new Set<string>();
  let run: string[] = [];
  const close = (): void => {
    for (let index = 0; index < run.length; index += 1) {
      const word = run[index] ?? "";
      if (word.length >= minimumThemeLength) themes.add(word);
      const next = run[index + 1];
      if (next !== undefined) themes.add(`${word} ${next}`);
    }
    run = [];
  };
  for (let index = 0; index < tags.length; index += 1) {
    const isNoun =
      nounTags.has(tags[index] ?? "") &&
      types[index] === "word" &&
      stop[index] !== true &&
      !isOpinionWord(normals[index] ?? "");
    if (isNoun) run.push((lemmas[index] ?? "").toLowerCase());
    else close();
  }
  close();
  return { sentiment, themes };
}

/** Keyword themes and sentiments of free-text comments, using wink-nlp's English model. */
export function commentThemes(
  comments: readonly ThemedComment[],
  options: CommentThemeOptions = {},
): CommentThemes {
  const minCount = options.minCount ?? 2;
  const maxThemes = options.maxThemes ?? 20;
  const examplesPerTheme = options.examplesPerTheme ?? 3;
  const sentiments: Record<string, number> = {};
  const byTheme = new Map<string, { id: string; sentiment: number }[]>();
  for (const comment of comments) {
    const reading = readComment(comment.text);
    sentiments[comment.id] = reading.sentiment;
    for (const theme of reading.themes) {
      const mentions = byTheme.get(theme) ?? [];
      mentions.push({ id: comment.id, sentiment: reading.sentiment });
      byTheme.set(theme, mentions);
    }
  }
  const themes: CommentTheme[] = [];
  for (const [theme, mentions] of byTheme) {
    if (mentions.length < minCount) continue;
    // "planner" is left out when "staff planner" is mentioned by as many comments.
    if (isSubsumed(theme, mentions.length, byTheme)) continue;
    const total = mentions.reduce((sum, mention) => sum + mention.sentiment, 0);
    const examples = [...mentions].sort((a, b) => a.sentiment - b.sentiment);
    themes.push({
      theme,
      count: mentions.length,
      sentiment: round(total / mentions.length),
      exampleIds: examples.slice(0, examplesPerTheme).map((mention) => mention.id),
    });
  }
  themes.sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
  return { themes: themes.slice(0, maxThemes), sentiments };
}

function isSubsumed(theme: string, count: number, byTheme: ReadonlyMap<string, readonly unknown[]>): boolean {
  if (theme.includes(" ")) return false;
  for (const [other, mentions] of byTheme) {
    if (other !== theme && other.split(" ").includes(theme) && mentions.length >= count) {
      return true;
    }
  }
  return false;
}

function clamp(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return round(Math.max(-1, Math.min(1, score)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
