import { type Received, smtpServer } from '@trae/kit/testing';
import { type Harness, startIdentity } from './setup.js';

export interface MailHarness extends Harness {
  received: Received[];
  /** The token of the next link to `page` emailed to `to` (waits for it to arrive). */
  nextToken(to: string, page: '/reset-password' | '/verify-email'): Promise<string>;
}

/** identity with a real in-process SMTP server behind SMTP_URL, so tests read the links from the mail. */
export async function startIdentityWithMail(env: Record<string, string> = {}): Promise<MailHarness> {
  const smtp = await smtpServer();
  const h = await startIdentity({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, ...env });
  const read = new Set<Received>();
  return {
    ...h,
    received: smtp.received,
    async nextToken(to, page) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const mail = smtp.received.find(
          (m) => !read.has(m) && m.envelopeTo.includes(to) && (m.mail.text ?? '').includes(page),
        );
        if (mail) {
          read.add(mail);
          const link = new URL((mail.mail.text ?? '').match(/https?:\/\/\S+/)?.[0] ?? '');
          return link.searchParams.get('token') ?? '';
        }
        if (Date.now() > deadline) throw new Error(`no ${page} email to ${to} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop() {
      await h.stop();
      await smtp.close();
    },
  };
}
