/** What each platform accepts: hard character limits and how many hashtags read as natural there. */
export interface PlatformRules {
  label: string;
  maxChars: number;
  hashtags: number;
  /** Long-form platforms get paragraphs; short ones a single punchy block. */
  longForm: boolean;
}

export const PLATFORMS = {
  twitter: { label: 'X (Twitter)', maxChars: 280, hashtags: 2, longForm: false },
  x: { label: 'X (Twitter)', maxChars: 280, hashtags: 2, longForm: false },
  threads: { label: 'Threads', maxChars: 500, hashtags: 1, longForm: false },
  bluesky: { label: 'Bluesky', maxChars: 300, hashtags: 2, longForm: false },
  mastodon: { label: 'Mastodon', maxChars: 500, hashtags: 3, longForm: false },
  linkedin: { label: 'LinkedIn', maxChars: 3000, hashtags: 3, longForm: true },
  facebook: { label: 'Facebook', maxChars: 2000, hashtags: 2, longForm: true },
  instagram: { label: 'Instagram', maxChars: 2200, hashtags: 10, longForm: true },
  tiktok: { label: 'TikTok', maxChars: 2200, hashtags: 5, longForm: false },
  youtube: { label: 'YouTube', maxChars: 5000, hashtags: 3, longForm: true },
  generic: { label: 'social media', maxChars: 1000, hashtags: 3, longForm: false },
} satisfies Record<string, PlatformRules>;

export type Platform = keyof typeof PLATFORMS;
export const PLATFORM_NAMES = Object.keys(PLATFORMS) as [Platform, ...Platform[]];

/** Channels name platforms their own way (`YOUTUBE`, `Twitter`); anything unknown gets generic rules. */
export function toPlatform(value: unknown): Platform {
  const key = String(value ?? '').toLowerCase();
  return key in PLATFORMS ? (key as Platform) : 'generic';
}
