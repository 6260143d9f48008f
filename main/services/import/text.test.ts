// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../../common/text/document.ts';
import { convertPlainText, datelineOutlet, isBreadcrumb, splitParagraphs, withoutBoilerplate } from './text.ts';
import type { OriginalFile } from './types.ts';

const SEEDS = '/work/shared/seeds';

function original(name: string | null = 'article.txt'): OriginalFile {
  return { bytes: new Uint8Array(0), type: 'text/plain', name };
}

function seed(name: string): { text: string; candidate: ReturnType<typeof convertPlainText> } {
  const text = readFileSync(`${SEEDS}/${name}`, 'utf8');
  return { text, candidate: convertPlainText(text, original(name)) };
}

describe('seed 003: a scraped article with breadcrumb, title, dateline and comment-form footer', () => {
  const { text: source, candidate } = seed('003_f188ad83f863c4e3.txt');
  const text = canonicalText(candidate.body);

  it('takes the title line as the title and the dateline as the outlet', () => {
    expect(candidate.metadata.title).toBe('Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust');
    expect(candidate.metadata.outlet).toBe('DID Press');
    expect(candidate.metadata.direction).toBe('ltr');
  });

  it('starts the body at the dateline, which stays in the text', () => {
    expect(text.startsWith('DID Press: Relations between the Taliban in Afghanistan and Pakistan')).toBe(true);
  });

  it('drops the category breadcrumb and the footer', () => {
    expect(text).not.toContain('AfghanistanAnalysis');
    expect(text).not.toContain('Leave a Reply');
    expect(text).not.toContain('Your email address will not be published');
    expect(text).not.toContain('Back to top');
    expect(text.endsWith('tangible cooperation to build mutual confidence.')).toBe(true);
  });

  it('keeps the prose intact', () => {
    expect(text).toContain('Sirajuddin Haqqani');
    expect(text).toContain('Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities');
    // Every paragraph between the title and the footer, word for word.
    const paragraphs = source.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    expect(text).toBe(paragraphs.slice(2, -3).join('\n\n'));
    expect(candidate.body.root.children).toHaveLength(7);
  });
});

describe('seed 000: an article that opens with prose and has no title line', () => {
  const { text: source, candidate } = seed('000_4216eb0cd98bbe75.txt');
  const text = canonicalText(candidate.body);

  it('derives a short headline from the first sentence, cut at a word with an ellipsis', () => {
    const title = candidate.metadata.title;
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.endsWith('…')).toBe(true);
    expect(title.startsWith('As Pakistan grapples with heightened conflict with the Taliban-led Afghanistan')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });

  it('keeps the whole text as the body, one paragraph per line', () => {
    const lines = source.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    expect(text).toBe(lines.join('\n\n'));
    expect(text).toContain('Prime Minister Shehbaz Sharif and Army Chief Asim Munir');
    expect(candidate.metadata.outlet).toBeNull();
  });
});

