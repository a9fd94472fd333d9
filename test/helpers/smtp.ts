import { SMTPServer } from 'smtp-server';

/** One message the loopback server accepted, with its text and html parts decoded. */
export interface ReceivedMail {
  /** The envelope sender (`MAIL FROM`), an address without a display name. */
  from: string;
  /** The envelope recipients (`RCPT TO`), in the order they were given. */
  to: string[];
  /** The decoded `Subject` header, or an empty string when there is none. */
  subject: string;
  /** The first `text/plain` part that is not an attachment, decoded, with LF line ends. */
  text: string | undefined;
  /** The first `text/html` part that is not an attachment, decoded, with LF line ends. */
  html: string | undefined;
  /** The top-level headers, names in lower case, encoded words decoded; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** The parts sent as attachments, in order. */
  attachments: ReceivedAttachment[];
  /** The message as it arrived, for assertions on its exact form. */
  raw: string;
}

/** One attachment of a received message, its content decoded. */
export interface ReceivedAttachment {
  /** The `filename` of its `Content-Disposition`, or of its `Content-Type`'s `name`. */
  filename: string | undefined;
  /** The whole `Content-Type` header, parameters included. */
  contentType: string;
  content: Buffer;
}

/** A running loopback SMTP server. */
export interface TestSmtpServer {
  /** The URL to give the mailer, such as `smtp://127.0.0.1:41234`. */
  url: string;
  /** The TCP port the server listens on. */
  port: number;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /** Resolves with all messages once at least `count` have arrived; rejects after `timeoutMs` (default 20 s, for a loaded machine). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Stops listening; pending `waitFor` calls reject. */
  close(): Promise<void>;
}

interface Waiter {
  count: number;
  resolve(messages: ReceivedMail[]): void;
  reject(error: Error): void;
}

/**
 * Starts a real SMTP server on 127.0.0.1 on a free port, without TLS or authentication, that keeps
 * every message it receives, so tests check what a mailer really sent without mocking it.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let waiters: Waiter[] = [];

  const server = new SMTPServer({
    authOptional: true,
    secure: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        const raw = Buffer.concat(chunks);
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parseMimeMessage(raw),
          raw: raw.toString('utf8'),
        });
        const ready = waiters.filter((w) => messages.length >= w.count);
        waiters = waiters.filter((w) => messages.length < w.count);
        for (const w of ready) w.resolve([...messages]);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The SMTP server has no TCP port.');
  const { port } = address;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(count, timeoutMs = 20_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`Expected ${count} messages within ${timeoutMs} ms; ${messages.length} arrived.`));
        }, timeoutMs);
        const waiter: Waiter = {
          count,
          resolve: (all) => {
            clearTimeout(timer);
            resolve(all);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.push(waiter);
      });
    },
    close() {
      for (const w of waiters.splice(0)) w.reject(new Error('The SMTP server was closed before the messages arrived.'));
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The parts of a MIME message that tests read: its subject, text, html and top-level headers. */
export interface ParsedMail {
  subject: string;
  text: string | undefined;
  html: string | undefined;
  headers: Record<string, string>;
  attachments: ReceivedAttachment[];
}

/**
 * Parses an RFC 5322 message as mailers such as nodemailer write it (multipart, base64,
 * quoted-printable, encoded words); enough for tests, not a general mail parser.
 */
export function parseMimeMessage(message: Buffer | string): ParsedMail {
  // latin1 maps every byte to one character, so offsets stay byte offsets until a part is decoded.
  const binary = typeof message === 'string' ? Buffer.from(message, 'utf8').toString('latin1') : message.toString('latin1');
  const top = parseEntity(binary);
  if (!parseContentType(top.headers['content-type']).type.startsWith('multipart/')) {
    // The CRLF that ends the last line of a single-part body is not content, as the one before a boundary is not.
    top.body = top.body.replace(/\r?\n$/, '');
  }
  const found: Found = { attachments: [] };
  collectBodies(top, found);
  return { subject: top.headers['subject'] ?? '', text: found.text, html: found.html, headers: top.headers, attachments: found.attachments };
}

interface Entity {
  headers: Record<string, string>;
  /** The body as latin1 characters, one per byte, still transfer-encoded. */
  body: string;
}

function parseEntity(binary: string): Entity {
  const match = /\r?\n\r?\n/.exec(binary);
  const head = match ? binary.slice(0, match.index) : binary;
  const body = match ? binary.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // RFC 6532 allows raw UTF-8 in headers; RFC 2047 encoded words cover the rest.
    headers[name] = decodeEncodedWords(Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
  }
  return { headers, body };
}

interface Found {
  text?: string;
  html?: string;
  attachments: ReceivedAttachment[];
}

function collectBodies(entity: Entity, found: Found): void {
  const { type, params } = parseContentType(entity.headers['content-type']);
  if (type.startsWith('multipart/')) {
    const boundary = params['boundary'];
    if (!boundary) return;
    for (const part of splitMultipart(entity.body, boundary)) collectBodies(parseEntity(part), found);
    return;
  }
  const disposition = entity.headers['content-disposition'] ?? '';
  if (/^\s*attachment\b/i.test(disposition)) {
    found.attachments.push({
      filename: parseContentType(disposition).params['filename'] ?? params['name'],
      contentType: entity.headers['content-type'] ?? 'text/plain',
      content: decodeTransfer(entity.body, entity.headers['content-transfer-encoding']),
    });
    return;
  }
  if (type !== 'text/plain' && type !== 'text/html') return;
  const bytes = decodeTransfer(entity.body, entity.headers['content-transfer-encoding']);
  const text = decodeCharset(bytes, params['charset']).replace(/\r\n/g, '\n');
  if (type === 'text/plain') found.text ??= text;
  else found.html ??= text;
}

function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = (value ?? 'text/plain; charset=us-ascii').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(current.join('\r\n'));
      if (trimmed.endsWith('--') && trimmed !== delimiter) return parts;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
    default:
      return Buffer.from(body, 'latin1');
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(label === 'us-ascii' ? 'utf-8' : label).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function decodeEncodedWords(value: string): string {
  // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 section 6.2).
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(bytes, charset);
    });
}
