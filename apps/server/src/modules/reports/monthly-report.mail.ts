import { escapeHtml, type RenderedMail } from '../../platform/mail/mail-templates.js';
import { reportWords } from './monthly-report.labels.js';
import type { MonthlyReport } from './monthly-report.service.js';

/** The e-mail that carries a monthly report: a short text in the recipient's language; the files are attached. */
export function renderReportMail(report: MonthlyReport): RenderedMail {
  const w = reportWords(report.language);
  const month = w.monthName(report.month.from);
  const intro = w.mailIntro(report.entity.name, month);
  return {
    subject: w.subject(report.entity.name, report.month.month),
    text: [intro, '', '-- ', w.mailFooter].join('\n'),
    html: [
      '<!doctype html>',
      `<html lang="${report.language}"><body style="font-family: sans-serif; line-height: 1.5">`,
      `<p>${escapeHtml(intro)}</p>`,
      `<p style="color: #555">${escapeHtml(w.mailFooter)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}

/** `rapport-mensuel-<entity>-<YYYY-MM>` (or `monthly-report-…`), ASCII only, for file names and headers. */
export function reportFileName(report: Pick<MonthlyReport, 'entity' | 'month' | 'language'>): string {
  const slug = report.entity.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
  const prefix = report.language === 'fr' ? 'rapport-mensuel' : 'monthly-report';
  return `${prefix}-${slug || report.entity.id}-${report.month.month}`;
}
