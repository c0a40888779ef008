import type { Brief } from './brief.js';
import type { PlatformRules } from './platforms.js';

export const DEFAULT_SYSTEM_PROMPT =
  'You are the content agent of TRAE.AI. Write clear, accurate, engaging copy. Never invent facts, numbers or quotes; ' +
  'when source material is given, stay true to it. Answer with JSON only, in the shape asked for, no preamble.';

const context = (b: Brief) =>
  [
    `Topic: ${b.topic}`,
    `Tone: ${b.tone}`,
    b.audience ? `Audience: ${b.audience}` : '',
    b.keywords.length ? `Keywords to weave in: ${b.keywords.slice(0, 8).join(', ')}` : '',
    b.sourceText ? `Source material:\n"""\n${b.sourceText.slice(0, 6_000)}\n"""` : '',
  ]
    .filter(Boolean)
    .join('\n');

export function socialPrompt(b: Brief, rules: PlatformRules, count: number, link?: string): string {
  return [
    `Write ${count} distinct ${rules.label} post${count > 1 ? 's' : ''}.`,
    `Each post must be at most ${rules.maxChars} characters including hashtags${link ? ' and the link' : ''}.`,
    `End each post with up to ${rules.hashtags} relevant hashtags.`,
    link ? `Include this link in each post: ${link}` : '',
    'Answer as JSON: {"posts": [{"text": "...", "hashtags": ["#..."]}]}, the hashtags also inside each text.',
    context(b),
  ]
    .filter(Boolean)
    .join('\n');
}

export function generationPrompt(b: Brief, kind: string, words: number): string {
  return [
    `Write a ${kind.replace(/_/g, ' ')} of about ${words} words in Markdown.`,
    'Start with a level-one heading as the title, then an introduction, sections with level-two headings, and a conclusion.',
    'Answer as JSON: {"title": "...", "body": "the Markdown", "hashtags": ["#..."]}.',
    context(b),
  ].join('\n');
}

export function scriptPrompt(b: Brief, format: string, seconds: number): string {
  return [
    `Write a ${format} script that runs about ${seconds} seconds when read aloud (about ${Math.round((seconds / 60) * 150)} words).`,
    'Split it into scenes, each with its start and end (mm:ss), a title, what is seen and what is said.',
    'Answer as JSON: {"scenes": [{"start": "00:00", "end": "00:05", "title": "...", "visual": "...", "voice": "..."}]}.',
    'Open with a hook in the first seconds and end with a call to action.',
    context(b),
  ].join('\n');
}