describe('convertPlainText', () => {
  it('uses a short first line without a final period as the title', () => {
    const c = convertPlainText('Iran Offers Mediation\n\nTehran said on Tuesday it was ready to help.', original());
    expect(c.metadata.title).toBe('Iran Offers Mediation');
    expect(canonicalText(c.body)).toBe('Tehran said on Tuesday it was ready to help.');
  });

  it('allows a question as a title but not a sentence or a lead-in', () => {
    expect(convertPlainText('Is peace possible?\n\nBody text here.', original()).metadata.title).toBe('Is peace possible?');
    const sentence = convertPlainText('Talks resumed today.\n\nMore text.', original());
    expect(sentence.metadata.title).toBe('Talks resumed today');
    expect(canonicalText(sentence.body)).toBe('Talks resumed today.\n\nMore text.');
  });

  it('treats a single paragraph as body, with a headline from its first sentence', () => {
    const c = convertPlainText('U.S. officials met Afghan envoys in Doha. They discussed trade.', original());
    expect(c.metadata.title).toBe('U.S. officials met Afghan envoys in Doha');
    expect(canonicalText(c.body)).toBe('U.S. officials met Afghan envoys in Doha. They discussed trade.');
  });

  it('reads a byline and a date placed right under the title, and removes them from the body', () => {
    const c = convertPlainText('Border Talks Stall\nBy Amina Qureshi\nNovember 20, 2025\nTalks ended without agreement.', original());
    expect(c.metadata).toMatchObject({ title: 'Border Talks Stall', byline: 'Amina Qureshi', publishedAt: '2025-11-20' });
    expect(canonicalText(c.body)).toBe('Talks ended without agreement.');
  });

  it('rejoins hard-wrapped paragraphs separated by blank lines', () => {
    const wrapped = 'Title Line\n\nThis paragraph was wrapped by an editor at a fixed width of\nabout sixty characters, so its lines belong together.\n\nSecond paragraph.';
    expect(canonicalText(convertPlainText(wrapped, original()).body)).toBe(
      'This paragraph was wrapped by an editor at a fixed width of about sixty characters, so its lines belong together.\n\nSecond paragraph.',
    );
  });

  it('keeps short lines of a block (a list) as separate paragraphs', () => {
    expect(splitParagraphs('Demands:\n- one\n- two')).toEqual(['Demands:', '- one', '- two']);
  });

  it('detects right-to-left Urdu text', () => {
    const c = convertPlainText('سرحد پر کشیدگی\n\nاسلام آباد میں وزارت خارجہ کے ترجمان نے کہا ہے کہ پاکستان مذاکرات کے لیے تیار ہے۔', original());
    expect(c.metadata.direction).toBe('rtl');
    expect(c.metadata.language).toBe('ur');
    expect(c.body.root.direction).toBe('rtl');
  });

  it('refuses text with nothing but boilerplate or whitespace', () => {
    expect(() => convertPlainText(' \n\n \t', original('blank.txt'))).toThrow(/blank\.txt has no text in it/);
  });
});

describe('boilerplate', () => {
  it('recognises category breadcrumbs but not titles with a few capitals', () => {
    expect(isBreadcrumb('AfghanistanAnalysisAnalysis & OpinionEconomyGovernmentPakistanPeacePoliticsSecuritySocietyThreats')).toBe(true);
    expect(isBreadcrumb('Home › World › Asia')).toBe(true);
    expect(isBreadcrumb('McDonald’s Opens Its First Restaurant in Kabul')).toBe(false);
    expect(isBreadcrumb('Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust')).toBe(false);
  });

  it('removes share, tag and comment lines, including a trailing run of share buttons', () => {
    const kept = withoutBoilerplate([
      'Title',
      'Body paragraph one.',
      'Share this:',
      'Facebook',
      'Body paragraph two mentions Twitter as a platform.',
      'Related Posts',
      'Tags: Pakistan, Taliban, TTP',
      'Comments',
      'Twitter',
      'WhatsApp',
    ]);
    expect(kept).toEqual(['Title', 'Body paragraph one.', 'Facebook', 'Body paragraph two mentions Twitter as a platform.']);
  });

  it('never drops a sentence that merely mentions a boilerplate phrase', () => {
    const lines = ['Leave a reply to the ministry, the minister said, and it will be read.', 'Comments made by the spokesman were later withdrawn.'];
    expect(withoutBoilerplate(['Title', ...lines])).toEqual(['Title', ...lines]);
  });
});

describe('datelineOutlet', () => {
  it('names the outlet of an "OUTLET:" or "CITY (Agency) -" dateline', () => {
    expect(datelineOutlet('DID Press: Relations between the Taliban and Pakistan')).toBe('DID Press');
    expect(datelineOutlet('AFP: The talks ended.')).toBe('AFP');
    expect(datelineOutlet('KABUL (Reuters) - The Taliban said on Monday')).toBe('Reuters');
  });

  it('ignores lead-ins that are not outlets', () => {
    expect(datelineOutlet('Update: the talks have resumed.')).toBeNull();
    expect(datelineOutlet("Editor's note: this story was corrected.")).toBeNull();
    expect(datelineOutlet('The minister said: we will talk.')).toBeNull();
    expect(datelineOutlet('ISLAMABAD: Prime Minister Shehbaz Sharif said on Monday')).toBeNull();
  });
});
