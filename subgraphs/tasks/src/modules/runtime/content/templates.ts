import { wordCount } from '../text.js';
import type { Brief } from './brief.js';
import { charCount, fitPost } from './fit.js';
import type { PlatformRules } from './platforms.js';

/**
 * The writer used when no language model is configured. It cannot be clever, so it is careful instead:
 * every draft is built from the brief (topic, keywords, talking points from source text and research),
 * respects the platform's limits, and its task says `mode: TEMPLATE`. What it cannot write, it refuses.
 */
export const TEMPLATE_NOTE =
  'No language model is configured (set LLM_BASE_URL and LLM_MODEL, OPENAI_API_KEY or ANTHROPIC_API_KEY).';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pick = <T>(list: T[], i: number): T => list[i % list.length];
const CASUAL = /friendly|casual|playful|fun|upbeat/i;

/** With no keywords (no source text, no research), sections and scenes follow these angles instead. */
const ANGLES: { title: string; text: (t: string) => string }[] = [
  {
    title: 'The basics',
    text: (t) =>
      `The easiest way into ${t} is to start with what it is for: the problem it solves, in one sentence, and who has that problem.`,
  },
  {
    title: 'Why it matters',
    text: (t) =>
      `Done well, ${t} saves time, money or attention; done badly, it adds work. The difference is usually a clear goal.`,
  },
  {
    title: 'Getting started',
    text: (t) =>
      `Pick one small, concrete first step with ${t}, give it a date, and decide how you will know it worked.`,
  },
  {
    title: 'Common mistakes',
    text: (t) =>
      `The usual mistakes with ${t} are doing too much at once, skipping the measurement, and copying someone else's setup without asking whether it fits.`,
  },
  {
    title: 'What comes next',
    text: (t) =>
      `Once the basics of ${t} are in place, look back at what you learned, keep what worked, and choose the next improvement.`,
  },
];

/** Sections of a draft: one per keyword when there are keywords, otherwise the generic angles. */
function sections(b: Brief, count: number, words: number) {
  const used = new Set<string>();
  if (!b.keywords.length)
    return ANGLES.slice(0, count).map((a) => ({ title: a.title, text: a.text(b.topic) }));
  return b.keywords.slice(0, count).map((k, i) => ({ title: cap(k), text: paragraph(b, k, words, i, used) }));
}

function hooks(b: Brief): string[] {
  const [k0, k1] = b.keywords;
  return [
    `${cap(b.topic)}: here is what actually matters.`,
    `Thinking about ${b.topic}? Start here.`,
    k0 ? `How ${k0} changes the picture for ${b.topic}.` : `A quick, honest take on ${b.topic}.`,
    `${cap(b.topic)} in one minute.`,
    k1 ? `The part of ${b.topic} most people skip: ${k1}.` : `One thing to know about ${b.topic}.`,
  ];
}

function point(b: Brief, i: number): string {
  if (b.points.length) return pick(b.points, i);
  const k = b.keywords.length ? pick(b.keywords, i) : null;
  return pick(
    k
      ? [
          `Get ${k} right and the rest of ${b.topic} gets easier.`,
          `Keep an eye on ${k}: it is where ${b.topic} pays off.`,
          `Small, steady steps on ${k} beat one big push.`,
        ]
      : [
          `Start small with ${b.topic}, measure what changes, then build on what works.`,
          `The best results with ${b.topic} come from doing the basics consistently.`,
          `Before going big on ${b.topic}, be clear about the problem it should solve.`,
        ],
    i,
  );
}

export function socialPosts(b: Brief, rules: PlatformRules, count: number, link?: string) {
  const tags = b.tags.slice(0, rules.hashtags);
  const ctas = ["What's your take?", 'Save this for later.', 'Share it with someone who needs it.'];
  const emoji = CASUAL.test(b.tone) ? ['🚀 ', '💡 ', '✅ ', '👉 ', '✨ '] : [''];
  return Array.from({ length: count }, (_, i) => {
    const hook = `${pick(emoji, i)}${pick(hooks(b), i)}`;
    const body = rules.longForm
      ? [
          hook,
          '',
          ...[0, 1, 2].map((j) => `• ${point(b, i + j)}`),
          '',
          link ? 'More at the link below.' : pick(ctas, i),
        ].join('\n')
      : `${hook} ${point(b, i)} ${pick(ctas, i)}`;
    const text = fitPost(body, rules.maxChars, tags, link);
    return { text, characters: charCount(text), hashtags: tags.filter((t) => text.includes(t)) };
  });
}

