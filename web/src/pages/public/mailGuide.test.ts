import { describe, expect, it } from 'vitest';
import { ISSUING_CA_PATH, ROOT_CA_PATH, guideTexts, mailGuide, type Guide, type Part } from './mailGuide';

const guide = mailGuide('chungthu.bacninh.gov.vn');

type LinkPart = Exclude<Part, string>;

/** The links of a guide, in reading order. */
function links(g: Guide): LinkPart[] {
  const out: LinkPart[] = [];
  for (const s of g.sections) {
    for (const item of [s.intro ?? [], ...(s.items ?? [])]) {
      for (const p of item) if (typeof p !== 'string') out.push(p);
    }
  }
  return out;
}

const target = (p: LinkPart) => ('href' in p ? p.href : p.to);

describe('the mail-checking guide', () => {
  it('says the same things in both languages, in the same order', () => {
    const shape = (g: Guide) => g.sections.map((s) => [s.id, s.intro?.length ?? 0, s.items?.length ?? 0]);
    expect(shape(guide.vi)).toEqual(shape(guide.en));
    expect(links(guide.vi).map(target)).toEqual(links(guide.en).map(target));
    expect(links(guide.vi).map(target)).toContain('/notifications');
  });

  it.each(['vi', 'en'] as const)('in %s: S/MIME, the PIN, both CA certificates, the portal host', (lang) => {
    const all = guideTexts(guide[lang]).join('\n');
    expect(all).toContain('S/MIME');
    expect(all).toContain('PIN');
    expect(all).toContain('Thunderbird');
    expect(all).toContain('Outlook');
    expect(all).toContain('chungthu.bacninh.gov.vn');
    const hrefs = links(guide[lang]).flatMap((p) => ('href' in p ? [p.href] : []));
    expect(hrefs).toEqual([ROOT_CA_PATH, ISSUING_CA_PATH]);
  });

  it('the CA certificates are the files the server publishes', () => {
    expect(ROOT_CA_PATH).toBe('/ca/root.crt');
    expect(ISSUING_CA_PATH).toBe('/ca/issuing.crt');
  });

  it('writes Vietnamese in NFC, as the server compares and stores it', () => {
    for (const text of guideTexts(guide.vi)) expect(text.normalize('NFC'), text).toBe(text);
    expect(guide.vi.title).toBe('Kiểm tra thư của chungthu');
    expect(guide.en.title).toBe('How to check a mail from chungthu');
  });
});
