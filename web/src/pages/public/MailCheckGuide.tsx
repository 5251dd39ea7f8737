// "/huong-dan/kiem-tra-thu" for anyone, without sign-in: the page the footer of every mail links
// to (the server's templates name this exact path). The title and the guide in Vietnamese, then
// in English, whichever language the portal is switched to: a reader arriving from a mail may not
// know the switch.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Divider, Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/Status';
import type { Lang } from '../../lib/format';
import { mailGuide, type Guide, type Part } from './mailGuide';

// Links inside a sentence are underlined: colour alone does not set them apart (WCAG 1.4.1).
const IN_TEXT = { textDecoration: 'underline' } as const;

function Parts({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <Fragment key={i}>{p}</Fragment>
        ) : 'href' in p ? (
          <a key={i} href={p.href} style={IN_TEXT} data-testid={`guide-link-${p.href}`}>
            {p.text}
          </a>
        ) : (
          <Link key={i} to={p.to} style={IN_TEXT}>
            {p.text}
          </Link>
        ),
      )}
    </>
  );
}

const LANGUAGE_NAME: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };

function GuideText({ guide, lang }: { guide: Guide; lang: Lang }) {
  return (
    <section lang={lang} aria-labelledby={`mail-guide-${lang}`} data-testid={`mail-guide-${lang}`} style={{ maxWidth: 820 }}>
      <Typography.Title level={2} id={`mail-guide-${lang}`} tabIndex={-1} style={{ fontSize: 22, outline: 'none' }}>
        {LANGUAGE_NAME[lang]}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        style={{ marginBottom: 16 }}
        message={<Parts parts={guide.lead} />}
      />
      {guide.sections.map((s) => (
        <Fragment key={s.id}>
          <Typography.Title level={3} style={{ fontSize: 18 }}>
            {s.title}
          </Typography.Title>
          {s.intro && (
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              <Parts parts={s.intro} />
            </Typography.Paragraph>
          )}
          {s.items && (
            <ul style={{ marginTop: 0, paddingInlineStart: 24 }}>
              {s.items.map((item, i) => (
                <li key={i} style={{ marginBottom: 6 }}>
                  <Parts parts={item} />
                </li>
              ))}
            </ul>
          )}
        </Fragment>
      ))}
    </section>
  );
}

export function MailCheckGuide() {
  const guide = mailGuide(window.location.host);
  const toEnglish = () => {
    const h = document.getElementById('mail-guide-en');
    h?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    h?.focus({ preventScroll: true });
  };
  return (
    <>
      <PageTitle>
        {guide.vi.title}
        <br />
        <span lang="en" style={{ fontSize: '0.6em', fontWeight: 400 }}>
          {guide.en.title}
        </span>
      </PageTitle>
      <Typography.Paragraph lang="en">
        <a
          href="#mail-guide-en"
          data-testid="mail-guide-to-en"
          onClick={(e) => {
            // Scroll and focus without touching the router's location (as the skip link does).
            e.preventDefault();
            toEnglish();
          }}
        >
          English version below
        </a>
      </Typography.Paragraph>
      <GuideText guide={guide.vi} lang="vi" />
      <Divider />
      <GuideText guide={guide.en} lang="en" />
    </>
  );
}
