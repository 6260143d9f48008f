// News text in Urdu, Persian and Arabic for the tests of decoding and search: short
// reports retold in our own words from real ones (outlets and dates below), keeping
// their names, vocabulary and spelling habits: Urdu's ے ہ ں ٹ ڈ ڑ and the full stop ۔,
// Persian's zero-width non-joiner (ZWNJ, U+200C) inside words such as می‌شود, and
// Arabic with the vowel marks (harakat) and tatweel that news sites put on names.

/** After BBC News Urdu (bbc.com/urdu, 2023): Ishaq Dar on the IMF loan and the nuclear programme. */
export const URDU_NEWS = [
  'آئی ایم ایف کا قرض اور ایٹمی پروگرام',
  'پاکستان کے وزیر خزانہ اسحاق ڈار نے کہا ہے کہ ایٹمی پروگرام کے بارے میں ان کا بیان ایک ساتھی سینیٹر کے سوال کا جواب تھا۔',
  'ان کے مطابق اس بیان کا آئی ایم ایف کے ساتھ جاری مذاکرات سے کوئی تعلق نہیں اور قرض کی شرائط پر بات چیت بدستور جاری ہے۔',
  'خیبر پختونخوا اور بلوچستان کے تاجروں کا کہنا ہے کہ طورخم کی سرحد بند ہونے سے سینکڑوں ٹرک کھڑے ہیں اور روزانہ لاکھوں روپے کا نقصان ہو رہا ہے۔',
].join('\n\n');

/** After Mehr News Agency (mehrnews.com, 2025-12-20): snow and rain in the south and west before Yalda night. */
export const PERSIAN_NEWS = [
  'بارش برف و باران در روزهای پایانی پاییز',
  'خبرگزاری مهر گزارش داد که بارش شدید برف و باران در مناطق جنوبی و غربی کشور در آخرین روزهای پاییز ۱۴۰۴ ادامه دارد.',
  'مردم در حالی برای شب یلدا آماده می‌شوند که گرانی‌های بازار و نابسامانی‌های مدیریتی کار خانواده‌ها را سخت‌تر کرده است.',
  'به گفته کارشناسان، بارندگی‌های اخیر امیدها را برای کاهش کم‌آبی در استان‌های جنوبی بیشتر کرده است.',
].join('\n\n');

/** After Asharq Al-Awsat (aawsat.com, 2020-03-03): Persian Wikipedia blocked in Iran after an official's death. */
export const ARABIC_NEWS = [
  'ناشطون: حجب ويكيبيديا الفارسية في إيران',
  'قال ناشطون إيرانيون يوم الثلاثاء إن موقع ويكيبيديا باللغة الفارسية حُجب في إيران بعد وفاة أحد المقربين من المرشد علي خامنئي.',
  'وكان عضو مجمع تشخيص مصلحة النظام مُحَمَّد مير مُحَمَّدي قد تُوُفِّيَ يوم الاثنين متأثراً بإصابته بفيروس كورونا المستجد.',
  'وتواجه السلطـــات انتقادات متزايدة بسبب تفشي الفيروس، بحسب وكالة أسوشييتد برس للأنباء.',
].join('\n\n');

/**
 * The text as legacy Windows software saved it in windows-1256, which has no Persian
 * yeh (ی), Urdu full stop (۔) or Persian digits: writers typed the Arabic ي, a
 * period and Western digits instead.
 */
export function asWindows1256Text(text: string): string {
  return text
    .replaceAll('ی', 'ي')
    .replaceAll('۔', '.')
    .replace(/[۰-۹]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0));
}
