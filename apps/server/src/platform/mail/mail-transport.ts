import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface Mailer {
  /** false when SMTP_URL is unset: notifications stay in-app */
  readonly enabled: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer; one pooled transport per process. */
export function createMailer({
  smtpUrl,
  from,
  log,
}: {
  smtpUrl: string | undefined;
  from: string;
  log: { info(msg: string): void };
}): Mailer {
  if (!smtpUrl) {
    log.info('SMTP_URL is not set: e-mail notifications are disabled (in-app notifications still work)');
    return {
      enabled: false,
      async send() {
        throw new Error('e-mail is disabled (SMTP_URL is not set)');
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    enabled: true,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}
