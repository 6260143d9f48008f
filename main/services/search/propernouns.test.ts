import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedsDir } from '../seeds.ts';
import { properNounRuns } from './propernouns.ts';

const texts = (text: string) => properNounRuns(text).map((r) => r.text);

describe('candidate names in news prose', () => {
  it('finds the people, places and organisations of the sample articles', () => {
    const did = fs.readFileSync(path.join(seedsDir(), 'taliban-pakistan-rapprochement.txt'), 'utf8');
    const iran = fs.readFileSync(path.join(seedsDir(), 'pakistan-looks-to-iran.txt'), 'utf8');
    const found = new Set([...texts(did), ...texts(iran)]);
    for (const name of [
      'Sirajuddin Haqqani',
      'Muhammad Ishaq Dar',
      'Amir Khan Muttaqi',
      'Tehrik-i-Taliban Pakistan',
      'TTP',
      'Karachi',
      'Shehbaz Sharif',
      'Asim Munir',
      'Recep Tayyip Erdogan',
      'Masoud Pezeshkian',
      'Economic Cooperation Organization',
      'Mohsin Naqvi',
      'Saudi Arabia',
    ]) {
      expect(found, name).toContain(name);
    }
    // Titles in front of names, and words capitalised only because they open a sentence.
    for (const run of found) expect(run).not.toMatch(/\b(Minister|Chief|President|Despite|Recent|However|These|The)\b/);
  });

  it('keeps the small words inside names and drops possessives', () => {
    expect(texts('They said Osama bin Laden was there, and Zia ul Haq too.')).toEqual(['Osama bin Laden', 'Zia ul Haq']);
    expect(texts('A statement from Bashar al-Assad and the Bank of England followed.')).toEqual(['Bashar al-Assad', 'Bank of England']);
    const text = 'Talks with Pakistan’s army chief went on.';
    expect(properNounRuns(text)).toEqual([{ text: 'Pakistan', start: text.indexOf('Pakistan'), end: text.indexOf('Pakistan') + 8 }]);
  });

  it('leaves out month and day names, function words and title-case headlines', () => {
    expect(texts('On Monday, officials said Imran Khan had met them in March.')).toEqual(['Imran Khan']);
    expect(texts('Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust\n\nThe envoy met Hamid Karzai.')).toEqual(['Hamid Karzai']);
    // A lone capitalised word at a sentence start is kept only when it is a name elsewhere too.
    expect(texts('Officials met. Islamabad said talks would go on. Officials left.')).toEqual([]);
    expect(texts('Officials met in Islamabad. Islamabad said talks would go on.')).toEqual(['Islamabad', 'Islamabad']);
    // Acronyms are not function words, even when they spell one.
    expect(texts('DID Press reported it.')).toEqual(['DID Press']);
  });

  it('gives offsets into the text as written', () => {
    const text = 'پاکستان: Prime Minister Shehbaz Sharif met Gen. Asim Munir.';
    for (const run of properNounRuns(text)) expect(text.slice(run.start, run.end)).toBe(run.text);
    expect(texts(text)).toEqual(['Shehbaz Sharif', 'Asim Munir']);
    expect(texts('پاکستان نے ایران سے ثالثی کی درخواست کی۔')).toEqual([]);
  });
});
