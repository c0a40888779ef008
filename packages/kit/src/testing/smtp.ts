import { type AddressInfo, createServer, type Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** What the server got: the envelope, who logged in, and the message as a mail client reads it. */
export interface Received {
  envelopeFrom: string;
  envelopeTo: string[];
  user?: string;
  mail: ParsedMail;
}

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server for tests (`@trae/kit/testing/smtp`, apart from `testing` so only tests that mail load
 * smtp-server), on loopback unless `host` says otherwise. STARTTLS is disabled (and AUTH allowed
 * without it) because the tests have no certificate and the bytes never leave the machine; nodemailer
 * then speaks plain SMTP, as it does to any server that offers no STARTTLS. Production's rule for
 * that case is `requireTLS` in mail.ts.
 */
export async function smtpServer({
  host = '127.0.0.1',
  ...options
}: Partial<SMTPServerOptions> & { host?: string } = {}): Promise<Listening & { received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    ...options,
    onData(stream, session, done) {
      simpleParser(stream).then((mail) => {
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          mail,
        });
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A TCP server that does what `onConnection` says with each socket (nothing: a server that never answers). */
export async function tcpServer(onConnection: (socket: Socket) => void = () => {}): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
