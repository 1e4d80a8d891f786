/**
 * A real SMTP server inside the test process (smtp-server), with faults on demand: refuse a
 * connection (closed port), drop the connection in the middle of DATA, answer 451 or 550 after
 * DATA, refuse a recipient at RCPT TO or the sender at MAIL FROM, or require a login; or accept
 * connections and never greet (silentSmtp). Every
 * accepted message is parsed with mailparser (its raw source kept) so tests can inspect it.
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
  /** Answers to RCPT TO for one recipient, e.g. '550 5.1.1 No such user', while set. */
  rcptRefusals: Map<string, string>;
  /** While set, the answer to every MAIL FROM, e.g. '553 5.7.1 Sender not allowed'. */
  senderRefusal: string | undefined;
  /** Raw source of each accepted message, in the order of `received`. */
  raw: Buffer[];
  /** A mailer for this server; `auth` logs in with these credentials. */
  mailer(auth?: { user: string; pass: string }): Mailer;
  close(): Promise<void>;
}

/** An SMTP error as smtp-server answers it: "550 5.1.1 text" gives code 550 and that line. */
function refusal(answer: string): Error {
  const m = /^(\d{3}) (.*)$/.exec(answer);
  return Object.assign(new Error(m ? m[2] : answer), { responseCode: m ? Number(m[1]) : 550 });
}

/** Starts an SMTP server on a free port (no TLS; with `login`, AUTH is required and checked). */
export async function startSmtp(opts: { login?: { user: string; pass: string } } = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const faults: SmtpFault[] = [];
  const recipientFaults = new Map<string, SmtpFault>();
  const rcptRefusals = new Map<string, string>();
  const state: { senderRefusal: string | undefined } = { senderRefusal: undefined };
  const sockets = new Set<Socket>();
  const mailers: Mailer[] = [];
  const login = opts.login;
  const server = new SMTPServer({
    authOptional: !login,
    allowInsecureAuth: true,
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      callback(state.senderRefusal ? refusal(state.senderRefusal) : undefined);
    },
    onRcptTo(address, _session, callback) {
      const answer = rcptRefusals.get(address.address.toLowerCase());
      callback(answer ? refusal(answer) : undefined);
    },
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
        const source = Buffer.concat(chunks);
        simpleParser(source)
          .then((m) => {
            received.push(m);
            raw.push(source);
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
    rcptRefusals,
    get senderRefusal() {
      return state.senderRefusal;
    },
    set senderRefusal(v) {
      state.senderRefusal = v;
    },
    raw,
    mailer(auth) {
      const smtpUrl = auth ? `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@127.0.0.1:${port}` : url;
      const m = createMailer({ smtpUrl, from: 'Paperboy <digest@paperboy.test>', logger: pino({ level: 'silent' }) });
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

/** A server that accepts TCP connections and never greets: sends wait out the greeting timeout. */
export async function silentSmtp(): Promise<{ url: string; close(): Promise<void> }> {
  const net = await import('node:net');
  const sockets = new Set<Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `smtp://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}