const SENTENCES = [
  (k: string, t: string) => `When it comes to ${t}, ${k} deserves more attention than it usually gets.`,
  (k: string) =>
    `Start by writing down what ${k} means for you today, and what good would look like in three months.`,
  (k: string, t: string) =>
    `People who succeed with ${t} treat ${k} as a habit rather than a one-off project.`,
  (k: string) => `Track ${k} with one or two simple measures, and review them on a fixed rhythm.`,
  (k: string) =>
    `The most common mistake with ${k} is trying to do everything at once; pick the smallest useful step.`,
  (k: string, t: string) => `Done well, ${k} makes every other part of ${t} easier to reason about.`,
];

/** Source sentences about the keyword (each used once per draft), then template sentences up to the length. */
function paragraph(b: Brief, keyword: string, words: number, offset: number, used: Set<string>): string {
  const out: string[] = [];
  const key = keyword.toLowerCase();
  for (const p of b.points) {
    if (out.length < 2 && !used.has(p) && p.toLowerCase().includes(key)) {
      used.add(p);
      out.push(p);
    }
  }
  for (let i = 0; wordCount(out.join(' ')) < words && i < SENTENCES.length; i++) {
    out.push(pick(SENTENCES, i + offset)(keyword, b.topic));
  }
  return out.join(' ');
}

const TITLES: Record<string, (t: string) => string> = {
  blog_post: (t) => `${cap(t)}: A Practical Guide`,
  article: (t) => `Understanding ${cap(t)}`,
  newsletter: (t) => `This Week: ${cap(t)}`,
  product_description: (t) => cap(t),
  email: (t) => `Subject: ${cap(t)}, and what it means for you`,
};

export function article(b: Brief, kind: string, words: number) {
  const title = (TITLES[kind] ?? TITLES.blog_post)(b.topic);
  const count = Math.max(2, Math.min(5, Math.round(words / 120)));
  const parts = sections(b, count, Math.max(30, Math.round((words * 0.75) / count)));
  const intro =
    `A lot of people are thinking about ${b.topic}${b.audience ? `, especially ${b.audience}` : ''}. ` +
    `This ${kind.replace(/_/g, ' ')} covers ${parts.map((p) => p.title.toLowerCase()).join(', ')}, and what they mean in practice.`;
  const takeaways = b.keywords.length
    ? b.keywords.slice(0, count).map((k, i) => `- ${cap(k)}: ${pick(SENTENCES, i + 3)(k, b.topic)}`)
    : [`- Start small with ${b.topic}, measure, and build on what works.`];
  const body = [
    `# ${title}`,
    intro,
    ...parts.flatMap((p) => [`## ${p.title}`, p.text]),
    '## Key takeaways',
    ...takeaways,
  ].join('\n\n');
  return { title, body, words: wordCount(body), keywords: b.keywords };
}

const clock = (s: number) =>
  `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export function script(b: Brief, format: string, seconds: number) {
  const count = Math.max(1, Math.min(5, Math.round(seconds / 25)));
  const hook = Math.min(5, Math.round(seconds * 0.1));
  const outro = Math.max(5, Math.round(seconds * 0.15));
  const intro = Math.round(seconds * 0.15);
  const each = (seconds - hook - outro - intro) / count;
  const mains = sections(b, count, Math.round((each / 60) * 150));
  const plan = [
    { title: 'Hook', length: hook, visual: 'Fast cut, bold on-screen text', voice: pick(hooks(b), 0) },
    {
      title: 'Intro',
      length: intro,
      visual: 'Presenter to camera',
      voice: `Today: ${b.topic}. We will cover ${mains
        .slice(0, 3)
        .map((m) => m.title.toLowerCase())
        .join(', ')}.`,
    },
    ...mains.map((m, i) => ({
      title: m.title,
      length: each,
      visual: pick(['B-roll with captions', 'Screen recording or diagram', 'Presenter with lower-third'], i),
      voice: m.text,
    })),
    {
      title: 'Call to action',
      length: outro,
      visual: 'End card with subscribe prompt',
      voice: `That is ${b.topic} in ${Math.max(1, Math.round(seconds / 60))} minute${seconds >= 90 ? 's' : ''}. Follow for more, and tell us what to cover next.`,
    },
  ];
  let at = 0;
  const scenes = plan.map((s) => {
    const scene = {
      start: clock(at),
      end: clock(at + s.length),
      title: s.title,
      visual: s.visual,
      voice: s.voice,
    };
    at += s.length;
    return scene;
  });
  const text = scenes
    .map((s) => `[${s.start}-${s.end}] ${s.title}\nVISUAL: ${s.visual}\nVOICE: ${s.voice}`)
    .join('\n\n');
  return {
    format,
    durationSeconds: seconds,
    scenes,
    script: text,
    words: wordCount(scenes.map((s) => s.voice).join(' ')),
  };
}
