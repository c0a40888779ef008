import type { Logger, Mailer, MailMessage } from '@trae/kit';

/**
 * Account email through the kit's mailer. `send` waits (a signed-in person is told when the server is
 * down); `later` runs the whole step after the answer, for anonymous requests whose answer must not
 * depend on whether an account exists: neither an error nor the time taken may tell.
 */
export class Outbox {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly mailer: Mailer,
    private readonly log: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.mailer.send(message);
  }

  later(step: () => Promise<void>): void {
    const run = Promise.resolve()
      .then(step)
      .catch((err: unknown) => this.log.warn({ err }, 'account email step failed'))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Waits for the steps under way (shutdown), then closes the mailer's connections. */
  async close(): Promise<void> {
    await Promise.all(this.pending);
    this.mailer.close();
  }
}
