/**
 * A real SMTP server inside the test process (smtp-server), with faults on demand: refuse a
 * connection (closed port), drop the connection in the middle of DATA, answer 451 or 550. Every
 * accepted message is parsed with mailparser so tests can count and inspect what arrived.
 */
import type { AddressInfo, Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';

/** What the server does with the next DATA: accept, drop the connection, or answer an error. */
export type SmtpFault = 'accept' | 'drop' | 'stall' | 451 | 550;

export interface TestSmtp {
  url: string;
  port: number;
  /** Messages accepted (250), in arrival order. */
  received: ParsedMail[];
  /** Faults for the next DATA commands, used up in order; then everything is accepted. */
  faults: SmtpFault[];
  /** A fault for every DATA to one recipient, while set. */
  recipientFaults: Map<string, SmtpFault>;
  mailer(): Mailer;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free port (no TLS, no auth). */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const faults: SmtpFault[] = [];
  const recipientFaults = new Map<string, SmtpFault>();
  const sockets = new Set<Socket>();
  const mailers: Mailer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const fault = to.map((a) => recipientFaults.get(a)).find((f) => f !== undefined) ?? faults.shift() ?? 'accept';
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        // Dropping the connection mid-DATA: the client sees a closed socket, never a reply.
        if (fault === 'drop') for (const s of sockets) if (s.remotePort === session.remotePort) s.destroy();
      });
      stream.on('end', () => {
        // 'stall' never answers: the client hangs between "claimed" and "sent" until it is killed.
        if (fault === 'drop' || fault === 'stall') return;
        if (fault === 451 || fault === 550) {
          const err = Object.assign(new Error(fault === 451 ? 'Try again later' : 'No such user here'), { responseCode: fault });
          callback(err);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((m) => {
            received.push(m);
            callback();
          })
          .catch(callback);
      });
    },
  });
  (server as unknown as { server: import('node:net').Server }).server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: import('node:net').Server }).server.address() as AddressInfo).port;
  const url = `smtp://127.0.0.1:${port}`;
  return {
    url,
    port,
    received,
    faults,
    recipientFaults,
    mailer() {
      const m = createMailer({ smtpUrl: url, from: 'Paperboy <digest@paperboy.test>', logger: pino({ level: 'silent' }) });
      mailers.push(m);
      return m;
    },
    async close() {
      for (const m of mailers) m.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL of a port nothing listens on: connections are refused. */
export async function refusedSmtpUrl(): Promise<string> {
  const net = await import('node:net');
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return `smtp://127.0.0.1:${port}`;
}
